package io.opsroom.stats;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The page {@code /stats}: Opsroom's own health, charts of the last 24 hours first. */
@Path("/stats")
@Produces(MediaType.TEXT_HTML)
public class OwnHealthPages {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  @Inject OwnHealth health;
  @Inject OwnMetrics metrics;
  @Inject Clock clock;

  /**
   * One line of the table of current values.
   *
   * @param group the part of Opsroom it is about
   * @param name what it is
   * @param value its value, formatted
   * @param meter the name on {@code /q/metrics}, blank for none
   * @param bad whether it deserves a look
   */
  public record Row(String group, String name, String value, String meter, boolean bad) {}

  /** What the page shows besides the charts. */
  public record Page(
      OwnStats stats,
      List<OwnCharts.Chart> charts,
      List<Row> rows,
      String historyNote,
      String carbonState,
      boolean carbonFailing) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance stats(Page page);
  }

  @GET
  public String stats() {
    OwnStats stats = health.now();
    Instant now = clock.instant();
    List<OwnCharts.Chart> charts = OwnCharts.draw(metrics.history().samples(), now);
    String historyNote =
        stats.history().samples() == 0
            ? "No history yet: Opsroom started less than one interval ("
                + stats.history().intervalSeconds()
                + " s) ago, or sampling is off. The charts appear after the first sample; the"
                + " current values are below."
            : stats.history().samples()
                + " samples every "
                + stats.history().intervalSeconds()
                + " s since "
                + TIME.format(stats.history().since())
                + ", kept in memory for 24 hours.";
    return Templates.stats(
            new Page(
                stats,
                charts,
                rows(stats),
                historyNote,
                carbonState(stats.carbon()),
                stats.carbon().problem() != null
                    || Boolean.FALSE.equals(stats.carbon().lastSendOk())))
        .render();
  }

  static List<Row> rows(OwnStats s) {
    List<Row> rows = new ArrayList<>();
    String levels =
        s.alerts().entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(" · "));
    long problems =
        s.alerts().getOrDefault("CRITICAL", 0L)
            + s.alerts().getOrDefault("WARNING", 0L)
            + s.alerts().getOrDefault("ERROR", 0L);
    rows.add(new Row("Alerts", "By level", levels, "opsroom_alerts{level}", problems > 0));
    OwnStats.Cycle cycle = s.alertCycle();
    rows.add(
        new Row(
            "Alert cycle",
            "Cycles run · mean duration",
            cycle.count() + " · " + duration(cycle.meanSeconds()),
            "opsroom_alert_cycle_seconds",
            false));
    rows.add(
        new Row(
            "Alert cycle",
            "Lag of the last start",
            duration(cycle.lagSeconds()),
            "opsroom_alerts_cycle_lag_seconds",
            cycle.lagSeconds() != null && cycle.lagSeconds() > 0));
    rows.add(
        new Row(
            "Alert cycle",
            "Since the last cycle",
            duration(cycle.ageSeconds()),
            "opsroom_alerts_cycle_age_seconds",
            false));
    OwnStats.Graphite g = s.graphite();
    rows.add(
        new Row(
            "Graphite",
            "Server",
            g.configured() ? g.host() : "not configured (OPSROOM_GRAPHITE_URL)",
            "",
            !g.configured()));
    rows.add(
        new Row(
            "Graphite",
            "Requests · errors",
            g.requests() + " · " + g.errors(),
            "opsroom_graphite_requests_total{outcome}",
            g.errors() > 0));
    rows.add(
        new Row(
            "Graphite",
            "Mean latency",
            duration(g.meanLatencySeconds()),
            "opsroom_graphite_latency_seconds{outcome}",
            false));
    OwnStats.Outbox o = s.outbox();
    rows.add(
        new Row(
            "Outbox",
            "Pending · failed · dead",
            o.pending() + " · " + o.failed() + " · " + o.dead(),
            "opsroom_notifications_unsent{status}",
            o.dead() + o.failed() > 0));
    rows.add(
        new Row(
            "Outbox",
            "Oldest pending",
            o.pending() == 0 ? "none pending" : duration(o.oldestPendingSeconds()),
            "opsroom_notifications_oldest_pending_seconds",
            o.oldestPendingSeconds() != null && o.oldestPendingSeconds() > 600));
    if (s.notifications().isEmpty()) {
      rows.add(
          new Row(
              "Notifications",
              "Sent · failed",
              "nothing sent yet",
              "opsroom_notifications_attempts_total{channel,outcome}",
              false));
    }
    for (OwnStats.Channel channel : s.notifications()) {
      rows.add(
          new Row(
              "Notifications",
              channel.channel() + ": sent · failed",
              channel.sent() + " · " + channel.failed(),
              "opsroom_notifications_attempts_total{channel,outcome}",
              channel.failed() > 0));
    }
    rows.add(
        new Row(
            "Notifications",
            "Storms summarised",
            Long.toString(s.notificationStorms()),
            "opsroom_notifications_storms_total",
            false));
    String sources =
        s.events().bySource().entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(" · "));
    rows.add(
        new Row(
            "Events",
            "Ingested",
            s.events().ingested() + (sources.isEmpty() ? "" : " (" + sources + ")"),
            "opsroom_events_ingested_total{source}",
            false));
    rows.add(
        new Row(
            "Stats",
            "Panels cached",
            Long.toString(s.panelsCached()),
            "opsroom_stats_panels_cached",
            false));
    return rows;
  }

  static String carbonState(OwnStats.Carbon c) {
    if (!c.enabled()) {
      return "Off: set OPSROOM_STATS_CARBON=host:port to send these values to carbon as "
          + c.prefix()
          + ".*";
    }
    if (c.problem() != null) {
      return "Not sending: " + c.problem();
    }
    String head = "On: to " + c.target() + " as " + c.prefix() + ".*";
    if (c.lastSendAt() == null) {
      return head + ", nothing sent yet.";
    }
    return head
        + (Boolean.TRUE.equals(c.lastSendOk())
            ? ", last sent " + c.lastSendLines() + " values at " + TIME.format(c.lastSendAt())
            : ", last send failed at " + TIME.format(c.lastSendAt()) + ": " + c.lastError());
  }

  /** Seconds as a person reads them: 350 ms, 4.2 s, 3 min 20 s, 2 h 5 min; a dash for none. */
  static String duration(Double seconds) {
    if (seconds == null || seconds.isNaN()) {
      return "—";
    }
    double s = Math.max(0, seconds);
    if (s < 1) {
      return Math.round(s * 1000) + " ms";
    }
    if (s < 120) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long whole = Math.round(s);
    if (whole < 7200) {
      return whole / 60 + " min " + whole % 60 + " s";
    }
    return whole / 3600 + " h " + whole % 3600 / 60 + " min";
  }
}

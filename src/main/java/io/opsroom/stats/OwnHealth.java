package io.opsroom.stats;

import io.opsroom.alerting.AlertRegistry;
import io.opsroom.graphite.GraphiteClient;
import io.opsroom.graphite.GraphiteConfig;
import io.opsroom.notify.RoutesRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts together what {@code /stats} and {@code /api/stats} show: the meters read now, Graphite's
 * settings, the definition files' problems and carbon reporting's state.
 */
@ApplicationScoped
public class OwnHealth {

  static final List<String> LEVELS =
      List.of("OK", "PENDING", "WARNING", "CRITICAL", "UNKNOWN", "ERROR");

  @Inject OwnMetrics metrics;
  @Inject GraphiteClient graphite;
  @Inject GraphiteConfig graphiteConfig;
  @Inject AlertRegistry alerts;
  @Inject RoutesRegistry routes;
  @Inject Panels panels;
  @Inject StatsConfig config;

  /** The current values. */
  public OwnStats now() {
    OwnReading r = metrics.read();
    Map<String, Long> levels = new LinkedHashMap<>();
    for (String level : LEVELS) {
      levels.put(level, r.count("alerts." + level.toLowerCase(Locale.ROOT)));
    }
    Map<String, OwnStats.Channel> channels = new TreeMap<>();
    Map<String, Long> sources = new TreeMap<>();
    r.values()
        .forEach(
            (name, value) -> {
              if (name.startsWith("notifications.") && name.endsWith(".sent")) {
                String channel =
                    name.substring("notifications.".length(), name.length() - ".sent".length());
                channels.put(
                    channel,
                    new OwnStats.Channel(
                        channel,
                        Math.round(value),
                        r.count("notifications." + channel + ".failed")));
              } else if (name.startsWith("events.by_source.")) {
                sources.put(name.substring("events.by_source.".length()), Math.round(value));
              }
            });
    CarbonReporter carbon = metrics.carbon();
    var last = carbon.last();
    OwnHistory history = metrics.history();
    return new OwnStats(
        r.at(),
        levels,
        new OwnStats.Cycle(
            r.count(OwnReading.CYCLE_COUNT),
            r.mean(OwnReading.CYCLE_SECONDS_TOTAL, OwnReading.CYCLE_COUNT),
            r.values().get("alerts.cycle.lag_seconds"),
            r.values().get("alerts.cycle.age_seconds")),
        new OwnStats.Graphite(
            graphite.configured(),
            graphiteHost(),
            r.count("graphite.requests"),
            r.count("graphite.errors"),
            r.mean(OwnReading.GRAPHITE_SECONDS_TOTAL, "graphite.requests")),
        new OwnStats.Outbox(
            r.count("outbox.depth"),
            r.count("outbox.failed"),
            r.count("outbox.dead"),
            r.values().get("outbox.oldest_pending_seconds")),
        new ArrayList<>(channels.values()),
        r.count("notifications.storms"),
        new OwnStats.Events(r.count("events.ingested"), sources),
        r.count("stats.panels_cached"),
        new OwnStats.Problems(
            alerts.problems().size() + routes.problems().size(), panels.problems()),
        new OwnStats.Carbon(
            carbon.enabled(),
            carbon.target().orElse(null),
            carbon.prefix(),
            carbon.problem().orElse(null),
            last.map(CarbonReporter.Result::at).orElse(null),
            last.map(CarbonReporter.Result::ok).orElse(null),
            last.map(CarbonReporter.Result::lines).orElse(null),
            last.map(CarbonReporter.Result::error).orElse(null)),
        new OwnStats.History(
            history.size(),
            config.interval().toSeconds(),
            history.samples().stream().findFirst().map(OwnSample::at).orElse(null)));
  }

  /** Graphite's host and port, never its path or anything secret; null when not set. */
  String graphiteHost() {
    return graphiteConfig
        .url()
        .map(String::strip)
        .filter(u -> !u.isEmpty())
        .map(
            u -> {
              try {
                URI uri = URI.create(u);
                return uri.getHost() == null
                    ? null
                    : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
              } catch (IllegalArgumentException e) {
                return null;
              }
            })
        .orElse(null);
  }
}

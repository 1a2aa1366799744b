package io.opsroom.stats;

import io.opsroom.charts.ChartRenderer;
import io.opsroom.charts.ChartSeries;
import io.opsroom.charts.ChartSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The small charts of {@code /stats}, drawn from the in-memory history: one per question an
 * operator asks of Opsroom itself (are alerts firing, is the cycle on time, is Graphite answering,
 * is the outbox draining, are messages leaving, are events coming in).
 */
public final class OwnCharts {

  private static final ChartRenderer RENDERER = new ChartRenderer();

  static final int WIDTH = 480;
  static final int HEIGHT = 200;

  /** The shortest time axis, so the first minutes after a start are not stretched edge to edge. */
  static final Duration MIN_SPAN = Duration.ofHours(1);

  /** Alert levels drawn; OK is left out, as its count dwarfs the ones that matter. */
  static final List<String> LEVELS = List.of("critical", "warning", "unknown", "error", "pending");

  /**
   * One chart on the page.
   *
   * @param id a stable name, for tests and anchors
   * @param title what it shows
   * @param note how to read it (units, rates)
   * @param svg the drawn chart
   */
  public record Chart(String id, String title, String note, String svg) {}

  private OwnCharts() {}

  /** The charts of the samples up to {@code now}; none when there are no samples. */
  public static List<Chart> draw(List<OwnSample> samples, Instant now) {
    if (samples.isEmpty()) {
      return List.of();
    }
    Instant from = samples.get(0).at().minusSeconds(samples.get(0).seconds());
    Instant oldest = now.minus(OwnHistory.SPAN);
    if (from.isBefore(oldest)) {
      from = oldest;
    }
    if (from.isAfter(now.minus(MIN_SPAN))) {
      from = now.minus(MIN_SPAN);
    }
    long start = from.getEpochSecond();
    long end = Math.max(now.getEpochSecond(), start + 60);
    List<Chart> charts = new ArrayList<>();
    charts.add(
        chart(
            "alerts",
            "Alerts by level",
            "Alerts not OK after each cycle (OK left out)",
            "",
            samples,
            start,
            end,
            LEVELS.stream().map(level -> new Line(level, "alerts." + level)).toList()));
    charts.add(
        chart(
            "cycle",
            "Alert cycle",
            "Mean cycle duration, and how late the last cycle started",
            "s",
            samples,
            start,
            end,
            List.of(
                new Line("duration", OwnSample.CYCLE_DURATION),
                new Line("lag", "alerts.cycle.lag_seconds"))));
    charts.add(
        chart(
            "graphite-requests",
            "Graphite requests",
            "Requests and errors per minute",
            "/min",
            samples,
            start,
            end,
            List.of(
                new Line("requests", "graphite.requests"), new Line("errors", "graphite.errors"))));
    charts.add(
        chart(
            "graphite-latency",
            "Graphite latency",
            "Mean time to a whole answer",
            "s",
            samples,
            start,
            end,
            List.of(new Line("latency", OwnSample.GRAPHITE_LATENCY))));
    charts.add(
        chart(
            "outbox-depth",
            "Outbox depth",
            "Notifications waiting to be sent, as of each drain",
            "",
            samples,
            start,
            end,
            List.of(new Line("pending", "outbox.depth"))));
    charts.add(
        chart(
            "outbox-age",
            "Oldest pending notification",
            "How long the oldest waiting notification has waited",
            "s",
            samples,
            start,
            end,
            List.of(new Line("oldest pending", "outbox.oldest_pending_seconds"))));
    charts.add(
        chart(
            "notifications",
            "Notifications",
            "Sent and failed attempts per minute, by channel",
            "/min",
            samples,
            start,
            end,
            channelLines(samples)));
    charts.add(
        chart(
            "events",
            "Events ingested",
            "Events written to the changelog per minute",
            "/min",
            samples,
            start,
            end,
            List.of(new Line("events", "events.ingested"))));
    return charts;
  }

  /** A series on a chart: its legend name and the sample value it draws. */
  private record Line(String name, String key) {}

  private static List<Line> channelLines(List<OwnSample> samples) {
    Set<String> keys = new LinkedHashSet<>();
    for (OwnSample sample : samples) {
      for (String key : sample.values().keySet()) {
        if (key.startsWith("notifications.")
            && (key.endsWith(".sent") || key.endsWith(".failed"))) {
          keys.add(key);
        }
      }
    }
    if (keys.isEmpty()) {
      // Nothing was sent yet: a flat line says so better than "No data".
      return List.of(new Line("sent", "notifications.none.sent"));
    }
    return keys.stream()
        .sorted()
        .map(key -> new Line(key.substring("notifications.".length()).replace('.', ' '), key))
        .toList();
  }

  private static Chart chart(
      String id,
      String title,
      String note,
      String unit,
      List<OwnSample> samples,
      long start,
      long end,
      List<Line> lines) {
    List<ChartSeries> series = new ArrayList<>();
    for (Line line : lines) {
      List<ChartSeries.Point> points = new ArrayList<>(samples.size());
      for (OwnSample sample : samples) {
        Double value = sample.perMinute(line.key());
        if (value == null && line.key().equals("notifications.none.sent")) {
          value = 0.0;
        }
        points.add(new ChartSeries.Point(sample.at().getEpochSecond(), value));
      }
      series.add(new ChartSeries(line.name(), points));
    }
    ChartSpec spec =
        ChartSpec.of("", series, start, end)
            .withSize(WIDTH, HEIGHT)
            .withUnit(unit)
            .withKind(ChartSpec.Kind.LINE);
    return new Chart(id, title, note, RENDERER.svg(spec));
  }
}

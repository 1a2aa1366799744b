package io.opsroom.alerting;

import io.opsroom.charts.ChartRenderer;
import io.opsroom.charts.ChartSeries;
import io.opsroom.charts.ChartSpec;
import io.opsroom.charts.Threshold;
import io.opsroom.graphite.GraphiteClient;
import io.opsroom.graphite.TargetResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws an alert's graph over a range from the same Graphite data the engine reads, with its
 * warning and critical lines, as SVG for the alert page. Server-side, so it works where browsers
 * cannot reach Graphite.
 */
@ApplicationScoped
public class AlertGraphs {

  private static final ChartRenderer RENDERER = new ChartRenderer();

  @Inject GraphiteClient graphite;
  @Inject Clock clock;

  /** A drawn graph, or why there is none. */
  public record Graph(String range, String svg, String problem) {}

  public Graph svg(AlertDefinition alert, String range) {
    long until = clock.instant().getEpochSecond();
    long from = until - GraphiteRanges.seconds(range);
    Map<String, TargetResult> results = graphite.render(List.of(alert.target()), range, null);
    TargetResult result = results.get(alert.target());
    if (result.failure().isPresent()) {
      return new Graph(range, null, result.describe());
    }
    return new Graph(range, RENDERER.svg(spec(alert, result, range, from, until, 900, 280)), null);
  }

  /**
   * The last 24 hours of several alerts as PNG for emails, from one batched Graphite request;
   * alerts that cannot be drawn (composite, Graphite failing) are left out.
   */
  public Map<String, byte[]> lastDayPng(List<AlertDefinition> alerts) {
    List<AlertDefinition> drawable = alerts.stream().filter(a -> !a.isComposite()).toList();
    if (drawable.isEmpty()) {
      return Map.of();
    }
    long until = clock.instant().getEpochSecond();
    long from = until - GraphiteRanges.seconds("-24h");
    Map<String, TargetResult> results =
        graphite.render(
            drawable.stream().map(AlertDefinition::target).distinct().toList(), "-24h", null);
    Map<String, byte[]> pngs = new java.util.LinkedHashMap<>();
    for (AlertDefinition alert : drawable) {
      TargetResult result = results.get(alert.target());
      if (result != null && result.failure().isEmpty()) {
        pngs.put(alert.id(), RENDERER.png(spec(alert, result, "-24h", from, until, 680, 260)));
      }
    }
    return pngs;
  }

  private static ChartSpec spec(
      AlertDefinition alert,
      TargetResult result,
      String range,
      long from,
      long until,
      int width,
      int height) {
    List<ChartSeries> series = new ArrayList<>();
    result
        .series()
        .forEach(
            s ->
                series.add(
                    new ChartSeries(
                        s.name(),
                        s.points().stream()
                            .map(p -> new ChartSeries.Point(p.epochSeconds(), p.value()))
                            .toList())));
    List<Threshold> thresholds = new ArrayList<>();
    if (alert.warning() != null) {
      thresholds.add(Threshold.warning(alert.warning()));
    }
    if (alert.critical() != null) {
      thresholds.add(Threshold.critical(alert.critical()));
    }
    return ChartSpec.of(alert.name() + " · " + range.substring(1), series, from, until)
        .withThresholds(thresholds)
        .withShading(
            alert.direction() == AlertDefinition.Direction.ABOVE
                ? ChartSpec.Shading.ABOVE
                : ChartSpec.Shading.BELOW)
        .withSize(width, height);
  }
}

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
    ChartSpec spec =
        ChartSpec.of(alert.name() + " · " + range.substring(1), series, from, until)
            .withThresholds(thresholds)
            .withShading(
                alert.direction() == AlertDefinition.Direction.ABOVE
                    ? ChartSpec.Shading.ABOVE
                    : ChartSpec.Shading.BELOW)
            .withSize(900, 280);
    return new Graph(range, RENDERER.svg(spec), null);
  }
}

package io.opsroom.alerting;

import io.opsroom.graphite.DataPoint;
import io.opsroom.graphite.Series;
import io.opsroom.graphite.TargetResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What one check of one alert observed: each series reduced and compared with the thresholds, the
 * worst series deciding. Graphite's failures are ERROR; no data follows the alert's no-data policy.
 */
public final class AlertCheck {

  private AlertCheck() {}

  /** The observation: the level for the state machine, the deciding value, and each series. */
  public record Observation(
      Level level, Double value, String message, List<AlertState.SeriesState> series) {}

  public static Observation observe(AlertDefinition alert, TargetResult result) {
    if (result.failure().isPresent()) {
      return new Observation(Level.ERROR, null, result.describe(), List.of());
    }
    Level noData = noDataLevel(alert.noData());
    if (result.series().isEmpty()) {
      return new Observation(noData, null, result.describe(), List.of());
    }
    Thresholds thresholds = Thresholds.of(alert);
    List<AlertState.SeriesState> series = new ArrayList<>();
    Level worst = null;
    Double worstValue = null;
    for (Series s : result.series()) {
      OptionalDouble reduced = reduce(alert.reduce(), s.points());
      Level level = reduced.isPresent() ? thresholds.levelOf(reduced.getAsDouble()) : noData;
      Double value = reduced.isPresent() ? reduced.getAsDouble() : null;
      series.add(new AlertState.SeriesState(s.name(), value, level));
      if (worst == null || level.severity() > worst.severity()) {
        worst = level;
        worstValue = value;
      }
    }
    String message =
        series.stream().allMatch(s -> s.value() == null)
            ? "No data: every point in the window is empty"
            : null;
    return new Observation(worst, worstValue, message, series);
  }

  static OptionalDouble reduce(AlertDefinition.Reduce reduce, List<DataPoint> points) {
    return Reducer.apply(reduce, points.stream().map(DataPoint::value).toList());
  }

  static Level noDataLevel(AlertDefinition.NoData policy) {
    return switch (policy) {
      case OK -> Level.OK;
      case WARNING -> Level.WARNING;
      case CRITICAL -> Level.CRITICAL;
      case UNKNOWN -> Level.UNKNOWN;
    };
  }
}

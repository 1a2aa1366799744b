package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opsroom.graphite.DataPoint;
import io.opsroom.graphite.GraphiteFailure;
import io.opsroom.graphite.Series;
import io.opsroom.graphite.TargetResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertCheckTest {

  static AlertDefinition alert(AlertDefinition.NoData noData) {
    return new AlertDefinition(
        "disk",
        "Disk",
        "servers.*.disk",
        80.0,
        95.0,
        AlertDefinition.Direction.ABOVE,
        AlertDefinition.Reduce.LAST,
        Duration.ofMinutes(5),
        1,
        noData,
        Optional.empty(),
        new java.util.TreeMap<>(),
        null,
        null,
        List.of(),
        new AlertDefinition.Source("t.yaml", 1),
        null,
        List.of());
  }

  static Series series(String name, Double... values) {
    List<DataPoint> points = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      points.add(new DataPoint(1_000 + 10L * i, values[i]));
    }
    return new Series(name, Map.of(), points);
  }

  @Test
  void theWorstSeriesDecidesAndEachIsListed() {
    var result =
        TargetResult.found(
            "servers.*.disk",
            List.of(series("a", 10.0, 20.0), series("b", 99.0, 85.0), series("c", 50.0, null)));
    var observation = AlertCheck.observe(alert(AlertDefinition.NoData.UNKNOWN), result);
    assertEquals(Level.WARNING, observation.level());
    assertEquals(85.0, observation.value());
    assertEquals(
        List.of(Level.OK, Level.WARNING, Level.OK),
        observation.series().stream().map(AlertState.SeriesState::level).toList());
    assertEquals(50.0, observation.series().get(2).value(), "last means last with data");
  }

  @Test
  void noDataFollowsThePolicyAndFailuresAreErrors() {
    var nulls = TargetResult.found("x", List.of(series("a", (Double) null, null)));
    assertEquals(
        Level.UNKNOWN, AlertCheck.observe(alert(AlertDefinition.NoData.UNKNOWN), nulls).level());
    assertEquals(
        Level.CRITICAL, AlertCheck.observe(alert(AlertDefinition.NoData.CRITICAL), nulls).level());
    var missing = TargetResult.found("x", List.of());
    var observation = AlertCheck.observe(alert(AlertDefinition.NoData.OK), missing);
    assertEquals(Level.OK, observation.level());
    assertNull(observation.value());
    var failed =
        TargetResult.failed(
            "x", new GraphiteFailure(GraphiteFailure.Kind.BAD_TARGET, "Unknown function"));
    var error = AlertCheck.observe(alert(AlertDefinition.NoData.OK), failed);
    assertEquals(Level.ERROR, error.level());
    assertEquals("Unknown function", error.message());
  }

  @Test
  void nanAndInfinityAreNoData() {
    var result =
        TargetResult.found(
            "x",
            List.of(
                series(
                    "a",
                    Arrays.asList(90.0, Double.NaN, Double.POSITIVE_INFINITY)
                        .toArray(new Double[0]))));
    var observation = AlertCheck.observe(alert(AlertDefinition.NoData.UNKNOWN), result);
    assertEquals(Level.WARNING, observation.level());
    assertEquals(90.0, observation.value());
  }
}

package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.alerting.AlertStateMachine.State;
import io.opsroom.alerting.AlertStateMachine.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertStateMachineTest {

  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  /** Runs checks one minute apart and returns the level after each. */
  static List<Level> run(int forChecks, Level... observed) {
    State state = State.initial(T0);
    List<Level> levels = new ArrayList<>();
    for (int i = 0; i < observed.length; i++) {
      Step step =
          AlertStateMachine.next(state, observed[i], forChecks, T0.plusSeconds(60L * (i + 1)));
      state = step.state();
      levels.add(state.level());
    }
    return levels;
  }

  @Test
  void firesAfterForConsecutiveChecks() {
    assertEquals(
        List.of(Level.PENDING, Level.CRITICAL, Level.CRITICAL, Level.OK),
        run(2, Level.CRITICAL, Level.CRITICAL, Level.CRITICAL, Level.OK));
  }

  @Test
  void aGoodCheckResetsThePendingCount() {
    assertEquals(
        List.of(
            Level.PENDING, Level.PENDING, Level.OK, Level.PENDING, Level.PENDING, Level.WARNING),
        run(
            3,
            Level.WARNING,
            Level.CRITICAL,
            Level.OK,
            Level.WARNING,
            Level.WARNING,
            Level.WARNING));
  }

  @Test
  void firingMovesBetweenWarningAndCriticalAtOnce() {
    assertEquals(
        List.of(Level.WARNING, Level.CRITICAL, Level.WARNING, Level.OK),
        run(1, Level.WARNING, Level.CRITICAL, Level.WARNING, Level.OK));
  }

  @Test
  void noDataAndErrorsShowAtOnceAndResetTheCount() {
    assertEquals(
        List.of(Level.PENDING, Level.UNKNOWN, Level.PENDING, Level.ERROR, Level.OK),
        run(2, Level.CRITICAL, Level.UNKNOWN, Level.CRITICAL, Level.ERROR, Level.OK));
  }

  @Test
  void transitionsCarryTheirTimeAndSinceStaysWhileTheLevelHolds() {
    State state = State.initial(T0);
    Step first = AlertStateMachine.next(state, Level.CRITICAL, 1, T0.plusSeconds(60));
    assertEquals(Level.OK, first.transition().orElseThrow().from());
    assertEquals(T0.plusSeconds(60), first.state().since());
    Step second = AlertStateMachine.next(first.state(), Level.CRITICAL, 1, T0.plusSeconds(120));
    assertTrue(second.transition().isEmpty());
    assertEquals(T0.plusSeconds(60), second.state().since());
  }

  @Test
  void reductionsSkipNullsAndNonNumbers() {
    List<Double> values = new ArrayList<>(List.of(1.0, 5.0, 3.0));
    values.add(null);
    values.add(Double.NaN);
    values.add(Double.POSITIVE_INFINITY);
    assertEquals(3.0, Reducer.apply(AlertDefinition.Reduce.LAST, values).getAsDouble());
    assertEquals(3.0, Reducer.apply(AlertDefinition.Reduce.AVG, values).getAsDouble());
    assertEquals(1.0, Reducer.apply(AlertDefinition.Reduce.MIN, values).getAsDouble());
    assertEquals(5.0, Reducer.apply(AlertDefinition.Reduce.MAX, values).getAsDouble());
    assertEquals(9.0, Reducer.apply(AlertDefinition.Reduce.SUM, values).getAsDouble());
    List<Double> nothing = new ArrayList<>();
    nothing.add(null);
    assertTrue(Reducer.apply(AlertDefinition.Reduce.AVG, nothing).isEmpty());
    assertTrue(Reducer.apply(AlertDefinition.Reduce.SUM, List.of()).isEmpty());
  }

  @Test
  void thresholdsWorkInBothDirections() {
    Thresholds above = new Thresholds(80.0, 95.0, AlertDefinition.Direction.ABOVE);
    assertEquals(Level.OK, above.levelOf(79.9));
    assertEquals(Level.WARNING, above.levelOf(80));
    assertEquals(Level.CRITICAL, above.levelOf(99));
    Thresholds below = new Thresholds(20.0, 5.0, AlertDefinition.Direction.BELOW);
    assertEquals(Level.OK, below.levelOf(50));
    assertEquals(Level.WARNING, below.levelOf(10));
    assertEquals(Level.CRITICAL, below.levelOf(5));
    assertEquals(
        Level.CRITICAL, new Thresholds(null, 1.0, AlertDefinition.Direction.ABOVE).levelOf(2));
  }

  @Test
  void flappingNeedsAFullWindowAndHasHysteresis() {
    FlapDetector detector = new FlapDetector(30, 20);
    String history = "";
    boolean flapping = false;
    for (int i = 0; i < 20; i++) {
      history = FlapDetector.record(history, i % 2 == 0 ? Level.OK : Level.CRITICAL);
      flapping = detector.isFlapping(history, flapping);
      assertTrue(!flapping, "not judged before 21 checks");
    }
    history = FlapDetector.record(history, Level.OK);
    assertEquals(21, history.length());
    assertEquals(100.0, FlapDetector.percentChange(history), 0.001);
    flapping = detector.isFlapping(history, flapping);
    assertTrue(flapping);
    // Calm checks lower the percentage; it stops only at or below 20 %.
    int calm = 0;
    while (flapping) {
      history = FlapDetector.record(history, Level.OK);
      flapping = detector.isFlapping(history, true);
      calm++;
    }
    assertTrue(FlapDetector.percentChange(history) <= 20);
    assertTrue(calm > 10, "hysteresis keeps it flapping for a while: " + calm);
    String steady = "O".repeat(21);
    assertEquals(0.0, FlapDetector.percentChange(steady));
  }

  @Test
  void recentChangesWeighMore() {
    String oldChange = "C" + "O".repeat(20);
    String newChange = "O".repeat(20) + "C";
    assertTrue(FlapDetector.percentChange(newChange) > FlapDetector.percentChange(oldChange));
  }
}

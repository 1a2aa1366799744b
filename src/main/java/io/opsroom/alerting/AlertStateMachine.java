package io.opsroom.alerting;

import java.time.Instant;
import java.util.Optional;

/**
 * Moves one alert from its current state by one check. A crossed threshold fires only after {@code
 * for} consecutive checks (PENDING until then); once firing, it moves between WARNING and CRITICAL
 * at once, and back to OK at the first good check. No data (UNKNOWN) and failures (ERROR) show at
 * once, and reset the count.
 */
public final class AlertStateMachine {

  private AlertStateMachine() {}

  /** An alert's state between checks. */
  public record State(Level level, Instant since, int streak) {

    public static State initial(Instant now) {
      return new State(Level.OK, now, 0);
    }
  }

  /** The state after a check, and the transition it made, if any. */
  public record Step(State state, Optional<Transition> transition) {}

  /** A change of level. */
  public record Transition(Level from, Level to, Instant at) {}

  /**
   * The next state, given what this check observed: OK, WARNING or CRITICAL from the thresholds (or
   * the no-data policy), UNKNOWN, or ERROR.
   */
  public static Step next(State current, Level observed, int forChecks, Instant now) {
    if (observed == Level.PENDING) {
      throw new IllegalArgumentException("PENDING is a state, not an observation");
    }
    int required = Math.max(1, forChecks);
    Level target;
    int streak;
    if (observed.isFiring()) {
      streak = current.streak() + 1;
      target = current.level().isFiring() || streak >= required ? observed : Level.PENDING;
    } else {
      streak = 0;
      target = observed;
    }
    if (target == current.level()) {
      return new Step(new State(current.level(), current.since(), streak), Optional.empty());
    }
    return new Step(
        new State(target, now, streak), Optional.of(new Transition(current.level(), target, now)));
  }
}

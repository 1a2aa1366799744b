package io.opsroom.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(clock, 5, Duration.ofMinutes(1));

  @Test
  void fourFailuresStillAllowAnAttempt() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("alice");
    }
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("alice"));
  }

  @Test
  void fiveFailuresInAMinuteMakeTheUserWaitUntilTheFirstLeavesTheWindow() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("alice");
      clock.advance(Duration.ofSeconds(10));
    }
    // The first failure was 50 s ago: 10 s to wait.
    assertEquals(Optional.of(Duration.ofSeconds(10)), throttle.waitBeforeAttempt("alice"));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("alice"));
  }

  @Test
  void failuresSpreadOverMoreThanAMinuteDoNotThrottle() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("alice");
      clock.advance(Duration.ofSeconds(15));
    }
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("alice"));
  }

  @Test
  void throttlingIsPerUsernameAndIgnoresCase() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("Alice");
    }
    assertTrue(throttle.waitBeforeAttempt("alice ").isPresent());
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("bob"));
  }

  @Test
  void successClearsTheCount() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("alice");
    }
    throttle.succeeded("alice");
    throttle.failed("alice");
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("alice"));
  }
}

package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(12);

  @Test
  void theDelayStartsAtThirtySecondsAndDoubles() {
    assertEquals(Optional.of(Duration.ofSeconds(30)), policy.delayAfter(1));
    assertEquals(Optional.of(Duration.ofMinutes(1)), policy.delayAfter(2));
    assertEquals(Optional.of(Duration.ofMinutes(2)), policy.delayAfter(3));
    assertEquals(Optional.of(Duration.ofMinutes(32)), policy.delayAfter(7));
  }

  @Test
  void theDelayStopsGrowingAtOneHour() {
    assertEquals(Optional.of(Duration.ofHours(1)), policy.delayAfter(8));
    assertEquals(Optional.of(Duration.ofHours(1)), policy.delayAfter(11));
  }

  @Test
  void theLastAllowedAttemptLeavesNoRetry() {
    assertEquals(Optional.empty(), policy.delayAfter(12));
    assertEquals(Optional.empty(), policy.delayAfter(13));
    assertEquals(Optional.empty(), new RetryPolicy(1).delayAfter(1));
  }

  @Test
  void manyAttemptsDoNotOverflow() {
    RetryPolicy patient = new RetryPolicy(Integer.MAX_VALUE);
    assertEquals(Optional.of(Duration.ofHours(1)), patient.delayAfter(1_000_000));
  }

  @Test
  void twelveAttemptsSpanAboutFiveHours() {
    Duration total = Duration.ZERO;
    for (int failed = 1; failed < 12; failed++) {
      total = total.plus(policy.delayAfter(failed).orElseThrow());
    }
    assertEquals(Duration.ofMinutes(63).plusSeconds(30).plusHours(4), total);
  }

  @Test
  void nonsenseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0));
    assertThrows(IllegalArgumentException.class, () -> policy.delayAfter(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(3, Duration.ofMinutes(2), Duration.ofMinutes(1)));
  }
}

package io.opsroom.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * When a notification whose send failed is tried again: after 30 seconds, doubling with each failed
 * attempt up to one hour, until the maximum number of attempts is spent.
 */
final class RetryPolicy {

  static final Duration FIRST_DELAY = Duration.ofSeconds(30);
  static final Duration MAX_DELAY = Duration.ofHours(1);

  private final int maxAttempts;
  private final Duration firstDelay;
  private final Duration maxDelay;

  RetryPolicy(int maxAttempts) {
    this(maxAttempts, FIRST_DELAY, MAX_DELAY);
  }

  RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("Need 0 < firstDelay <= maxDelay");
    }
    this.maxAttempts = maxAttempts;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
  }

  /**
   * How long to wait before the next attempt, after {@code failedAttempts} attempts have failed;
   * empty when they were the last allowed and the notification is dead.
   */
  Optional<Duration> delayAfter(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException(
          "failedAttempts must be at least 1, not " + failedAttempts);
    }
    if (failedAttempts >= maxAttempts) {
      return Optional.empty();
    }
    Duration delay = firstDelay;
    // Doubling stops at the cap, so many attempts cannot overflow the duration.
    for (int i = 1; i < failedAttempts && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
  }

  int maxAttempts() {
    return maxAttempts;
  }
}

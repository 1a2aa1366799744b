package io.opsroom.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a still-failing alert is said again: the route's gaps between messages (default 5m, 30m, 1h,
 * 2h, 4h, 8h, 24h), counted from the previous message; the last gap repeats forever.
 */
public final class RepeatSchedule {

  private final List<Duration> gaps;

  public RepeatSchedule(List<Duration> gaps) {
    for (Duration gap : gaps) {
      if (gap.isNegative() || gap.isZero()) {
        throw new IllegalArgumentException("A repeat gap must be positive: " + gap);
      }
    }
    this.gaps = List.copyOf(gaps);
  }

  /**
   * When the next message is due, after the alert's first message and {@code repeatsSent} repeats,
   * the last of them at {@code lastSent}; empty when the route does not repeat.
   */
  public Optional<Instant> next(Instant lastSent, int repeatsSent) {
    if (gaps.isEmpty()) {
      return Optional.empty();
    }
    Duration gap = gaps.get(Math.min(repeatsSent, gaps.size() - 1));
    return Optional.of(lastSent.plus(gap));
  }
}

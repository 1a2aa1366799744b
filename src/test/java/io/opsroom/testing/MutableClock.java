package io.opsroom.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock that tests set and advance instead of waiting for time to pass. Made with an instant it
 * is pinned there (unit tests); {@link #followingSystemTime()} runs with real time until a test
 * moves it (the application under {@code @QuarkusTest}, see {@link TestClockProducer}).
 */
public class MutableClock extends Clock {

  private final Clock base;
  private volatile Instant pinned;
  private volatile Duration offset = Duration.ZERO;

  public MutableClock(Instant start) {
    this(null, start);
  }

  private MutableClock(Clock base, Instant pinned) {
    this.base = base;
    this.pinned = pinned;
  }

  public static MutableClock followingSystemTime() {
    return new MutableClock(Clock.systemUTC(), null);
  }

  /** Moves time forward (or back, with a negative duration). */
  public void advance(Duration duration) {
    Instant current = pinned;
    if (current != null) {
      pinned = current.plus(duration);
    } else {
      offset = offset.plus(duration);
    }
  }

  /** Stops time at this instant until it is advanced, set again or reset. */
  public void set(Instant instant) {
    pinned = instant;
  }

  /** Back to real time, for a clock that follows system time; tests call it when they finish. */
  public void reset() {
    if (base != null) {
      pinned = null;
      offset = Duration.ZERO;
    }
  }

  @Override
  public Instant instant() {
    Instant current = pinned;
    Instant now = current != null ? current : base.instant().plus(offset);
    return now.truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}

package io.opsroom.alerting;

/**
 * The state of an alert. OK, WARNING and CRITICAL compare a value with thresholds; PENDING is a
 * threshold crossed fewer times in a row than the alert's {@code for}; UNKNOWN is no data (under
 * the {@code no_data: unknown} policy); ERROR means Graphite failed or rejected the target.
 */
public enum Level {
  OK,
  PENDING,
  WARNING,
  CRITICAL,
  UNKNOWN,
  ERROR;

  /** How bad a level is when several series of one alert disagree: the worst one decides. */
  public int severity() {
    return switch (this) {
      case OK -> 0;
      case PENDING -> 1;
      case UNKNOWN -> 2;
      case ERROR -> 3;
      case WARNING -> 4;
      case CRITICAL -> 5;
    };
  }

  /** True for the levels that notify: a threshold is crossed. */
  public boolean isFiring() {
    return this == WARNING || this == CRITICAL;
  }

  /** The lower-case name used in CSS classes and URLs. */
  public String css() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Level worst(Level a, Level b) {
    return a.severity() >= b.severity() ? a : b;
  }
}

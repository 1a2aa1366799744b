package io.opsroom.alerting;

/**
 * Warning and critical thresholds with their direction: ABOVE fires when the value is at or above a
 * threshold, BELOW when at or below. Either threshold may be absent.
 */
public record Thresholds(Double warning, Double critical, boolean above) {

  /** The level of one reduced value. */
  public Level levelOf(double value) {
    if (critical != null && crosses(value, critical)) {
      return Level.CRITICAL;
    }
    if (warning != null && crosses(value, warning)) {
      return Level.WARNING;
    }
    return Level.OK;
  }

  private boolean crosses(double value, double threshold) {
    return above ? value >= threshold : value <= threshold;
  }
}

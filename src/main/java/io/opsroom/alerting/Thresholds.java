package io.opsroom.alerting;

/** Warning and critical thresholds on the alert's bad side; either may be absent. */
public record Thresholds(Double warning, Double critical, AlertDefinition.Direction direction) {

  public static Thresholds of(AlertDefinition alert) {
    return new Thresholds(alert.warning(), alert.critical(), alert.direction());
  }

  /** The level of one reduced value. */
  public Level levelOf(double value) {
    if (critical != null && direction.reached(value, critical)) {
      return Level.CRITICAL;
    }
    if (warning != null && direction.reached(value, warning)) {
      return Level.WARNING;
    }
    return Level.OK;
  }
}

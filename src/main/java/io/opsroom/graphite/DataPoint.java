package io.opsroom.graphite;

/**
 * One slot of a series: its time and its value, or no value. Graphite's nulls mean "no data" and
 * stay null, never zero; NaN and the infinities are no data as well.
 */
public record DataPoint(long epochSeconds, Double value) {

  public DataPoint {
    if (value != null && !Double.isFinite(value)) {
      value = null;
    }
  }

  /** Whether this slot holds a value. */
  public boolean hasValue() {
    return value != null;
  }
}

package io.opsroom.charts;

import java.util.Objects;

/**
 * A horizontal line at an alert's warning or critical value, drawn dashed in the level's colour.
 *
 * @param label the text shown at the line's right end; blank for the level and value
 * @param value where the line is, in the series' unit
 * @param level which colour the line has
 */
public record Threshold(String label, double value, Level level) {

  /** The two levels a threshold line can mark. */
  public enum Level {
    WARNING,
    CRITICAL
  }

  public Threshold {
    label = label == null ? "" : label;
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("A threshold needs a finite value, not " + value);
    }
    Objects.requireNonNull(level, "level");
  }

  /** A warning line labelled with its level and value. */
  public static Threshold warning(double value) {
    return new Threshold("", value, Level.WARNING);
  }

  /** A critical line labelled with its level and value. */
  public static Threshold critical(double value) {
    return new Threshold("", value, Level.CRITICAL);
  }
}

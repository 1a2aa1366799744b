package io.opsroom.alerting;

import java.util.List;
import java.util.OptionalDouble;

/**
 * Reduces the points of a series in the alert's window to one value. Missing points (null) and
 * values that are not numbers (NaN, infinities) are no data, never zero; a series without any data
 * reduces to empty. {@code last} is the last point that has data.
 */
public final class Reducer {

  private Reducer() {}

  public static OptionalDouble apply(AlertDefinition.Reduce reduce, List<Double> values) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double last = Double.NaN;
    int count = 0;
    for (Double v : values) {
      if (v == null || v.isNaN() || v.isInfinite()) {
        continue;
      }
      count++;
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
      last = v;
    }
    if (count == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        switch (reduce) {
          case LAST -> last;
          case AVG -> sum / count;
          case MIN -> min;
          case MAX -> max;
          case SUM -> sum;
        });
  }
}

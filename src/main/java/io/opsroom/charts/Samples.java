package io.opsroom.charts;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A series as the chart draws it: the points inside the time range, in time order, as two arrays,
 * with NaN for "no data". Long series are reduced to what the pixels can show.
 */
record Samples(long[] epochSeconds, double[] values) {

  /** The points of the series between {@code from} and {@code until}, inclusive, in time order. */
  static Samples of(ChartSeries series, long from, long until) {
    List<ChartSeries.Point> points = series.points();
    boolean sorted = true;
    for (int i = 1; i < points.size() && sorted; i++) {
      sorted = points.get(i - 1).epochSeconds() <= points.get(i).epochSeconds();
    }
    if (!sorted) {
      points =
          points.stream()
              .sorted(Comparator.comparingLong(ChartSeries.Point::epochSeconds))
              .toList();
    }
    long[] times = new long[points.size()];
    double[] values = new double[points.size()];
    int n = 0;
    for (ChartSeries.Point point : points) {
      if (point.epochSeconds() < from || point.epochSeconds() > until) {
        continue;
      }
      times[n] = point.epochSeconds();
      values[n] = point.value() == null ? Double.NaN : point.value();
      n++;
    }
    return new Samples(Arrays.copyOf(times, n), Arrays.copyOf(values, n));
  }

  int size() {
    return values.length;
  }

  /** Whether at least one point has a value. */
  boolean hasValues() {
    for (double value : values) {
      if (!Double.isNaN(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * At most {@code 2 × buckets} points that look the same at {@code buckets} pixels wide: when the
   * series has more, the range is cut into equal time buckets and each keeps its lowest and its
   * highest value, in their order, so a one-point spike survives. A bucket whose points are all
   * without data keeps one such point, so gaps survive too.
   */
  Samples downsample(long from, long until, int buckets) {
    if (buckets < 1 || size() <= 2L * buckets) {
      return this;
    }
    long[] times = new long[2 * buckets];
    double[] reduced = new double[2 * buckets];
    int n = 0;
    double span = (double) (until - from);
    int i = 0;
    while (i < size()) {
      int bucket = bucketOf(epochSeconds[i], from, span, buckets);
      int first = i;
      int min = -1;
      int max = -1;
      while (i < size() && bucketOf(epochSeconds[i], from, span, buckets) == bucket) {
        double value = values[i];
        if (!Double.isNaN(value)) {
          if (min < 0 || value < values[min]) {
            min = i;
          }
          if (max < 0 || value > values[max]) {
            max = i;
          }
        }
        i++;
      }
      if (min < 0) {
        times[n] = epochSeconds[first];
        reduced[n++] = Double.NaN;
      } else {
        int earlier = Math.min(min, max);
        int later = Math.max(min, max);
        times[n] = epochSeconds[earlier];
        reduced[n++] = values[earlier];
        if (later != earlier) {
          times[n] = epochSeconds[later];
          reduced[n++] = values[later];
        }
      }
    }
    return new Samples(Arrays.copyOf(times, n), Arrays.copyOf(reduced, n));
  }

  private static int bucketOf(long epochSeconds, long from, double span, int buckets) {
    int bucket = (int) ((epochSeconds - from) / span * buckets);
    return Math.max(0, Math.min(buckets - 1, bucket));
  }

  /**
   * Which points have a value but no neighbour with one. A line cannot show them, so the chart
   * draws them as dots.
   */
  boolean[] isolated() {
    boolean[] isolated = new boolean[size()];
    for (int i = 0; i < size(); i++) {
      isolated[i] =
          !Double.isNaN(values[i])
              && (i == 0 || Double.isNaN(values[i - 1]))
              && (i == size() - 1 || Double.isNaN(values[i + 1]));
    }
    return isolated;
  }

  /**
   * At most {@code buckets} points, one per equal time bucket that has points: the highest value in
   * it, at the bucket's middle. Bars show counts, and the busiest interval is the one to see. A
   * bucket whose points are all without data keeps one such point, so gaps survive.
   */
  Samples bucketMax(long from, long until, int buckets) {
    long[] times = new long[buckets];
    double[] highest = new double[buckets];
    boolean[] seen = new boolean[buckets];
    Arrays.fill(highest, Double.NaN);
    double span = (double) (until - from);
    for (int i = 0; i < size(); i++) {
      int bucket = bucketOf(epochSeconds[i], from, span, buckets);
      seen[bucket] = true;
      if (!Double.isNaN(values[i])
          && (Double.isNaN(highest[bucket]) || values[i] > highest[bucket])) {
        highest[bucket] = values[i];
      }
    }
    int n = 0;
    for (int bucket = 0; bucket < buckets; bucket++) {
      if (seen[bucket]) {
        times[n] = from + Math.round((bucket + 0.5) * span / buckets);
        highest[n++] = highest[bucket];
      }
    }
    return new Samples(Arrays.copyOf(times, n), Arrays.copyOf(highest, n));
  }

  /** The shortest time between two points in a row, in seconds; infinite with fewer than two. */
  double smallestStep() {
    double smallest = Double.POSITIVE_INFINITY;
    for (int i = 1; i < size(); i++) {
      long step = epochSeconds[i] - epochSeconds[i - 1];
      if (step > 0) {
        smallest = Math.min(smallest, step);
      }
    }
    return smallest;
  }
}

package io.opsroom.charts;

import java.util.List;

/**
 * One line on a chart: a name (shown in the legend, usually the Graphite target) and its points in
 * time order.
 *
 * @param name the series name, shown as plain text; may hold any characters
 * @param points the points; a point without a value is drawn as a gap
 */
public record ChartSeries(String name, List<Point> points) {

  public ChartSeries {
    name = name == null ? "" : name;
    points = points == null ? List.of() : List.copyOf(points);
  }

  /**
   * One measurement. A null value means the backend has no data for that moment, and the chart
   * leaves a gap there rather than drawing a zero. NaN and infinities count as no data too.
   *
   * @param epochSeconds the time of the measurement, in seconds since the epoch
   * @param value the measurement, or null for no data
   */
  public record Point(long epochSeconds, Double value) {

    public Point {
      if (value != null && !Double.isFinite(value)) {
        value = null;
      }
    }
  }
}

package io.opsroom.charts;

import java.util.List;

/**
 * Everything a chart shows: its series over a time range, the alert's threshold lines, event
 * markers, the size in pixels and the unit of the values. Start with {@link #of} and add the rest
 * with the {@code with...} methods.
 *
 * @param title shown above the plot; blank for none
 * @param series the lines; none, or none with a value in the range, draws "No data"
 * @param thresholds horizontal lines; the value axis always reaches them
 * @param markers vertical event lines; those outside the range are left out
 * @param fromEpoch the left edge of the time axis, in seconds since the epoch
 * @param untilEpoch the right edge of the time axis, after {@code fromEpoch}
 * @param width the width in pixels (the PNG's size, the SVG's aspect ratio and level of detail)
 * @param height the height in pixels
 * @param unit appended to the value axis labels ({@code %}, {@code ms}, {@code B}); blank for none
 * @param shading whether the band beyond the thresholds is tinted, and on which side
 * @param kind how the values are drawn: lines (the default), filled areas or bars
 */
public record ChartSpec(
    String title,
    List<ChartSeries> series,
    List<Threshold> thresholds,
    List<EventMarker> markers,
    long fromEpoch,
    long untilEpoch,
    int width,
    int height,
    String unit,
    Shading shading,
    Kind kind) {

  public static final int DEFAULT_WIDTH = 800;
  public static final int DEFAULT_HEIGHT = 300;
  static final int MIN_WIDTH = 160;
  static final int MIN_HEIGHT = 100;
  static final int MAX_SIZE = 4000;

  /**
   * Which side of the thresholds is the bad one, tinted amber between the warning and the critical
   * line and red beyond the critical line. It is the alert's direction.
   */
  public enum Shading {
    NONE,
    ABOVE,
    BELOW
  }

  /** How the series are drawn. */
  public enum Kind {
    /** A line per series: levels and rates, the default. */
    LINE,
    /** Each series filled down to zero: volumes such as traffic or memory in use. */
    AREA,
    /** A bar per point: counts per interval, such as smoke test failures. */
    BAR
  }

  public ChartSpec {
    title = title == null ? "" : title;
    series = series == null ? List.of() : List.copyOf(series);
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    markers = markers == null ? List.of() : List.copyOf(markers);
    unit = unit == null ? "" : unit.strip();
    shading = shading == null ? Shading.NONE : shading;
    kind = kind == null ? Kind.LINE : kind;
    if (untilEpoch <= fromEpoch) {
      throw new IllegalArgumentException(
          "A chart's range must end after it starts: from " + fromEpoch + " until " + untilEpoch);
    }
    if (width < MIN_WIDTH || width > MAX_SIZE || height < MIN_HEIGHT || height > MAX_SIZE) {
      throw new IllegalArgumentException(
          "A chart is between "
              + MIN_WIDTH
              + "×"
              + MIN_HEIGHT
              + " and "
              + MAX_SIZE
              + "×"
              + MAX_SIZE
              + " pixels, not "
              + width
              + "×"
              + height);
    }
  }

  /** A chart of these series over the range, 800 × 300 pixels, without thresholds or markers. */
  public static ChartSpec of(
      String title, List<ChartSeries> series, long fromEpoch, long untilEpoch) {
    return new ChartSpec(
        title,
        series,
        List.of(),
        List.of(),
        fromEpoch,
        untilEpoch,
        DEFAULT_WIDTH,
        DEFAULT_HEIGHT,
        "",
        Shading.NONE,
        Kind.LINE);
  }

  public ChartSpec withThresholds(List<Threshold> thresholds) {
    return new ChartSpec(
        title,
        series,
        thresholds,
        markers,
        fromEpoch,
        untilEpoch,
        width,
        height,
        unit,
        shading,
        kind);
  }

  public ChartSpec withMarkers(List<EventMarker> markers) {
    return new ChartSpec(
        title,
        series,
        thresholds,
        markers,
        fromEpoch,
        untilEpoch,
        width,
        height,
        unit,
        shading,
        kind);
  }

  public ChartSpec withSize(int width, int height) {
    return new ChartSpec(
        title,
        series,
        thresholds,
        markers,
        fromEpoch,
        untilEpoch,
        width,
        height,
        unit,
        shading,
        kind);
  }

  public ChartSpec withUnit(String unit) {
    return new ChartSpec(
        title,
        series,
        thresholds,
        markers,
        fromEpoch,
        untilEpoch,
        width,
        height,
        unit,
        shading,
        kind);
  }

  public ChartSpec withShading(Shading shading) {
    return new ChartSpec(
        title,
        series,
        thresholds,
        markers,
        fromEpoch,
        untilEpoch,
        width,
        height,
        unit,
        shading,
        kind);
  }

  public ChartSpec withKind(Kind kind) {
    return new ChartSpec(
        title,
        series,
        thresholds,
        markers,
        fromEpoch,
        untilEpoch,
        width,
        height,
        unit,
        shading,
        kind);
  }
}

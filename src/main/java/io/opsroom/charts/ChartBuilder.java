package io.opsroom.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYBarDataset;

/**
 * Builds the one JFreeChart that both the PNG and the SVG draw, in the colours of Opsroom's pages:
 * a white plot with a light grid and no frame, series as lines with gaps where data is missing (or
 * as lines over a translucent fill down to zero, or as bars, by the spec's kind), dashed threshold
 * lines, event markers, and a legend only when there are several series. Small charts (fleet
 * dashboards' small multiples) keep their title and lines and drop what would crowd them: labels on
 * threshold and marker lines, and ticks beyond the few the plot has room for.
 */
final class ChartBuilder {

  static final Color TEXT = new Color(0x1f2328);
  static final Color MUTED = new Color(0x59636e);
  static final Color GRID = new Color(0xe6eaef);
  static final Color WARNING = new Color(0xd4a72c);
  static final Color WARNING_TEXT = new Color(0x9a6700);
  static final Color WARNING_BAND = new Color(0xfff8c5);
  static final Color CRITICAL = new Color(0xcf222e);
  static final Color CRITICAL_BAND = new Color(0xffebe9);

  /** Behind marker labels: white, slightly see-through, so a label stays readable over a line. */
  static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 210);

  /**
   * Series colours, the page accent first. Green and red are left out: on an alert chart they would
   * read as "ok" and "critical".
   */
  static final List<Color> SERIES_COLOURS =
      List.of(
          new Color(0x1f6feb),
          new Color(0x8250df),
          new Color(0x1b7c83),
          new Color(0xbc4c00),
          new Color(0xbf3989),
          new Color(0x0a3069),
          new Color(0x7d4e00),
          new Color(0x54aeff),
          new Color(0x6e7781),
          new Color(0xc297ff));

  /** How opaque an area's fill is: light enough that overlapping series and the grid show. */
  static final int AREA_ALPHA = 56;

  /** The narrowest bar, in pixels of the chart's own size; more points are merged into one bar. */
  static final int MIN_BAR_PIXELS = 3;

  /** Charts narrower or lower than this are drawn as small multiples, with less around the plot. */
  static final int SMALL_WIDTH = 400;

  static final int SMALL_HEIGHT = 160;

  static final int MAX_LEGEND_ITEMS = 10;
  static final String NO_DATA = "No data";

  private static final String FONT = Font.SANS_SERIF;
  private static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 13);
  private static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 11);
  private static final Font MARKER_FONT = new Font(FONT, Font.PLAIN, 10);
  private static final Font NO_DATA_FONT = new Font(FONT, Font.PLAIN, 14);

  // Room the parts around the plot take. Ticks and the level of detail are chosen from the plot's
  // size before JFreeChart lays the chart out, so these estimates stand in for the real layout.
  private static final int PADDING_TOP = 8;
  private static final int PADDING_LEFT = 8;
  private static final int PADDING_BOTTOM = 6;
  private static final int PADDING_RIGHT = 20;
  private static final int TITLE_HEIGHT = 24;
  private static final int TIME_AXIS_HEIGHT = 20;
  private static final int LEGEND_ROW_HEIGHT = 18;
  private static final int VALUE_LABEL_WIDTH = 48;
  private static final int CHAR_WIDTH = 7;
  private static final int MAX_LEGEND_LABEL = 60;
  private static final int MARKER_LABEL_SPACING = 90;
  private static final int MAX_MARKER_LABEL = 24;
  private static final int MARKER_CHAR_WIDTH = 6;
  private static final int LABEL_HEIGHT = 16;

  private final ChartSpec spec;
  private final List<Samples> samples = new ArrayList<>();
  private final boolean hasData;
  private final boolean small;
  private final int plotWidth;
  private final int plotHeight;

  /** The value axis' range, once {@link #valueAxis()} has chosen it. */
  private double axisLow;

  private double axisHigh = 1;

  /** The width of one bar in milliseconds, for bar charts. */
  private final double barWidthMillis;

  private ChartBuilder(ChartSpec spec) {
    this.spec = spec;
    this.small = spec.width() < SMALL_WIDTH || spec.height() < SMALL_HEIGHT;
    this.plotWidth = Math.max(40, spec.width() - PADDING_LEFT - PADDING_RIGHT - VALUE_LABEL_WIDTH);
    boolean any = false;
    long span = spec.untilEpoch() - spec.fromEpoch();
    int maxBars = Math.max(1, plotWidth / MIN_BAR_PIXELS);
    // Bars are as wide as the data's step, or as a merged bucket's; never narrower than the
    // narrowest bar the pixels allow.
    double barSeconds = (double) span / maxBars;
    double smallestStep = Double.POSITIVE_INFINITY;
    for (ChartSeries series : spec.series()) {
      Samples inRange = Samples.of(series, spec.fromEpoch(), spec.untilEpoch());
      Samples drawn;
      if (spec.kind() == ChartSpec.Kind.BAR) {
        drawn =
            inRange.size() > maxBars
                ? inRange.bucketMax(spec.fromEpoch(), spec.untilEpoch(), maxBars)
                : inRange;
        smallestStep = Math.min(smallestStep, drawn.smallestStep());
      } else {
        drawn = inRange.downsample(spec.fromEpoch(), spec.untilEpoch(), plotWidth);
      }
      samples.add(drawn);
      any |= drawn.hasValues();
    }
    this.barWidthMillis =
        1000.0
            * (Double.isInfinite(smallestStep) ? barSeconds : Math.max(barSeconds, smallestStep));
    this.hasData = any;
    this.plotHeight =
        Math.max(
            20,
            spec.height()
                - PADDING_TOP
                - PADDING_BOTTOM
                - (spec.title().isBlank() ? 0 : TITLE_HEIGHT)
                - TIME_AXIS_HEIGHT
                - legendRows() * LEGEND_ROW_HEIGHT);
  }

  /** The chart for {@code spec}. Each call builds a new one, so callers never share state. */
  static JFreeChart build(ChartSpec spec) {
    return new ChartBuilder(spec).chart();
  }

  /** Whether any series of {@code spec} has a value in its range, or the chart says "No data". */
  static boolean hasData(ChartSpec spec) {
    return spec.series().stream()
        .anyMatch(series -> Samples.of(series, spec.fromEpoch(), spec.untilEpoch()).hasValues());
  }

  private JFreeChart chart() {
    DefaultXYDataset dataset = new DefaultXYDataset();
    boolean[][] isolated = new boolean[samples.size()][];
    if (hasData) {
      for (int i = 0; i < samples.size(); i++) {
        Samples series = samples.get(i);
        double[][] xy = new double[2][series.size()];
        for (int j = 0; j < series.size(); j++) {
          xy[0][j] = series.epochSeconds()[j] * 1000.0;
          xy[1][j] = series.values()[j];
        }
        // Keys are positions, not names: Graphite may return two series with the same name.
        dataset.addSeries("series-" + i, xy);
        isolated[i] = series.isolated();
      }
    }

    XYPlot plot;
    if (spec.kind() == ChartSpec.Kind.BAR) {
      plot =
          new XYPlot(
              new XYBarDataset(dataset, barWidthMillis), timeAxis(), valueAxis(), barRenderer());
    } else {
      plot = new XYPlot(dataset, timeAxis(), valueAxis(), lineRenderer(isolated));
      if (spec.kind() == ChartSpec.Kind.AREA && hasData) {
        // The fills are a second dataset drawn before the lines, so every line stays on top.
        List<Integer> owners = new ArrayList<>();
        plot.setDataset(1, areaDataset(owners));
        plot.setRenderer(1, areaRenderer(owners));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
      }
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setInsets(new RectangleInsets(4, 0, 0, 0));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    Stroke gridStroke = new BasicStroke(1f);
    plot.setDomainGridlinePaint(GRID);
    plot.setDomainGridlineStroke(gridStroke);
    plot.setRangeGridlinePaint(GRID);
    plot.setRangeGridlineStroke(gridStroke);
    plot.setNoDataMessage(NO_DATA);
    plot.setNoDataMessageFont(NO_DATA_FONT);
    plot.setNoDataMessagePaint(MUTED);
    addShading(plot);
    addThresholds(plot);
    addEventMarkers(plot);

    JFreeChart chart = new JFreeChart(null, null, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setBorderVisible(false);
    chart.setPadding(new RectangleInsets(PADDING_TOP, PADDING_LEFT, PADDING_BOTTOM, PADDING_RIGHT));
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    if (!spec.title().isBlank()) {
      TextTitle title =
          new TextTitle(
              truncate(spec.title(), spec.width() / CHAR_WIDTH),
              TITLE_FONT,
              TEXT,
              RectangleEdge.TOP,
              HorizontalAlignment.LEFT,
              VerticalAlignment.BOTTOM,
              new RectangleInsets(0, 2, 6, 0));
      title.setMaximumLinesToDisplay(1);
      chart.setTitle(title);
    }
    if (legendRows() > 0) {
      plot.setFixedLegendItems(legendItems());
      LegendTitle legend = new LegendTitle(plot);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
      legend.setFrame(BlockBorder.NONE);
      legend.setBackgroundPaint(Color.WHITE);
      legend.setItemFont(LABEL_FONT);
      legend.setItemPaint(TEXT);
      legend.setMargin(new RectangleInsets(4, 0, 0, 0));
      chart.addSubtitle(legend);
    }
    return chart;
  }

  private DateAxis timeAxis() {
    DateAxis axis = new DateAxis(null, AxisFormats.UTC, Locale.ENGLISH);
    axis.setRange(spec.fromEpoch() * 1000.0, spec.untilEpoch() * 1000.0);
    axis.setTickUnit(
        AxisFormats.timeTickUnit(spec.untilEpoch() - spec.fromEpoch(), plotWidth), false, true);
    styleAxis(axis);
    return axis;
  }

  private NumberAxis valueAxis() {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    if (hasData) {
      for (Samples series : samples) {
        for (double value : series.values()) {
          if (!Double.isNaN(value)) {
            low = Math.min(low, value);
            high = Math.max(high, value);
          }
        }
      }
    }
    // The threshold lines are the point of an alert chart: the axis reaches them even when the
    // values are far below.
    for (Threshold threshold : spec.thresholds()) {
      low = Math.min(low, threshold.value());
      high = Math.max(high, threshold.value());
    }
    if (low > high) {
      low = 0;
      high = 1;
    } else if (!hasData) {
      // Only threshold lines: show them from zero, away from the "No data" in the middle.
      low = Math.min(low, 0);
      high = Math.max(high, 0);
    }
    // Areas and bars are filled from zero, so zero is always on their axis.
    if (spec.kind() != ChartSpec.Kind.LINE) {
      low = Math.min(low, 0);
      high = Math.max(high, 0);
    }
    // Start at zero when the values are not negative and vary by more than a sixth of the highest
    // (the rule spreadsheets use), so small changes of a large value stay visible.
    boolean fromZero = low >= 0 && (high == 0 || (high - low) / high > 1.0 / 6);
    if (fromZero) {
      low = 0;
    }
    if (high == low) {
      double pad = high == 0 ? 1 : Math.abs(high) * 0.1;
      high += pad;
      low = low >= 0 && low - pad < 0 ? 0 : low - pad;
    }
    double margin = (high - low) * 0.05;
    // Percentages that stay within 0..100 end at 100: no tick beyond what a percentage can be.
    boolean percent = spec.unit().equals("%") && low >= 0 && high <= 100;
    high = percent ? Math.min(100, high + margin) : high + margin;
    if (!fromZero) {
      low -= margin;
    }
    int maxTicks = Math.max(2, plotHeight / AxisFormats.VALUE_LABEL_SPACING);
    double step = AxisFormats.niceStep(high - low, maxTicks);
    // Large charts end their axis on a tick. Small ones cannot spare the room: with two or three
    // ticks, rounding up to the next one could halve the height the values get.
    if (!small) {
      low = Math.floor(low / step) * step;
      high = Math.ceil(high / step) * step;
    }

    axisLow = low;
    axisHigh = high;
    NumberAxis axis = new NumberAxis(null);
    axis.setRange(low, high);
    axis.setTickUnit(AxisFormats.valueTickUnit(step, spec.unit()), false, true);
    styleAxis(axis);
    // With neither data nor thresholds the numbers would mean nothing.
    axis.setTickLabelsVisible(hasData || !spec.thresholds().isEmpty());
    return axis;
  }

  private static void styleAxis(ValueAxis axis) {
    axis.setAxisLineVisible(false);
    axis.setTickMarksVisible(false);
    axis.setMinorTickMarksVisible(false);
    axis.setTickLabelFont(LABEL_FONT);
    axis.setTickLabelPaint(MUTED);
  }

  private XYLineAndShapeRenderer lineRenderer(boolean[][] isolated) {
    XYLineAndShapeRenderer renderer =
        new XYLineAndShapeRenderer(true, false) {
          // A point with no neighbours has no line to be part of: draw it as a dot.
          @Override
          public boolean getItemShapeVisible(int series, int item) {
            return isolated[series] != null && isolated[series][item];
          }
        };
    // One path per series: NaN values break it, so gaps stay gaps, and the SVG stays small.
    renderer.setDrawSeriesLineAsPath(true);
    renderer.setAutoPopulateSeriesShape(false);
    renderer.setDefaultShape(new Ellipse2D.Double(-2, -2, 4, 4));
    renderer.setDefaultShapesFilled(true);
    Stroke line = new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    for (int i = 0; i < samples.size(); i++) {
      renderer.setSeriesPaint(i, seriesColour(i));
      renderer.setSeriesStroke(i, line);
    }
    return renderer;
  }

  /**
   * Each series' runs of values without gaps, as series of their own: an area cannot span a gap,
   * and one polygon per run fills exactly under the line. {@code owners} receives, per run, the
   * index of the series it belongs to.
   */
  private DefaultXYDataset areaDataset(List<Integer> owners) {
    DefaultXYDataset runs = new DefaultXYDataset();
    for (int i = 0; i < samples.size(); i++) {
      Samples series = samples.get(i);
      int start = -1;
      for (int j = 0; j <= series.size(); j++) {
        boolean value = j < series.size() && !Double.isNaN(series.values()[j]);
        if (value && start < 0) {
          start = j;
        } else if (!value && start >= 0) {
          double[][] xy = new double[2][j - start];
          for (int k = start; k < j; k++) {
            xy[0][k - start] = series.epochSeconds()[k] * 1000.0;
            xy[1][k - start] = series.values()[k];
          }
          runs.addSeries("area-" + owners.size(), xy);
          owners.add(i);
          start = -1;
        }
      }
    }
    return runs;
  }

  private static XYAreaRenderer areaRenderer(List<Integer> owners) {
    XYAreaRenderer renderer = new XYAreaRenderer(XYAreaRenderer.AREA);
    renderer.setOutline(false);
    for (int run = 0; run < owners.size(); run++) {
      renderer.setSeriesPaint(run, translucent(seriesColour(owners.get(run))));
    }
    return renderer;
  }

  private XYBarRenderer barRenderer() {
    XYBarRenderer renderer =
        samples.size() > 1 ? new ClusteredXYBarRenderer(0.15, false) : new XYBarRenderer(0.15);
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    renderer.setBase(0);
    for (int i = 0; i < samples.size(); i++) {
      renderer.setSeriesPaint(i, seriesColour(i));
    }
    return renderer;
  }

  static Color translucent(Color colour) {
    return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), AREA_ALPHA);
  }

  static Color seriesColour(int index) {
    return SERIES_COLOURS.get(index % SERIES_COLOURS.size());
  }

  private void addThresholds(XYPlot plot) {
    Stroke dashed =
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    // Labels are placed from the top line down, each in the first free place: on the left above
    // its line, on the left below it, then the same on the right. The left comes first because the
    // newest data and the event markers gather on the right of most graphs. A label with no free
    // place is left out; its line and colour remain.
    List<double[]> placed = new ArrayList<>();
    List<Threshold> fromTop =
        spec.thresholds().stream()
            .sorted(Comparator.comparingDouble(Threshold::value).reversed())
            .toList();
    for (Threshold threshold : fromTop) {
      boolean critical = threshold.level() == Threshold.Level.CRITICAL;
      ValueMarker line = new ValueMarker(threshold.value(), critical ? CRITICAL : WARNING, dashed);
      plot.addRangeMarker(line, Layer.FOREGROUND);
      if (small) {
        // A label would cover much of a small plot; the line's colour says which threshold it is.
        continue;
      }
      String label = thresholdLabel(threshold);
      double y = (axisHigh - threshold.value()) / (axisHigh - axisLow) * plotHeight;
      double width = label.length() * CHAR_WIDTH + 8;
      for (int place = 0; place < 4; place++) {
        boolean right = place >= 2;
        boolean above = place % 2 == 0;
        double[] box = {
          right ? plotWidth - width : 0,
          above ? y - LABEL_HEIGHT : y,
          right ? plotWidth : width,
          above ? y : y + LABEL_HEIGHT
        };
        boolean inside = box[1] >= 0 && box[3] <= plotHeight;
        boolean free =
            placed.stream()
                .noneMatch(p -> box[0] < p[2] && p[0] < box[2] && box[1] < p[3] && p[1] < box[3]);
        if (inside && free) {
          placed.add(box);
          line.setLabel(label);
          line.setLabelFont(LABEL_FONT);
          line.setLabelPaint(critical ? CRITICAL : WARNING_TEXT);
          line.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
          line.setLabelTextAnchor(
              right
                  ? (above ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_RIGHT)
                  : (above ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT));
          line.setLabelOffset(new RectangleInsets(2, 4, 2, 4));
          line.setLabelBackgroundColor(LABEL_BACKGROUND);
          break;
        }
      }
    }
  }

  private String thresholdLabel(Threshold threshold) {
    if (!threshold.label().isBlank()) {
      return truncate(threshold.label(), 40);
    }
    return threshold.level().name().toLowerCase(Locale.ROOT)
        + " "
        + AxisFormats.formatValue(threshold.value(), spec.unit());
  }

  /**
   * Tints the bad side of the thresholds: amber from the warning to the critical line, red beyond
   * the critical line.
   */
  private void addShading(XYPlot plot) {
    if (spec.shading() == ChartSpec.Shading.NONE || spec.thresholds().isEmpty()) {
      return;
    }
    boolean above = spec.shading() == ChartSpec.Shading.ABOVE;
    Double warning = null;
    Double critical = null;
    for (Threshold threshold : spec.thresholds()) {
      double value = threshold.value();
      if (threshold.level() == Threshold.Level.CRITICAL) {
        critical =
            critical == null
                ? value
                : above ? Math.min(critical, value) : Math.max(critical, value);
      } else {
        warning =
            warning == null ? value : above ? Math.min(warning, value) : Math.max(warning, value);
      }
    }
    double far = above ? Double.MAX_VALUE : -Double.MAX_VALUE;
    if (critical != null) {
      plot.addRangeMarker(band(critical, far, CRITICAL_BAND), Layer.BACKGROUND);
    }
    if (warning != null) {
      double end = critical == null ? far : critical;
      if (above ? warning < end : warning > end) {
        plot.addRangeMarker(band(warning, end, WARNING_BAND), Layer.BACKGROUND);
      }
    }
  }

  private static IntervalMarker band(double from, double to, Paint paint) {
    IntervalMarker band = new IntervalMarker(Math.min(from, to), Math.max(from, to));
    band.setPaint(paint);
    band.setOutlinePaint(null);
    // See-through, so the grid still shows in the band.
    band.setAlpha(0.6f);
    return band;
  }

  /**
   * Dashed vertical lines at the events, labelled at the top: right of the line, or left of it
   * where the label would run off the plot. Newer events are labelled first; a label that would
   * overlap one already placed is left out, and its line stays.
   */
  private void addEventMarkers(XYPlot plot) {
    Stroke dashed =
        new BasicStroke(
            1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f);
    double span = spec.untilEpoch() - spec.fromEpoch();
    List<double[]> placed = new ArrayList<>();
    List<EventMarker> markers =
        spec.markers().stream()
            .filter(
                m -> m.epochSeconds() >= spec.fromEpoch() && m.epochSeconds() <= spec.untilEpoch())
            .sorted(Comparator.comparingLong(EventMarker::epochSeconds).reversed())
            .toList();
    for (EventMarker event : markers) {
      Color colour = event.kind().equalsIgnoreCase("outage") ? CRITICAL : MUTED;
      ValueMarker line = new ValueMarker(event.epochSeconds() * 1000.0, colour, dashed);
      double x = (event.epochSeconds() - spec.fromEpoch()) / span * plotWidth;
      String label = truncate(event.label(), MAX_MARKER_LABEL);
      double width = Math.max(MARKER_LABEL_SPACING, label.length() * MARKER_CHAR_WIDTH + 8);
      boolean nearRight = x + width > plotWidth;
      double[] extent = nearRight ? new double[] {x - width, x} : new double[] {x, x + width};
      boolean free = placed.stream().noneMatch(p -> extent[0] < p[1] + 4 && p[0] < extent[1] + 4);
      if (!small && !event.label().isBlank() && free) {
        line.setLabel(label);
        line.setLabelFont(MARKER_FONT);
        line.setLabelPaint(colour);
        line.setLabelAnchor(nearRight ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        line.setLabelTextAnchor(nearRight ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        line.setLabelOffset(new RectangleInsets(2, 3, 2, 3));
        line.setLabelBackgroundColor(LABEL_BACKGROUND);
        placed.add(extent);
      }
      plot.addDomainMarker(line, Layer.FOREGROUND);
    }
  }

  /** How many rows the legend takes: none for a single series, or when there is nothing to see. */
  private int legendRows() {
    int count = spec.series().size();
    if (count < 2 || !hasData) {
      return 0;
    }
    int available = Math.max(1, spec.width() - PADDING_LEFT - PADDING_RIGHT);
    int rows = 1;
    int used = 0;
    for (int i = 0; i < Math.min(count, MAX_LEGEND_ITEMS + 1); i++) {
      String label = i < MAX_LEGEND_ITEMS ? legendLabel(spec.series().get(i), i) : moreLabel(count);
      int itemWidth = 30 + label.length() * CHAR_WIDTH;
      if (used > 0 && used + itemWidth > available) {
        rows++;
        used = 0;
      }
      used += itemWidth;
    }
    return rows;
  }

  private LegendItemCollection legendItems() {
    LegendItemCollection items = new LegendItemCollection();
    Line2D sample = new Line2D.Double(-7, 0, 7, 0);
    Rectangle2D square = new Rectangle2D.Double(-5, -5, 10, 10);
    Stroke thick = new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    int count = spec.series().size();
    for (int i = 0; i < Math.min(count, MAX_LEGEND_ITEMS); i++) {
      String label = legendLabel(spec.series().get(i), i);
      items.add(
          spec.kind() == ChartSpec.Kind.BAR
              ? new LegendItem(label, seriesColour(i))
              : new LegendItem(label, null, null, null, sample, thick, seriesColour(i)));
    }
    if (count > MAX_LEGEND_ITEMS) {
      Rectangle2D nothing = new Rectangle2D.Double(0, 0, 0, 0);
      items.add(
          new LegendItem(
              moreLabel(count),
              null,
              null,
              null,
              false,
              nothing,
              false,
              Color.WHITE,
              false,
              Color.WHITE,
              thick,
              false,
              nothing,
              thick,
              Color.WHITE));
    }
    return items;
  }

  private static String legendLabel(ChartSeries series, int index) {
    String name = series.name().isBlank() ? "series " + (index + 1) : series.name();
    return truncateMiddle(name, MAX_LEGEND_LABEL);
  }

  private static String moreLabel(int count) {
    return "+" + (count - MAX_LEGEND_ITEMS) + " more";
  }

  /** The text on one line: control characters and runs of white space become one space. */
  private static String oneLine(String text) {
    return text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
  }

  /** Cuts {@code text} to {@code max} characters, ending in an ellipsis. */
  static String truncate(String text, int max) {
    String line = oneLine(text);
    return line.length() <= max ? line : line.substring(0, Math.max(1, max - 1)) + "…";
  }

  /**
   * Cuts {@code text} to {@code max} characters by dropping its middle, which keeps what tells
   * Graphite series apart: the host near the start and the metric at the end.
   */
  static String truncateMiddle(String text, int max) {
    String line = oneLine(text);
    if (line.length() <= max) {
      return line;
    }
    int head = (max - 1) / 2;
    int tail = max - 1 - head;
    return line.substring(0, head) + "…" + line.substring(line.length() - tail);
  }
}

package io.opsroom.charts;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;
import org.jfree.svg.ViewBox;

/**
 * Draws a {@link ChartSpec} as a PNG (for email, where inline images are the only graphs that work)
 * or as an SVG element (for pages, where it scales with the layout). Both come from the same
 * JFreeChart, so a graph in a mail looks like the one on the alert page. Stateless and safe to
 * share between threads.
 */
public final class ChartRenderer {

  static {
    // Rendering needs no display. Set before this package touches AWT, unless the JVM was told
    // otherwise on purpose.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** The fonts of Opsroom's pages; the SVG text uses them instead of Java's logical font names. */
  static final String PAGE_FONTS =
      "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";

  private static final DateTimeFormatter DESCRIPTION_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The chart as a PNG image of exactly {@code spec.width() × spec.height()} pixels. */
  public byte[] png(ChartSpec spec) {
    BufferedImage image = image(ChartBuilder.build(spec), spec, null);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    // A memory stream: ImageIO's default would buffer through a temporary file.
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not encode the chart as PNG", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * The chart as an {@code <svg>} element to place in an HTML page. It has a {@code viewBox} and a
   * width of 100%, so it fills its container and keeps its aspect ratio; {@code role="img"}, an
   * {@code aria-label} and a {@code <title>} describe it. All text in it, series names included, is
   * escaped, and it holds no scripts. Its only links are event markers' to {@code /events/{id}}.
   *
   * <p>For scripts on the page it says where the plot is: {@code data-plot-left}, {@code
   * data-plot-right}, {@code data-plot-top} and {@code data-plot-bottom} in viewBox units, and the
   * time range as {@code data-from} and {@code data-until} in epoch seconds. Each event marker has
   * an invisible wider line over it ({@code class="event-marker"}, {@code data-event-id}, {@code
   * data-kind}, {@code data-time}) whose {@code <title>} shows the event's whole label on hover.
   */
  public String svg(ChartSpec spec) {
    JFreeChart chart = ChartBuilder.build(spec);
    SVGGraphics2D g2 = new SVGGraphics2D(spec.width(), spec.height());
    // Clip-path ids must be unique in a page that shows several charts.
    g2.setDefsKeyPrefix("chart" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-");
    g2.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
    g2.setFontFunction(family -> PAGE_FONTS);
    // No crispEdges on grid lines: the browser scales the SVG, and snapped 1-pixel lines would
    // come out one or two pixels wide at random.
    g2.setCheckStrokeControlHint(false);
    // No entity collection: only the plot's place is wanted, not an entity per data point.
    ChartRenderingInfo info = new ChartRenderingInfo(null);
    chart.draw(g2, new Rectangle(0, 0, spec.width(), spec.height()), info);
    Rectangle2D plot = info.getPlotInfo().getDataArea();
    String element =
        g2.getSVGElement(null, false, new ViewBox(0, 0, spec.width(), spec.height()), null, null);
    String description = describe(spec);
    String title = spec.title().isBlank() ? description : spec.title();
    String attributes =
        " width=\"100%\" class=\"chart\" role=\"img\" aria-label=\""
            + escape(description)
            + "\" data-plot-left=\""
            + coordinate(plot.getMinX())
            + "\" data-plot-right=\""
            + coordinate(plot.getMaxX())
            + "\" data-plot-top=\""
            + coordinate(plot.getMinY())
            + "\" data-plot-bottom=\""
            + coordinate(plot.getMaxY())
            + "\" data-from=\""
            + spec.fromEpoch()
            + "\" data-until=\""
            + spec.untilEpoch()
            + "\"";
    int openEnd = element.indexOf('>');
    int close = element.lastIndexOf("</svg>");
    return "<svg"
        + attributes
        + element.substring("<svg".length(), openEnd + 1)
        + "<title>"
        + escape(title)
        + "</title>"
        + element.substring(openEnd + 1, close)
        + markerOverlay(chart, spec, plot)
        + element.substring(close);
  }

  /**
   * Over each event marker JFreeChart drew, an invisible line wide enough to point at, with the
   * event's label as its tooltip and, when the event is known, a link to its page.
   */
  private static String markerOverlay(JFreeChart chart, ChartSpec spec, Rectangle2D plot) {
    List<EventMarker> markers =
        spec.markers().stream()
            .filter(
                m -> m.epochSeconds() >= spec.fromEpoch() && m.epochSeconds() <= spec.untilEpoch())
            .toList();
    if (markers.isEmpty()) {
      return "";
    }
    ValueAxis axis = chart.getXYPlot().getDomainAxis();
    StringBuilder out = new StringBuilder("<g class=\"event-markers\">");
    for (EventMarker marker : markers) {
      double x = axis.valueToJava2D(marker.epochSeconds() * 1000.0, plot, RectangleEdge.BOTTOM);
      String tooltip =
          (marker.label().isBlank() ? marker.kind() : marker.label().strip())
              + " · "
              + DESCRIPTION_TIME.format(Instant.ofEpochSecond(marker.epochSeconds()))
              + " UTC";
      if (marker.eventId() != null) {
        out.append("<a href=\"/events/").append(marker.eventId()).append("\">");
      }
      out.append("<line class=\"event-marker\"");
      if (marker.eventId() != null) {
        out.append(" data-event-id=\"").append(marker.eventId()).append('"');
      }
      out.append(" data-kind=\"")
          .append(escape(marker.kind()))
          .append("\" data-time=\"")
          .append(marker.epochSeconds())
          .append("\" x1=\"")
          .append(coordinate(x))
          .append("\" y1=\"")
          .append(coordinate(plot.getMinY()))
          .append("\" x2=\"")
          .append(coordinate(x))
          .append("\" y2=\"")
          .append(coordinate(plot.getMaxY()))
          .append("\" stroke=\"transparent\" stroke-width=\"9\" pointer-events=\"stroke\">")
          .append("<title>")
          .append(escape(tooltip))
          .append("</title></line>");
      if (marker.eventId() != null) {
        out.append("</a>");
      }
    }
    return out.append("</g>").toString();
  }

  /**
   * A single value as the axis labels write it, for text beside a chart: {@code 0.53}, {@code
   * 1.5k}, {@code 250 ms}, {@code 99.5%}, {@code 2.1 MB/s}.
   */
  public static String formatValue(double value, String unit) {
    return AxisFormats.formatValue(value, unit == null ? "" : unit.strip());
  }

  /** A coordinate in viewBox units, with two decimals at most. */
  private static String coordinate(double value) {
    return new java.math.BigDecimal(value)
        .setScale(2, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * Draws {@code chart}, built from {@code spec}, on a new image; {@code info}, when given,
   * receives where the plot went.
   */
  static BufferedImage image(JFreeChart chart, ChartSpec spec, ChartRenderingInfo info) {
    BufferedImage image =
        new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      g2.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      chart.draw(g2, new Rectangle(0, 0, spec.width(), spec.height()), info);
    } finally {
      g2.dispose();
    }
    return image;
  }

  /**
   * A sentence for screen readers: what is shown, over which time, and the thresholds, such as "Web
   * 5xx responses: 2 series (web01, web02), 2024-03-14 10:00 to 11:00 UTC, critical 5%".
   */
  static String describe(ChartSpec spec) {
    List<String> parts = new ArrayList<>();
    String what = spec.title().isBlank() ? "Chart" : spec.title().strip();
    int count = spec.series().size();
    if (count == 1) {
      what += ": " + seriesName(spec.series().get(0), 0);
    } else if (count > 1) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < Math.min(3, count); i++) {
        names.add(seriesName(spec.series().get(i), i));
      }
      what +=
          ": " + count + " series (" + String.join(", ", names) + (count > 3 ? ", …" : "") + ")";
    }
    parts.add(what);
    Instant from = Instant.ofEpochSecond(spec.fromEpoch());
    Instant until = Instant.ofEpochSecond(spec.untilEpoch());
    parts.add(DESCRIPTION_TIME.format(from) + " to " + DESCRIPTION_TIME.format(until) + " UTC");
    if (!ChartBuilder.hasData(spec)) {
      parts.add("no data");
    }
    for (Threshold threshold : spec.thresholds()) {
      parts.add(
          threshold.level().name().toLowerCase(Locale.ROOT)
              + " "
              + AxisFormats.formatValue(threshold.value(), spec.unit()));
    }
    return String.join(", ", parts);
  }

  private static String seriesName(ChartSeries series, int index) {
    String name = series.name().isBlank() ? "series " + (index + 1) : series.name();
    return ChartBuilder.truncateMiddle(name, 60);
  }

  /** Escapes text for an XML attribute or element, and drops control characters XML forbids. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\t') {
            out.append(c);
          } else {
            out.append(' ');
          }
        }
      }
    }
    return out.toString();
  }
}

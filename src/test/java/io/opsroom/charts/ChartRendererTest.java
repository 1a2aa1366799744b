package io.opsroom.charts;

import static io.opsroom.charts.ChartSamples.MIDNIGHT;
import static io.opsroom.charts.ChartSamples.series;
import static io.opsroom.charts.ChartSamples.wave;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ChartRendererTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final long FROM = MIDNIGHT + 10 * 3600;
  private static final long UNTIL = FROM + 3600;

  private final ChartRenderer renderer = new ChartRenderer();

  private static ChartSeries steady(String name) {
    return series(name, FROM, UNTIL, 60, t -> wave(t, 3, 2, 1));
  }

  @Test
  void thePngIsAPngOfTheRequestedSize() throws IOException {
    ChartSpec spec = ChartSpec.of("Load", List.of(steady("load")), FROM, UNTIL).withSize(640, 240);

    byte[] png = renderer.png(spec);

    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(image, "ImageIO decodes it");
    assertEquals(640, image.getWidth());
    assertEquals(240, image.getHeight());
    assertEquals(
        "true", System.getProperty("java.awt.headless"), "the renderer asks for no display");
    assertTrue(GraphicsEnvironment.isHeadless(), "charts are drawn without a display");
  }

  @Test
  void theThresholdLinesAreDrawnWhereTheyBelongEvenFarAboveTheValues() throws IOException {
    // Values between 1 and 5, lines at 50 and 90: the axis must stretch to show the lines.
    ChartSpec spec =
        ChartSpec.of("Load", List.of(steady("load")), FROM, UNTIL)
            .withThresholds(List.of(Threshold.warning(50), Threshold.critical(90)));
    JFreeChart chart = ChartBuilder.build(spec);
    ChartRenderingInfo info = new ChartRenderingInfo();
    ChartRenderer.image(chart, spec, info);
    Rectangle2D plot = info.getPlotInfo().getDataArea();
    double criticalY = chart.getXYPlot().getRangeAxis().valueToJava2D(90, plot, RectangleEdge.LEFT);
    double warningY = chart.getXYPlot().getRangeAxis().valueToJava2D(50, plot, RectangleEdge.LEFT);
    assertTrue(criticalY > plot.getMinY() && criticalY < plot.getMaxY(), "90 is on the axis");

    BufferedImage png = ImageIO.read(new ByteArrayInputStream(renderer.png(spec)));
    double plotWidth = plot.getWidth();
    assertTrue(
        pixelsOfColourNear(png, plot, criticalY, ChartBuilder.CRITICAL) > plotWidth * 0.4,
        "a dashed red line crosses the plot at 90");
    assertTrue(
        pixelsOfColourNear(png, plot, warningY, ChartBuilder.WARNING) > plotWidth * 0.4,
        "a dashed amber line crosses the plot at 50");
    double midway = (criticalY + warningY) / 2;
    assertEquals(
        0, pixelsOfColourNear(png, plot, midway, ChartBuilder.CRITICAL), "and nothing red between");

    String svg = renderer.svg(spec);
    List<Double> redLines = horizontalLinesOfColour(svg, ChartBuilder.CRITICAL);
    assertEquals(1, redLines.size(), svg);
    assertEquals(criticalY, redLines.get(0), 1.0, "the SVG has the same red line");
  }

  @Test
  void missingValuesLeaveAGapInsteadOfAZero() {
    ChartSeries withHole =
        series("cpu", FROM, UNTIL, 60, t -> t > FROM + 1200 && t < FROM + 1800 ? null : 40.0);
    String svg = renderer.svg(ChartSpec.of("CPU", List.of(withHole), FROM, UNTIL));

    String path = seriesPath(svg, ChartBuilder.seriesColour(0));
    assertEquals(2, count(path, 'M'), "two pieces of line: " + path);
  }

  @Test
  void notANumberAndInfinityAreGapsToo() {
    List<ChartSeries.Point> points = new ArrayList<>();
    for (long t = FROM; t <= UNTIL; t += 60) {
      double value = 40;
      if (t == FROM + 600) {
        value = Double.NaN;
      } else if (t == FROM + 1800) {
        value = Double.POSITIVE_INFINITY;
      } else if (t == FROM + 2400) {
        value = Double.NEGATIVE_INFINITY;
      }
      points.add(new ChartSeries.Point(t, value));
    }
    assertEquals(null, points.get(10).value());

    String svg =
        renderer.svg(ChartSpec.of("CPU", List.of(new ChartSeries("cpu", points)), FROM, UNTIL));

    assertEquals(4, count(seriesPath(svg, ChartBuilder.seriesColour(0)), 'M'));
  }

  @Test
  void aLonePointBetweenGapsIsDrawnAsADot() {
    ChartSeries lonely =
        series(
            "cpu",
            FROM,
            UNTIL,
            60,
            t -> t < FROM + 600 || t == FROM + 1200 || t > FROM + 1800 ? 40.0 : null);

    String svg = renderer.svg(ChartSpec.of("CPU", List.of(lonely), FROM, UNTIL));

    assertTrue(
        svg.contains("fill:" + rgb(ChartBuilder.seriesColour(0))),
        "a filled dot in the line colour");
  }

  @Test
  void seriesNamesAndTitlesAreEscapedAndTheSvgHoldsNothingActive() throws Exception {
    List<ChartSeries> hostile =
        List.of(
            steady("<script>alert(1)</script>"),
            steady("x' onload='alert(2)"),
            steady("a\" onmouseover=\"alert(3)"),
            steady("&amp; <img src=x onerror=alert(4)>"));
    ChartSpec spec =
        ChartSpec.of("<b>Load</b> & \"friends\"", hostile, FROM, UNTIL)
            .withThresholds(List.of(new Threshold("<i>too high</i>", 5, Threshold.Level.CRITICAL)))
            .withMarkers(List.of(new EventMarker(FROM + 600, "<svg onload=alert(5)>", "deploy")));

    String svg = renderer.svg(spec);

    assertFalse(svg.toLowerCase().contains("<script"), svg);
    assertFalse(svg.contains("<b>"), svg);
    assertFalse(svg.contains("<img"), svg);
    assertFalse(svg.contains("<i>"), svg);
    assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
    Document document = parse(svg);
    assertNothingActive(document.getDocumentElement());
    assertEquals(1, document.getElementsByTagName("svg").getLength(), "no second svg smuggled in");
  }

  @Test
  void theSvgScalesWithItsContainerAndDescribesItself() throws Exception {
    ChartSpec spec =
        ChartSpec.of("Web latency", List.of(steady("servers.web01.latency")), FROM, UNTIL)
            .withThresholds(List.of(Threshold.critical(600)))
            .withUnit("ms");

    String svg = renderer.svg(spec);

    Element root = parse(svg).getDocumentElement();
    assertEquals("svg", root.getTagName());
    assertEquals("0 0 800 300", root.getAttribute("viewBox"));
    assertEquals("100%", root.getAttribute("width"));
    assertEquals("", root.getAttribute("height"), "the height follows from the viewBox");
    assertEquals("", root.getAttribute("style"));
    assertEquals("img", root.getAttribute("role"));
    assertEquals(
        "Web latency: servers.web01.latency, 2024-03-14 10:00 to 2024-03-14 11:00 UTC,"
            + " critical 600 ms",
        root.getAttribute("aria-label"));
    Element title = (Element) root.getFirstChild();
    assertEquals("title", title.getTagName());
    assertEquals("Web latency", title.getTextContent());
  }

  @Test
  void twoChartsInOnePageDoNotShareClipIds() {
    ChartSpec spec = ChartSpec.of("Load", List.of(steady("load")), FROM, UNTIL);
    Pattern clipId = Pattern.compile("<clipPath id='([^']+)'");

    Matcher first = clipId.matcher(renderer.svg(spec));
    Matcher second = clipId.matcher(renderer.svg(spec));

    assertTrue(first.find() && second.find());
    assertFalse(first.group(1).equals(second.group(1)));
  }

  @Test
  void noDataDrawsACleanChartThatSaysSo() throws IOException {
    ChartSeries allNull = series("cpu", FROM, UNTIL, 60, t -> null);
    ChartSeries elsewhere = series("cpu", FROM - 7200, FROM - 3600, 60, t -> 40.0);
    List<ChartSpec> empty =
        List.of(
            ChartSpec.of("Nothing at all", List.of(), FROM, UNTIL),
            ChartSpec.of("Only nulls", List.of(allNull, allNull), FROM, UNTIL),
            ChartSpec.of("Outside the range", List.of(elsewhere), FROM, UNTIL)
                .withThresholds(List.of(Threshold.critical(90))));

    for (ChartSpec spec : empty) {
      String svg = renderer.svg(spec);
      assertTrue(svg.contains(">No data</text>"), spec.title());
      assertTrue(svg.contains("no data"), "the description says so too");
      assertFalse(svg.contains(">cpu</text>"), "no legend for nothing");
      BufferedImage png = ImageIO.read(new ByteArrayInputStream(renderer.png(spec)));
      assertEquals(spec.width(), png.getWidth());
    }
    ChartSamples.save("no-data", empty.get(2));
  }

  @Test
  void aLegendOnlyForSeveralSeriesAndAtMostTen() {
    String one = renderer.svg(ChartSpec.of("Load", List.of(steady("web01")), FROM, UNTIL));
    assertFalse(one.contains(">web01</text>"), "one series needs no legend");

    String two =
        renderer.svg(ChartSpec.of("Load", List.of(steady("web01"), steady("web02")), FROM, UNTIL));
    assertTrue(two.contains(">web01</text>") && two.contains(">web02</text>"));

    List<ChartSeries> many = new ArrayList<>();
    for (int i = 1; i <= 13; i++) {
      many.add(steady("host" + i));
    }
    String thirteen = renderer.svg(ChartSpec.of("Load", many, FROM, UNTIL));
    assertTrue(thirteen.contains(">host10</text>"));
    assertFalse(thirteen.contains(">host11</text>"));
    assertTrue(thirteen.contains(">+3 more</text>"));
  }

  @Test
  void tenThousandPointsRenderQuicklyAndKeepTheirSpike() throws IOException {
    long from = MIDNIGHT;
    long until = from + 9_999 * 60;
    ChartSeries dense =
        series("busy", from, until, 60, t -> t == from + 5_000 * 60 ? 1_000.0 : wave(t, 50, 10, 3));
    assertEquals(10_000, dense.points().size());
    ChartSpec spec = ChartSpec.of("Busy", List.of(dense), from, until);

    long started = System.nanoTime();
    byte[] png = renderer.png(spec);
    String svg = renderer.svg(spec);
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertTrue(millis < 5_000, "took " + millis + " ms");
    assertEquals(spec.width(), ImageIO.read(new ByteArrayInputStream(png)).getWidth());
    String path = seriesPath(svg, ChartBuilder.seriesColour(0));
    int vertices = count(path, 'M') + count(path, 'L');
    assertTrue(vertices <= 2 * spec.width(), vertices + " vertices");
    // The spike of 1000 survives the reduction: it sets the top of the value axis.
    assertTrue(svg.contains(">1,000</text>") || svg.contains(">1k</text>"), "axis reaches 1000");
    ChartSamples.save("dense-10k", spec);
  }

  @Test
  void severalThreadsCanDrawAtOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ChartSpec spec =
            ChartSpec.of("Load " + i, List.of(steady("a"), steady("b")), FROM, UNTIL)
                .withThresholds(List.of(Threshold.critical(4 + i)));
        results.add(pool.submit(() -> renderer.png(spec)));
        results.add(pool.submit(() -> renderer.svg(spec).getBytes(StandardCharsets.UTF_8)));
      }
      for (Future<byte[]> result : results) {
        assertTrue(result.get().length > 1000);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * How many pixels in the rows around {@code y}, across the plot, show {@code colour}, alone or
   * blended with the white background by antialiasing.
   */
  private static int pixelsOfColourNear(
      BufferedImage image, Rectangle2D plot, double y, Color colour) {
    int best = 0;
    for (int row = (int) Math.round(y) - 1; row <= (int) Math.round(y) + 1; row++) {
      int found = 0;
      for (int x = (int) plot.getMinX(); x < (int) plot.getMaxX(); x++) {
        if (looksLike(new Color(image.getRGB(x, row)), colour)) {
          found++;
        }
      }
      best = Math.max(best, found);
    }
    return best;
  }

  /** Whether {@code pixel} is {@code colour} laid over white with an opacity of at least 50%. */
  private static boolean looksLike(Color pixel, Color colour) {
    int[] seen = {pixel.getRed(), pixel.getGreen(), pixel.getBlue()};
    int[] wanted = {colour.getRed(), colour.getGreen(), colour.getBlue()};
    double low = Double.MAX_VALUE;
    double high = -Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      double opacity = (255.0 - seen[i]) / (255.0 - wanted[i]);
      low = Math.min(low, opacity);
      high = Math.max(high, opacity);
    }
    return low >= 0.5 && high <= 1.1 && high - low <= 0.2;
  }

  /** The y of every horizontal {@code <line>} stroked in {@code colour}. */
  static List<Double> horizontalLinesOfColour(String svg, Color colour) {
    Pattern line =
        Pattern.compile(
            "<line x1='[^']*' y1='([^']*)' x2='[^']*' y2='([^']*)' style='[^']*stroke:"
                + Pattern.quote(rgb(colour)));
    List<Double> ys = new ArrayList<>();
    Matcher matcher = line.matcher(svg);
    while (matcher.find()) {
      if (matcher.group(1).equals(matcher.group(2))) {
        ys.add(Double.parseDouble(matcher.group(1)));
      }
    }
    return ys;
  }

  /** The path data of the line drawn in {@code colour}. */
  private static String seriesPath(String svg, Color colour) {
    Matcher matcher =
        Pattern.compile(
                "<g style='stroke-width:1.5;stroke:"
                    + Pattern.quote(rgb(colour))
                    + "[^']*'[^>]*><path d='([^']*)'")
            .matcher(svg);
    if (!matcher.find()) {
      fail("no line in " + rgb(colour) + ": " + svg);
    }
    return matcher.group(1);
  }

  static String rgb(Color colour) {
    return "rgb(" + colour.getRed() + "," + colour.getGreen() + "," + colour.getBlue() + ")";
  }

  private static int count(String text, char c) {
    return (int) text.chars().filter(ch -> ch == c).count();
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }

  /** No scripts, no links, no foreign HTML, no event handlers, anywhere in the tree. */
  private static void assertNothingActive(Element element) {
    String tag = element.getTagName().toLowerCase();
    assertFalse(
        List.of("script", "a", "foreignobject", "iframe", "use", "image", "style").contains(tag),
        "element " + tag);
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      String name = attributes.item(i).getNodeName().toLowerCase();
      assertFalse(name.startsWith("on") || name.contains("href"), "attribute " + name);
    }
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element child) {
        assertNothingActive(child);
      }
    }
  }
}

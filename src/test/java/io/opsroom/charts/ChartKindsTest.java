package io.opsroom.charts;

import static io.opsroom.charts.ChartSamples.MIDNIGHT;
import static io.opsroom.charts.ChartSamples.series;
import static io.opsroom.charts.ChartSamples.wave;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The three kinds of chart (line, area, bar) at the sizes the stats pages use: each SVG parses as
 * XML and has what its kind draws, thresholds and markers work for every kind, PNGs have the asked
 * size, and small multiples leave out what would crowd them. The drawings land in {@code
 * target/charts/kind-*} for a person to look at.
 */
class ChartKindsTest {

  private static final long UNTIL = MIDNIGHT + 14 * 3600;
  private static final long FROM = UNTIL - 86_400;

  private final ChartRenderer renderer = new ChartRenderer();

  private static ChartSeries memory(String name, int seed) {
    return series(name, FROM, UNTIL, 300, t -> Math.max(0, wave(t, 55 + seed * 8, 15, seed)));
  }

  private static ChartSeries counts() {
    // A count per ten minutes, mostly zero, with a few bad intervals and an hour without data.
    return series(
        "failing",
        FROM,
        UNTIL,
        600,
        t ->
            t > FROM + 10 * 3600 && t < FROM + 11 * 3600
                ? null
                : (t / 600) % 17 == 0 ? 3.0 : (t / 600) % 11 == 0 ? 1.0 : 0.0);
  }

  private static ChartSpec spec(ChartSpec.Kind kind, List<ChartSeries> series) {
    return ChartSpec.of("Memory used · 24 h", series, FROM, UNTIL)
        .withKind(kind)
        .withUnit("%")
        .withThresholds(List.of(Threshold.warning(80), Threshold.critical(95)))
        .withShading(ChartSpec.Shading.ABOVE)
        .withMarkers(List.of(new EventMarker(FROM + 20 * 3600, "deploy shop 2.1", "deploy", 42L)))
        .withSize(640, 240);
  }

  @Test
  void anAreaChartFillsEachSeriesDownToZeroUnderItsLine() throws Exception {
    ChartSpec spec = spec(ChartSpec.Kind.AREA, List.of(memory("used", 1)));
    ChartSamples.save("kind-area", spec);

    String svg = renderer.svg(spec);
    Document document = parse(svg);

    List<String> fills = filledPaths(document, ChartBuilder.seriesColour(0));
    assertEquals(1, fills.size(), "a filled path in the series' colour: " + svg);
    assertTrue(fills.get(0).contains("fill-opacity:0.2"), "the fill is translucent: " + fills);
    assertTrue(
        svg.contains("stroke:" + ChartRendererTest.rgb(ChartBuilder.seriesColour(0))),
        "and the line is drawn over it");
    assertThresholdsAndMarker(svg, document);
  }

  @Test
  void anAreaStopsAtAGapInsteadOfBridgingIt() throws Exception {
    ChartSeries withHole =
        series(
            "used",
            FROM,
            UNTIL,
            300,
            t -> t > FROM + 3600 * 5 && t < FROM + 3600 * 8 ? null : 50.0);
    Document document = parse(renderer.svg(spec(ChartSpec.Kind.AREA, List.of(withHole))));

    assertEquals(2, filledPaths(document, ChartBuilder.seriesColour(0)).size(), "one fill per run");
  }

  @Test
  void aBarChartDrawsABarPerPointFromZero() throws Exception {
    ChartSpec spec =
        ChartSpec.of("Failing smoke tests · 24 h", List.of(counts()), FROM, UNTIL)
            .withKind(ChartSpec.Kind.BAR)
            .withThresholds(List.of(Threshold.critical(1)))
            .withShading(ChartSpec.Shading.ABOVE)
            .withMarkers(List.of(new EventMarker(FROM + 20 * 3600, "deploy", "deploy", 7L)))
            .withSize(640, 240);
    ChartSamples.save("kind-bar", spec);

    String svg = renderer.svg(spec);
    Document document = parse(svg);

    List<Element> bars = rectsOfColour(document, ChartBuilder.seriesColour(0));
    long withValue =
        counts().points().stream().filter(p -> p.value() != null && p.value() > 0).count();
    assertEquals(withValue, bars.stream().filter(r -> height(r) > 0.5).count(), svg);
    assertThresholdsAndMarker(svg, document);
  }

  @Test
  void manyPointsAreMergedIntoBarsThePixelsCanShow() throws Exception {
    ChartSeries perMinute = series("requests", FROM, UNTIL, 60, t -> wave(t, 40, 10, 3));
    ChartSpec spec =
        ChartSpec.of("Requests", List.of(perMinute), FROM, UNTIL)
            .withKind(ChartSpec.Kind.BAR)
            .withSize(320, 130);

    List<Element> bars = rectsOfColour(parse(renderer.svg(spec)), ChartBuilder.seriesColour(0));

    assertTrue(bars.size() <= 320 / ChartBuilder.MIN_BAR_PIXELS, bars.size() + " bars");
    assertTrue(bars.size() > 40, "still a bar every few pixels: " + bars.size());
  }

  @Test
  void severalSeriesOfBarsStandSideBySide() throws Exception {
    ChartSeries a = series("a", FROM, UNTIL, 3600, t -> 2.0);
    ChartSeries b = series("b", FROM, UNTIL, 3600, t -> 3.0);
    Document document = parse(renderer.svg(spec(ChartSpec.Kind.BAR, List.of(a, b))));

    List<Element> first = rectsOfColour(document, ChartBuilder.seriesColour(0));
    List<Element> second = rectsOfColour(document, ChartBuilder.seriesColour(1));
    assertEquals(25, first.size());
    assertEquals(25, second.size());
    assertTrue(
        Double.parseDouble(first.get(3).getAttribute("x"))
            < Double.parseDouble(second.get(3).getAttribute("x")),
        "the second series' bar is beside the first's, not over it");
  }

  @Test
  void thresholdLinesCloseTogetherNearTheTopKeepBothLabelsApart() throws Exception {
    ChartSpec spec =
        spec(ChartSpec.Kind.AREA, List.of(memory("used", 1)))
            .withThresholds(List.of(Threshold.warning(90), Threshold.critical(97)));
    ChartSamples.save("kind-thresholds-near-top", spec);

    String svg = renderer.svg(spec);

    List<double[]> boxes = new ArrayList<>();
    java.util.regex.Matcher text =
        java.util.regex.Pattern.compile(
                "<text x='([^']*)' y='([^']*)'[^>]*>(warning 90%|critical 97%)<")
            .matcher(svg);
    while (text.find()) {
      boxes.add(
          new double[] {Double.parseDouble(text.group(1)), Double.parseDouble(text.group(2))});
    }
    assertEquals(2, boxes.size(), "both labels are drawn: " + svg);
    boolean apart =
        Math.abs(boxes.get(0)[1] - boxes.get(1)[1]) >= 12
            || Math.abs(boxes.get(0)[0] - boxes.get(1)[0]) > 100;
    assertTrue(
        apart,
        "and do not overlap: "
            + boxes.get(0)[0]
            + ","
            + boxes.get(0)[1]
            + " / "
            + boxes.get(1)[0]
            + ","
            + boxes.get(1)[1]);
  }

  @Test
  void everyKindGivesAPngOfTheAskedSize() throws IOException {
    for (ChartSpec.Kind kind : ChartSpec.Kind.values()) {
      for (int[] size : new int[][] {{640, 240}, {320, 130}, {480, 200}}) {
        ChartSpec spec =
            spec(kind, List.of(memory("used", 1), memory("cache", 2))).withSize(size[0], size[1]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(renderer.png(spec)));
        assertNotNull(image, kind + " decodes");
        assertEquals(size[0], image.getWidth(), kind + " width");
        assertEquals(size[1], image.getHeight(), kind + " height");
      }
    }
  }

  @Test
  void aSmallChartKeepsItsTitleAndLinesButDropsLabelsAndTheSingleLegend() throws Exception {
    ChartSpec big = spec(ChartSpec.Kind.LINE, List.of(memory("used", 1)));
    ChartSpec small = big.withSize(320, 130);
    ChartSamples.save("kind-small-line", small);
    ChartSamples.save("kind-small-area", small.withKind(ChartSpec.Kind.AREA));
    ChartSamples.save("kind-small-bar", withSeries(small.withKind(ChartSpec.Kind.BAR), counts()));
    ChartSamples.save(
        "kind-small-two",
        withSeries(small.withKind(ChartSpec.Kind.AREA), memory("in", 1), memory("out", 3)));

    String bigSvg = renderer.svg(big);
    String smallSvg = renderer.svg(small);

    assertTrue(bigSvg.contains(">critical 95%<"), "the page-sized chart labels its thresholds");
    assertFalse(smallSvg.contains(">critical 95%<"), "the small one does not");
    assertTrue(smallSvg.contains(">Memory used · 24 h<"), "but keeps its title");
    assertEquals(
        1,
        ChartRendererTest.horizontalLinesOfColour(smallSvg, ChartBuilder.CRITICAL).size(),
        "and the critical line");
    assertFalse(smallSvg.contains(">used<"), "no legend for a single series");
    assertFalse(smallSvg.contains(">deploy shop 2.1<"), "marker lines without labels");
    assertTrue(smallSvg.contains("class=\"event-marker\""), "but with their hover targets");
    assertTrue(
        valueTicks(smallSvg) <= 3, "a few value ticks on a small plot: " + valueTicks(smallSvg));
  }

  private static ChartSpec withSeries(ChartSpec spec, ChartSeries... series) {
    return new ChartSpec(
        spec.title(),
        List.of(series),
        spec.thresholds(),
        spec.markers(),
        spec.fromEpoch(),
        spec.untilEpoch(),
        spec.width(),
        spec.height(),
        spec.unit(),
        spec.shading(),
        spec.kind());
  }

  private static void assertThresholdsAndMarker(String svg, Document document) {
    assertEquals(
        1,
        ChartRendererTest.horizontalLinesOfColour(svg, ChartBuilder.CRITICAL).size(),
        "the critical line");
    assertTrue(svg.contains(">critical 95%<") || svg.contains(">critical 1<"), "labelled");
    assertTrue(
        svg.contains(ChartRendererTest.rgb(ChartBuilder.CRITICAL_BAND)), "the critical band");
    NodeList lines = document.getElementsByTagName("line");
    boolean marker = false;
    for (int i = 0; i < lines.getLength(); i++) {
      marker |= "event-marker".equals(((Element) lines.item(i)).getAttribute("class"));
    }
    assertTrue(marker, "the event marker");
  }

  /**
   * Paths filled with {@code colour}, by their own style or their group's (JFreeSVG styles the
   * group around a path), as the style that fills them.
   */
  private static List<String> filledPaths(Document document, Color colour) {
    List<String> out = new ArrayList<>();
    NodeList paths = document.getElementsByTagName("path");
    for (int i = 0; i < paths.getLength(); i++) {
      Element path = (Element) paths.item(i);
      String style =
          path.getAttribute("style") + ";" + ((Element) path.getParentNode()).getAttribute("style");
      if (style.contains("fill:" + ChartRendererTest.rgb(colour))) {
        out.add(style);
      }
    }
    return out;
  }

  private static List<Element> rectsOfColour(Document document, Color colour) {
    List<Element> out = new ArrayList<>();
    NodeList rects = document.getElementsByTagName("rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element rect = (Element) rects.item(i);
      if (rect.getAttribute("style").contains(ChartRendererTest.rgb(colour))) {
        out.add(rect);
      }
    }
    return out;
  }

  private static double height(Element rect) {
    return Double.parseDouble(rect.getAttribute("height"));
  }

  /** How many labels the value axis has: text elements ending in the unit. */
  private static int valueTicks(String svg) {
    return svg.split("%</text>", -1).length - 1;
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }
}

package io.opsroom.charts;

import static io.opsroom.charts.ChartSamples.MIDNIGHT;
import static io.opsroom.charts.ChartSamples.series;
import static io.opsroom.charts.ChartSamples.wave;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Event markers in the SVG: each line can be pointed at (its whole label on hover), found by a
 * script or a browser test ({@code class="event-marker"}, {@code data-event-id}) and followed to
 * its event; the plot's place and time range are on the root, for "add an event at this time".
 */
class ChartMarkersTest {

  private static final long FROM = MIDNIGHT + 10 * 3600;
  private static final long UNTIL = FROM + 3600;

  private final ChartRenderer renderer = new ChartRenderer();

  private static ChartSpec spec(List<EventMarker> markers) {
    return ChartSpec.of(
            "Load", List.of(series("load", FROM, UNTIL, 60, t -> wave(t, 3, 2, 1))), FROM, UNTIL)
        .withThresholds(List.of(Threshold.critical(6)))
        .withMarkers(markers);
  }

  private static Element parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory
        .newDocumentBuilder()
        .parse(new InputSource(new StringReader(svg)))
        .getDocumentElement();
  }

  private static List<Element> markers(Element root) {
    List<Element> found = new ArrayList<>();
    NodeList lines = root.getElementsByTagName("line");
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      if (line.getAttribute("class").equals("event-marker")) {
        found.add(line);
      }
    }
    return found;
  }

  @Test
  void aMarkerLinksToItsEventAndShowsItsWholeLabelOnHover() throws Exception {
    String label = "Deploy shop 4.2.1 to web01, web02 and web03 <with notes>";
    String svg =
        renderer.svg(
            spec(
                List.of(
                    new EventMarker(FROM + 600, label, "deploy", 42L),
                    new EventMarker(FROM + 1800, "manual restart", "change"))));

    List<Element> markers = markers(parse(svg));
    assertEquals(2, markers.size());
    Element linked = markers.get(0);
    assertEquals("42", linked.getAttribute("data-event-id"));
    assertEquals("deploy", linked.getAttribute("data-kind"));
    assertEquals(Long.toString(FROM + 600), linked.getAttribute("data-time"));
    Element link = (Element) linked.getParentNode();
    assertEquals("a", link.getTagName());
    assertEquals("/events/42", link.getAttribute("href"));
    assertEquals(
        label + " · 2024-03-14 10:10 UTC",
        linked.getElementsByTagName("title").item(0).getTextContent(),
        "not cut like the label drawn at the top of the line");

    Element plain = markers.get(1);
    assertEquals("", plain.getAttribute("data-event-id"));
    assertEquals("g", ((Element) plain.getParentNode()).getTagName(), "no link without an event");
    assertFalse(svg.contains("<with"), "escaped");
  }

  @Test
  void theRootSaysWhereThePlotIsAndWhichTimeItShows() throws Exception {
    ChartSpec spec = spec(List.of(new EventMarker(FROM + 900, "deploy", "deploy", 7L)));
    Element root = parse(renderer.svg(spec));

    double left = Double.parseDouble(root.getAttribute("data-plot-left"));
    double right = Double.parseDouble(root.getAttribute("data-plot-right"));
    double top = Double.parseDouble(root.getAttribute("data-plot-top"));
    double bottom = Double.parseDouble(root.getAttribute("data-plot-bottom"));
    assertEquals(Long.toString(FROM), root.getAttribute("data-from"));
    assertEquals(Long.toString(UNTIL), root.getAttribute("data-until"));
    assertTrue(0 < left && left < right && right <= spec.width(), left + ".." + right);
    assertTrue(0 <= top && top < bottom && bottom <= spec.height(), top + ".." + bottom);

    // The marker is where a script maps its time: a quarter of the way along the plot.
    Element marker = markers(root).get(0);
    double x = Double.parseDouble(marker.getAttribute("x1"));
    assertEquals(left + (right - left) / 4, x, 0.02);
    assertEquals(top, Double.parseDouble(marker.getAttribute("y1")), 0.01);
    assertEquals(bottom, Double.parseDouble(marker.getAttribute("y2")), 0.01);

    // And where JFreeChart draws its dashed line in the PNG, give or take font metrics.
    JFreeChart chart = ChartBuilder.build(spec);
    ChartRenderingInfo info = new ChartRenderingInfo();
    ChartRenderer.image(chart, spec, info);
    Rectangle2D plot = info.getPlotInfo().getDataArea();
    double drawn =
        chart
            .getXYPlot()
            .getDomainAxis()
            .valueToJava2D((FROM + 900) * 1000.0, plot, RectangleEdge.BOTTOM);
    assertEquals(drawn, x, 3.0);
  }

  @Test
  void markersOutsideTheRangeAreLeftOutAndNoMarkersNoOverlay() throws Exception {
    String outside =
        renderer.svg(spec(List.of(new EventMarker(FROM - 60, "before", "deploy", 1L))));
    assertTrue(markers(parse(outside)).isEmpty());
    assertFalse(outside.contains("event-markers"));

    String none = renderer.svg(spec(List.of()));
    assertFalse(none.contains("event-marker"));
  }

  @Test
  void thePngStillDrawsTheMarkers() {
    ChartSpec with = spec(List.of(new EventMarker(FROM + 900, "deploy", "deploy", 7L)));
    ChartSpec without = spec(List.of());
    assertFalse(
        java.util.Arrays.equals(renderer.png(with), renderer.png(without)),
        "the marker's line and label are in the picture");
  }
}

package io.opsroom.graphite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphiteJsonTest {

  @Test
  void nullsStayNoDataAndZeroStaysZero() throws Exception {
    List<Series> series = GraphiteJson.parseRender(Fixtures.read("render-several.json"));

    assertEquals(4, series.size());
    Series web2 = series.get(1);
    assertEquals("opsroom0~servers.web2.load", web2.name());
    assertEquals(
        List.of(
            new DataPoint(1795244820L, 0.5),
            new DataPoint(1795244830L, null),
            new DataPoint(1795244840L, 0.0)),
        web2.points());
    assertEquals(0.0, web2.points().get(2).value());
    assertEquals("sum", series.get(2).tags().get("aggregatedBy"));
  }

  @Test
  void aSeriesOfNullsHasNoData() throws Exception {
    Series series = GraphiteJson.parseRender(Fixtures.read("render-all-null.json")).get(0);

    assertEquals(3, series.points().size());
    assertFalse(series.hasData());
  }

  @Test
  void nanAndInfinitiesAreReadAsNoData() throws Exception {
    Series series = GraphiteJson.parseRender(Fixtures.read("render-nan-infinity.json")).get(0);

    assertEquals(
        Arrays.asList(null, null, null, null, null, 3.25),
        series.points().stream().map(DataPoint::value).toList());
    assertTrue(series.hasData());
  }

  @Test
  void anEmptyListIsNoSeries() throws Exception {
    assertEquals(List.of(), GraphiteJson.parseRender("[]"));
  }

  @Test
  void htmlIsABadResponseThatQuotesThePage() {
    var e =
        assertThrows(
            GraphiteJson.UnreadableException.class,
            () -> GraphiteJson.parseRender(Fixtures.read("render-html.html")));

    assertTrue(
        e.getMessage().startsWith("Graphite answered HTML instead of JSON: "), e.getMessage());
    assertTrue(e.getMessage().contains("Please log in to continue"), e.getMessage());
  }

  @Test
  void truncatedJsonIsABadResponse() {
    var e =
        assertThrows(
            GraphiteJson.UnreadableException.class,
            () -> GraphiteJson.parseRender(Fixtures.read("render-truncated.json")));

    assertTrue(
        e.getMessage().startsWith("Graphite answered JSON that cannot be read"), e.getMessage());
  }

  @Test
  void otherShapesAreBadResponses() {
    for (String body :
        List.of(
            "",
            "{\"error\": \"x\"}",
            "[{\"datapoints\": []}]",
            "[{\"target\": \"a\", \"datapoints\": [[1.0]]}]",
            "[{\"target\": \"a\", \"datapoints\": [[\"high\", 1795244820]]}]",
            "[] trailing")) {
      assertThrows(
          GraphiteJson.UnreadableException.class, () -> GraphiteJson.parseRender(body), body);
    }
  }

  @Test
  void metricSearchGivesLeavesAndBranchesWithTheirFinalDot() throws Exception {
    assertEquals(
        List.of("servers.web1.cpu.", "servers.web1.load", "servers.web1.memory."),
        GraphiteJson.parseFind(Fixtures.read("find-completer.json")));
  }

  @Test
  void aDataPointNeverHoldsANonFiniteValue() {
    assertNull(new DataPoint(1L, Double.NaN).value());
    assertNull(new DataPoint(1L, Double.NEGATIVE_INFINITY).value());
    assertEquals(-2.5, new DataPoint(1L, -2.5).value());
  }
}

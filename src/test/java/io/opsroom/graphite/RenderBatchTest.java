package io.opsroom.graphite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RenderBatchTest {

  @Test
  void fiveHundredTargetsMakeTenRequestsOfFiftyInTheirOrder() {
    List<String> targets =
        IntStream.range(0, 500).mapToObj(i -> "servers.s" + i + ".load").toList();

    List<RenderBatch> batches = RenderBatch.plan(targets, 50);

    assertEquals(10, batches.size());
    assertTrue(batches.stream().allMatch(batch -> batch.size() == 50));
    assertEquals(targets, batches.stream().flatMap(batch -> batch.targets().stream()).toList());
  }

  @Test
  void theLastRequestTakesWhatIsLeft() {
    List<RenderBatch> batches = RenderBatch.plan(List.of("a", "b", "c", "d", "e"), 2);

    assertEquals(
        List.of(List.of("a", "b"), List.of("c", "d"), List.of("e")),
        batches.stream().map(RenderBatch::targets).toList());
  }

  @Test
  void halvesSplitAFailedRequestUntilOneTargetIsLeft() {
    RenderBatch batch = new RenderBatch(List.of("a", "b", "c"));

    List<RenderBatch> halves = batch.halves();

    assertEquals(List.of("a"), halves.get(0).targets());
    assertEquals(List.of("b", "c"), halves.get(1).targets());
  }

  @Test
  void eachTargetIsSentWrappedWithTheMarkerOfItsPosition() {
    RenderBatch batch = new RenderBatch(List.of("servers.*.load", "sumSeries(a.b, c.d)"));

    Map<String, List<String>> form = decode(batch.form("-5min", "now"));

    assertEquals(List.of("json"), form.get("format"));
    assertEquals(List.of("true"), form.get("noCache"));
    assertEquals(List.of("-5min"), form.get("from"));
    assertEquals(List.of("now"), form.get("until"));
    assertEquals(
        List.of(
            "aliasSub(servers.*.load,\"^\",\"opsroom0~\")",
            "aliasSub(sumSeries(a.b, c.d),\"^\",\"opsroom1~\")"),
        form.get("target"));
  }

  @Test
  void withoutUntilGraphiteRendersUpToNow() {
    assertTrue(!decode(new RenderBatch(List.of("a")).form("-1h", null)).containsKey("until"));
  }

  @Test
  void seriesGoBackToTheTargetThatAskedWithTheMarkerStripped() throws Exception {
    RenderBatch batch =
        new RenderBatch(
            List.of("servers.*.load", "sumSeries(servers.*.load)", "no.such.metric", "tagged"));

    Map<String, List<Series>> assigned =
        batch.assign(GraphiteJson.parseRender(Fixtures.read("render-several.json")));

    assertEquals(
        List.of("servers.web1.load", "servers.web2.load"), names(assigned.get("servers.*.load")));
    assertEquals(
        List.of("sumSeries(servers.*.load)"), names(assigned.get("sumSeries(servers.*.load)")));
    assertEquals(List.of(), assigned.get("no.such.metric"));
    assertEquals(List.of("app.requests;dc=x;host=web1"), names(assigned.get("tagged")));
    assertEquals("web1", assigned.get("tagged").get(0).tags().get("host"));
  }

  @Test
  void aSeriesWithoutAMarkerOfThisRequestIsABadResponse() throws Exception {
    RenderBatch batch = new RenderBatch(List.of("a"));
    List<Series> unmarked = List.of(new Series("servers.web1.load", Map.of(), List.of()));
    List<Series> outOfRange = List.of(new Series("opsroom7~a", Map.of(), List.of()));

    assertThrows(GraphiteJson.UnreadableException.class, () -> batch.assign(unmarked));
    assertThrows(GraphiteJson.UnreadableException.class, () -> batch.assign(outOfRange));
  }

  @Test
  void graphitesMessagesNameTheTargetAsItWasWritten() {
    RenderBatch batch = new RenderBatch(List.of("ok.metric", "noSuchFunction(a.b)"));

    String message =
        batch.unwrap(
            "Invalid parameters (Received request for unknown function: noSuchFunction);"
                + " targets: \"aliasSub(noSuchFunction(a.b),\"^\",\"opsroom1~\")\"");

    assertEquals(
        "Invalid parameters (Received request for unknown function: noSuchFunction);"
            + " targets: \"noSuchFunction(a.b)\"",
        message);
  }

  private static List<String> names(List<Series> series) {
    return series.stream().map(Series::name).toList();
  }

  private static Map<String, List<String>> decode(String form) {
    Map<String, List<String>> params = new java.util.LinkedHashMap<>();
    Arrays.stream(form.split("&"))
        .map(pair -> pair.split("=", 2))
        .forEach(
            pair ->
                params
                    .computeIfAbsent(pair[0], key -> new ArrayList<>())
                    .add(URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    return params;
  }
}

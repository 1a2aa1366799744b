package io.opsroom.graphite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opsroom.graphite.GraphiteFailure.Kind;
import io.opsroom.graphite.TargetResult.Status;
import io.opsroom.testing.GraphiteStack;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the real graphite-web and carbon of {@code deploy/graphite/local.sh}: points
 * written over carbon's plaintext port come back, with many kinds of targets in one request, and
 * the targets Graphite refuses or fails on are isolated with Graphite's own message.
 */
class GraphiteClientLiveTest {

  private final List<GraphiteClient> clients = new ArrayList<>();
  private String prefix;
  private GraphiteClient client;

  @BeforeEach
  void writePoints() throws IOException {
    String url = GraphiteStack.url().toString();
    client = client(TestGraphiteConfig.at(url));
    prefix = "opsroom.test.client.m" + UUID.randomUUID().toString().replace("-", "");
    long now = Instant.now().getEpochSecond();
    send(
        prefix + ".web1.load 1.5 " + now,
        prefix + ".web2.load 2.5 " + now,
        prefix + ".all 8 " + now,
        // Only an hour ago: inside the window the series exists but has nulls only.
        prefix + ".old 3 " + (now - 3600),
        prefix + ".requests;host=web1;dc=lab 7 " + now);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              Map<String, TargetResult> seen =
                  client.render(
                      List.of(
                          prefix + ".*.load",
                          prefix + ".all",
                          prefix + ".old",
                          "seriesByTag('name=" + prefix + ".requests')"),
                      "-10min",
                      null);
              return seen.get(prefix + ".*.load").series().size() == 2
                  && seen.values().stream()
                      .allMatch(result -> result.status() != Status.NO_SUCH_METRIC)
                  && seen.get(prefix + ".*.load").series().stream().allMatch(Series::hasData);
            });
  }

  @AfterEach
  void closeClients() {
    clients.forEach(GraphiteClient::close);
  }

  @Test
  void manyKindsOfTargetsInOneRenderEachGetTheirOwnAnswer() {
    String web1 = prefix + ".web1.load";
    String wildcard = prefix + ".*.load";
    String sum = "sumSeries(" + prefix + ".*.load)";
    String percent = "asPercent(sumSeries(" + prefix + ".*.load), " + prefix + ".all)";
    String tagged = "seriesByTag('name=" + prefix + ".requests')";
    String missing = prefix + ".no.such.metric";
    String old = prefix + ".old";
    String infinite = "scale(scale(" + web1 + ", 1e308), 10)";
    String unknownFunction = "noSuchFunction(" + web1 + ")";
    String badInterval = "summarize(" + web1 + ", '1foo')";

    Map<String, TargetResult> results =
        client.render(
            List.of(
                web1,
                wildcard,
                sum,
                percent,
                tagged,
                missing,
                old,
                infinite,
                unknownFunction,
                badInterval),
            "-10min",
            "now");

    assertEquals(List.of(web1), names(results.get(web1)));
    assertEquals(1.5, last(results.get(web1).series().get(0)));
    assertEquals(
        List.of(prefix + ".web1.load", prefix + ".web2.load"), names(results.get(wildcard)));
    assertEquals(2.5, last(results.get(wildcard).series().get(1)));
    assertEquals(List.of(sum), names(results.get(sum)));
    assertEquals(4.0, last(results.get(sum).series().get(0)));
    assertEquals(50.0, last(results.get(percent).series().get(0)));
    Series requests = results.get(tagged).series().get(0);
    assertEquals(prefix + ".requests;dc=lab;host=web1", requests.name());
    assertEquals("web1", requests.tags().get("host"));
    assertEquals(7.0, last(requests));
    assertEquals(Status.NO_SUCH_METRIC, results.get(missing).status());
    assertEquals(Status.ONLY_NULLS, results.get(old).status());
    assertEquals(Status.ONLY_NULLS, results.get(infinite).status());

    GraphiteFailure rejected = results.get(unknownFunction).failure().orElseThrow();
    assertEquals(Kind.BAD_TARGET, rejected.kind());
    assertEquals(
        "Graphite rejected the target (HTTP 400): Invalid parameters (Received request for"
            + " unknown function: noSuchFunction); targets: \""
            + unknownFunction
            + "\"",
        rejected.message());
    GraphiteFailure failed = results.get(badInterval).failure().orElseThrow();
    assertEquals(Kind.BAD_TARGET, failed.kind());
    assertEquals(
        "Graphite failed on the target (HTTP 500): ValueError: Invalid offset unit 'foo'",
        failed.message());
  }

  @Test
  void goodTargetsTakeOneRequestAsAGetOrAsAPostForm() {
    List<String> targets =
        List.of(
            prefix + ".web1.load",
            prefix + ".*.load",
            "asPercent(sumSeries(" + prefix + ".*.load), " + prefix + ".all)");
    GraphiteClient posting =
        client(TestGraphiteConfig.at(GraphiteStack.url().toString()).maxUrlLength(100));

    long before = client.requestCount();
    Map<String, TargetResult> got = client.render(targets, "-10min", null);
    Map<String, TargetResult> posted = posting.render(targets, "-10min", null);

    assertEquals(1, client.requestCount() - before);
    assertEquals(1, posting.requestCount());
    for (String target : targets) {
      assertEquals(Status.DATA, got.get(target).status(), target);
      assertEquals(names(got.get(target)), names(posted.get(target)));
    }
  }

  @Test
  void aTimeRangeGraphiteRejectsFailsEveryTargetOnce() {
    Map<String, TargetResult> results =
        client.render(List.of(prefix + ".web1.load", prefix + ".all"), "bogus", null);

    for (TargetResult result : results.values()) {
      assertEquals(Kind.BAD_REQUEST, result.failure().orElseThrow().kind());
      assertEquals(
          "Graphite rejects the time range (from=bogus): Invalid parameters (Unknown day"
              + " reference: bogus)",
          result.describe());
    }
  }

  @Test
  void metricSearchCompletesBranchesAndLeaves() {
    assertEquals(
        List.of(prefix + ".all", prefix + ".old", prefix + ".web1.", prefix + ".web2."),
        client.findMetrics(prefix + ".").stream().sorted().toList());
    assertEquals(List.of(prefix + ".web1.", prefix + ".web2."), client.findMetrics(prefix + ".we"));
    assertEquals(List.of(prefix + ".web1.load"), client.findMetrics(prefix + ".web1.lo"));
    assertEquals(List.of(), client.findMetrics(prefix + ".nothing"));
  }

  private GraphiteClient client(TestGraphiteConfig config) {
    GraphiteClient made = new GraphiteClient(config, new SimpleMeterRegistry());
    clients.add(made);
    return made;
  }

  private static List<String> names(TargetResult result) {
    assertFalse(result.failure().isPresent(), result.describe());
    return result.series().stream().map(Series::name).toList();
  }

  private static Double last(Series series) {
    return series.points().stream()
        .map(DataPoint::value)
        .filter(Objects::nonNull)
        .reduce((first, second) -> second)
        .orElse(null);
  }

  private static void send(String... lines) throws IOException {
    String[] carbon = GraphiteStack.carbon();
    try (Socket socket = new Socket(carbon[0], Integer.parseInt(carbon[1]));
        OutputStream out = socket.getOutputStream()) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
  }
}

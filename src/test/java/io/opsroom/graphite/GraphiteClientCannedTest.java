package io.opsroom.graphite;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opsroom.graphite.GraphiteFailure.Kind;
import io.opsroom.graphite.TargetResult.Status;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against canned answers a real Graphite cannot be made to give on demand: HTTP 500 for
 * everything, slowness, HTML, cut-off JSON, a refused connection; and a fake render endpoint that
 * lets each request of a batched or bisected render be counted.
 */
class GraphiteClientCannedTest {

  private WireMockServer graphite;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<GraphiteClient> clients = new ArrayList<>();

  @BeforeEach
  void startGraphite() {
    graphite =
        new WireMockServer(
            WireMockConfiguration.options().dynamicPort().extensions(new FakeGraphite()));
    graphite.start();
  }

  @AfterEach
  void stopGraphite() {
    clients.forEach(GraphiteClient::close);
    graphite.stop();
  }

  @Test
  void fiveHundredTargetsTakeTenRenderRequestsNotFiveHundred() {
    fakeRender();
    GraphiteClient client = client(config());
    List<String> targets =
        IntStream.range(0, 500).mapToObj(i -> "servers.host" + i + ".load.shortterm").toList();

    Map<String, TargetResult> results = client.render(targets, "-5min", "now");

    assertEquals(targets, List.copyOf(results.keySet()));
    assertTrue(results.values().stream().allMatch(result -> result.status() == Status.DATA));
    TargetResult one = results.get("servers.host123.load.shortterm");
    assertEquals("servers.host123.load.shortterm", one.series().get(0).name());
    assertEquals(1.0, one.series().get(0).points().get(0).value());
    assertEquals(10, client.requestCount());
    assertEquals(10, renderRequests().size());
    assertEquals(10.0, registry.counter("opsroom.graphite.requests", "outcome", "ok").count());
  }

  @Test
  void aShortRequestIsAGetAndALongOneAPostForm() {
    fakeRender();
    GraphiteClient client = client(config());

    client.render(List.of("servers.web1.load"), "-5min", null);
    graphite.verify(
        getRequestedFor(urlPathEqualTo("/render"))
            .withQueryParam("target", equalTo("aliasSub(servers.web1.load,\"^\",\"opsroom0~\")"))
            .withQueryParam("from", equalTo("-5min"))
            .withQueryParam("format", equalTo("json"))
            .withQueryParam("noCache", equalTo("true")));

    List<String> many = IntStream.range(0, 40).mapToObj(i -> "servers.web" + i + ".load").toList();
    Map<String, TargetResult> results = client.render(many, "-5min", null);
    graphite.verify(
        1,
        postRequestedFor(urlPathEqualTo("/render"))
            .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded")));
    assertEquals(Status.DATA, results.get("servers.web39.load").status());
  }

  @Test
  void aTargetGraphiteRejectsIsIsolatedAndTheOthersGetTheirData() {
    fakeRender();
    GraphiteClient client = client(config());
    List<String> targets = new ArrayList<>();
    IntStream.range(0, 50).forEach(i -> targets.add("servers.web" + i + ".load"));
    targets.set(17, "noSuchFunction(servers.web17.load)");
    targets.set(42, "brokenFunction(servers.web42.load)");

    Map<String, TargetResult> results = client.render(targets, "-5min", "now");

    TargetResult rejected = results.get("noSuchFunction(servers.web17.load)");
    assertEquals(Kind.BAD_TARGET, rejected.failure().orElseThrow().kind());
    assertEquals(
        "Graphite rejected the target (HTTP 400): Invalid parameters (Received request for"
            + " unknown function: noSuchFunction); targets: \"noSuchFunction(servers.web17.load)\"",
        rejected.describe());
    TargetResult failed = results.get("brokenFunction(servers.web42.load)");
    assertEquals(Kind.BAD_TARGET, failed.failure().orElseThrow().kind());
    assertEquals(
        "Graphite failed on the target (HTTP 500): ValueError: Invalid offset unit 'foo'",
        failed.describe());
    assertFalse(failed.failure().orElseThrow().concernsGraphite());
    assertEquals(
        48, results.values().stream().filter(result -> result.status() == Status.DATA).count());
    // One request, one probe, then two halves per level down to each bad target (6 levels).
    assertTrue(client.requestCount() <= 2 + 2 * 6 * 2, "requests: " + client.requestCount());
  }

  @Test
  void graphiteAnswering500ToEverythingFailsEachRequestOnceWithoutBisecting() {
    graphite.stubFor(
        any(urlPathEqualTo("/render"))
            .willReturn(
                aResponse()
                    .withStatus(500)
                    .withHeader("Content-Type", "text/html")
                    .withBody(Fixtures.read("error-500-traceback.html"))));
    GraphiteClient client = client(config());
    List<String> targets =
        IntStream.range(0, 120).mapToObj(i -> "servers.web" + i + ".load").toList();

    Map<String, TargetResult> results = client.render(targets, "-5min", "now");

    assertEquals(3 + 1, client.requestCount(), "three batches and one probe");
    for (TargetResult result : results.values()) {
      GraphiteFailure failure = result.failure().orElseThrow();
      assertEquals(Kind.SERVER_ERROR, failure.kind());
      assertTrue(failure.concernsGraphite());
      assertEquals(
          "Graphite answers HTTP 500 even to a trivial request: ValueError: Invalid offset unit"
              + " 'foo'",
          failure.message());
    }
    assertEquals(
        4.0, registry.counter("opsroom.graphite.requests", "outcome", "server_error").count());
  }

  @Test
  void aSlowGraphiteTimesOutAfterTheConfiguredTime() {
    graphite.stubFor(
        any(urlPathEqualTo("/render"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("[]")
                    .withFixedDelay(5_000)));
    GraphiteClient client = client(config().timeout(Duration.ofMillis(300)));

    Map<String, TargetResult> results =
        assertTimeoutPreemptively(
            Duration.ofSeconds(4),
            () -> client.render(List.of("servers.web1.load", "servers.web2.load"), "-5min", null));

    for (TargetResult result : results.values()) {
      assertEquals(Kind.TIMEOUT, result.failure().orElseThrow().kind());
      assertEquals("Graphite did not answer within 300 ms", result.describe());
    }
    assertEquals(1, client.requestCount());
  }

  @Test
  void aBodyThatTricklesInTimesOutToo() {
    graphite.stubFor(
        any(urlPathEqualTo("/render"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Fixtures.read("render-several.json"))
                    .withChunkedDribbleDelay(10, 5_000)));
    GraphiteClient client = client(config().timeout(Duration.ofMillis(500)));

    Map<String, TargetResult> results =
        assertTimeoutPreemptively(
            Duration.ofSeconds(4), () -> client.render(List.of("servers.*.load"), "-5min", null));

    assertEquals(Kind.TIMEOUT, results.get("servers.*.load").failure().orElseThrow().kind());
  }

  @Test
  void htmlInsteadOfJsonIsABadResponse() {
    graphite.stubFor(
        any(urlPathEqualTo("/render"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html")
                    .withBody(Fixtures.read("render-html.html"))));
    GraphiteClient client = client(config());

    TargetResult result =
        client.render(List.of("servers.web1.load"), "-5min", null).get("servers.web1.load");

    assertEquals(Kind.BAD_RESPONSE, result.failure().orElseThrow().kind());
    assertTrue(
        result.describe().startsWith("Graphite answered HTML instead of JSON: Sign in"),
        result.describe());
    assertEquals(1, client.requestCount());
  }

  @Test
  void truncatedJsonIsABadResponse() {
    graphite.stubFor(
        any(urlPathEqualTo("/render"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Fixtures.read("render-truncated.json"))));
    GraphiteClient client = client(config());

    TargetResult result =
        client.render(List.of("servers.web1.load"), "-5min", null).get("servers.web1.load");

    assertEquals(Kind.BAD_RESPONSE, result.failure().orElseThrow().kind());
    assertEquals(
        "Graphite answered JSON that cannot be read (Unexpected end-of-input: expected close"
            + " marker for Array): [{\"target\": \"opsroom0~servers.web1.load\", \"tags\":"
            + " {\"name\": \"servers.web1.load\"}, \"datapoints\": [[1.0, 1795244820], [2.0,"
            + " 17952",
        result.describe());
  }

  @Test
  void missingMetricsNullsAndNanEachHaveTheirOwnOutcome() {
    fakeRender();
    GraphiteClient client = client(config());

    Map<String, TargetResult> results =
        client.render(
            List.of("missing.metric", "nulls.metric", "nan.metric", "servers.web1.load"),
            "-5min",
            null);

    assertEquals(Status.NO_SUCH_METRIC, results.get("missing.metric").status());
    assertEquals(
        "No such metric: Graphite has no series matching missing.metric",
        results.get("missing.metric").describe());
    assertEquals(Status.ONLY_NULLS, results.get("nulls.metric").status());
    assertEquals(Status.ONLY_NULLS, results.get("nan.metric").status());
    assertEquals(2, results.get("nan.metric").series().get(0).points().size());
    assertEquals(Status.DATA, results.get("servers.web1.load").status());
    assertEquals(1, client.requestCount());
  }

  @Test
  void anUnreachableGraphiteIsNotAskedAgainWithinTheSameRender() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    GraphiteClient client = client(TestGraphiteConfig.at("http://127.0.0.1:" + closedPort));
    List<String> targets =
        IntStream.range(0, 500).mapToObj(i -> "servers.web" + i + ".load").toList();

    Map<String, TargetResult> results = client.render(targets, "-5min", null);

    assertTrue(
        client.requestCount() <= 4, "at most one request per worker: " + client.requestCount());
    for (TargetResult result : results.values()) {
      GraphiteFailure failure = result.failure().orElseThrow();
      assertEquals(Kind.UNREACHABLE, failure.kind());
      assertTrue(
          failure.message().startsWith("Graphite at 127.0.0.1:" + closedPort + " is unreachable"));
    }
  }

  @Test
  void withoutAUrlNothingIsAskedAndEveryTargetSaysSo() {
    GraphiteClient client = client(TestGraphiteConfig.at(null));

    TargetResult result = client.render(List.of("a.b"), "-5min", null).get("a.b");

    assertFalse(client.configured());
    assertEquals(Kind.NOT_CONFIGURED, result.failure().orElseThrow().kind());
    assertEquals("Graphite is not configured: set OPSROOM_GRAPHITE_URL", result.describe());
    assertEquals(
        Kind.NOT_CONFIGURED,
        assertThrows(GraphiteException.class, () -> client.findMetrics("a")).failure().kind());
    assertEquals(0, client.requestCount());
  }

  @Test
  void aUrlWithAPasswordInItIsRefused() {
    GraphiteClient client = client(TestGraphiteConfig.at("http://ops:secret@graphite.test/"));

    GraphiteFailure failure =
        client.render(List.of("a.b"), "-5min", null).get("a.b").failure().orElseThrow();

    assertEquals(Kind.NOT_CONFIGURED, failure.kind());
    assertFalse(failure.message().contains("secret"));
  }

  @Test
  void aMalformedTargetNeverReachesGraphiteAndDoesNotHoldUpTheOthers() {
    fakeRender();
    GraphiteClient client = client(config());

    Map<String, TargetResult> results =
        client.render(List.of("sumSeries(servers.*.load", "servers.web1.load"), "-5min", null);

    assertEquals(
        "The target has a '(' that is never closed",
        results.get("sumSeries(servers.*.load").describe());
    assertEquals(Status.DATA, results.get("servers.web1.load").status());
    assertEquals(1, renderRequests().size());
    assertFalse(renderRequests().get(0).getUrl().contains("sumSeries"));
  }

  @Test
  void aTimeRangeGraphiteRejectsFailsEveryTargetWithoutBisecting() {
    fakeRender();
    GraphiteClient client = client(config());
    List<String> targets =
        IntStream.range(0, 20).mapToObj(i -> "servers.web" + i + ".load").toList();

    Map<String, TargetResult> caught = client.render(targets, "-5m", null);
    assertEquals(0, client.requestCount());
    assertEquals(Kind.BAD_REQUEST, caught.get("servers.web0.load").failure().orElseThrow().kind());

    Map<String, TargetResult> rejected = client.render(targets, "bogus", null);
    assertEquals(2, client.requestCount(), "the request and the probe");
    for (TargetResult result : rejected.values()) {
      assertEquals(Kind.BAD_REQUEST, result.failure().orElseThrow().kind());
      assertEquals(
          "Graphite rejects the time range (from=bogus): Invalid parameters (Unknown day"
              + " reference: bogus)",
          result.describe());
    }
  }

  @Test
  void aWrongBaseUrlSaysWhatToCheck() {
    graphite.stubFor(any(urlPathEqualTo("/render")).willReturn(aResponse().withStatus(404)));
    GraphiteClient client = client(config());

    TargetResult result = client.render(List.of("a.b", "c.d"), "-5min", null).get("a.b");

    assertEquals(Kind.BAD_RESPONSE, result.failure().orElseThrow().kind());
    assertTrue(result.describe().startsWith("Graphite answered HTTP 404 (is OPSROOM_GRAPHITE_URL"));
    assertEquals(2, client.requestCount());
  }

  @Test
  void duplicateTargetsAreAskedOnce() {
    fakeRender();
    GraphiteClient client = client(config());

    Map<String, TargetResult> results =
        client.render(List.of("servers.web1.load", "servers.web1.load"), "-5min", null);

    assertEquals(1, results.size());
    assertEquals(
        1,
        FakeGraphite.params(renderRequests().get(0)).stream()
            .filter(param -> param[0].equals("target"))
            .count());
  }

  @Test
  void basicAuthenticationIsSentWhenConfigured() {
    fakeRender();
    GraphiteClient client = client(config().login("opsroom", "s3cret"));

    client.render(List.of("servers.web1.load"), "-5min", null);

    graphite.verify(
        anyRequestedFor(urlPathEqualTo("/render"))
            .withBasicAuth(
                new com.github.tomakehurst.wiremock.client.BasicCredentials("opsroom", "s3cret")));
  }

  @Test
  void metricSearchAsksTheCompleterAndReturnsLeavesAndBranches() {
    graphite.stubFor(
        get(urlPathEqualTo("/metrics/find"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(Fixtures.read("find-completer.json"))));
    GraphiteClient client = client(config());

    List<String> found = client.findMetrics("servers.web1.");

    assertEquals(List.of("servers.web1.cpu.", "servers.web1.load", "servers.web1.memory."), found);
    graphite.verify(
        getRequestedFor(urlPathEqualTo("/metrics/find"))
            .withQueryParam("query", equalTo("servers.web1."))
            .withQueryParam("format", equalTo("completer")));
  }

  @Test
  void aFailedMetricSearchThrowsWithTheClassifiedFailure() {
    graphite.stubFor(
        get(urlPathEqualTo("/metrics/find"))
            .willReturn(aResponse().withStatus(503).withBody("<h1>Service Unavailable</h1>")));
    GraphiteClient client = client(config());

    GraphiteException e = assertThrows(GraphiteException.class, () -> client.findMetrics("a"));

    assertEquals(Kind.SERVER_ERROR, e.failure().kind());
    assertTrue(e.getMessage().endsWith("Service Unavailable"), e.getMessage());
  }

  private void fakeRender() {
    graphite.stubFor(
        any(urlPathEqualTo("/render")).willReturn(aResponse().withTransformers(FakeGraphite.NAME)));
  }

  private List<LoggedRequest> renderRequests() {
    return graphite.findAll(anyRequestedFor(urlPathEqualTo("/render")));
  }

  private TestGraphiteConfig config() {
    return TestGraphiteConfig.at(graphite.baseUrl());
  }

  private GraphiteClient client(TestGraphiteConfig config) {
    GraphiteClient client = new GraphiteClient(config, registry);
    clients.add(client);
    return client;
  }
}

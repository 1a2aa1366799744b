package io.opsroom.graphite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.GraphiteStack;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The local Graphite stack that later features run against really stores and serves a point, and
 * answers the ways the alert engine depends on: JSON render by GET and by POST form, metric find,
 * empty list for a missing metric, 400 for an unknown function.
 */
class GraphiteStackTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aPointSentToCarbonComesBackFromTheRenderApi() throws Exception {
    URI graphite = GraphiteStack.url();
    String metric = "opsroom.test.harness.m" + UUID.randomUUID().toString().replace("-", "");
    String[] carbon = GraphiteStack.carbon();
    long now = Instant.now().getEpochSecond();
    try (Socket socket = new Socket(carbon[0], Integer.parseInt(carbon[1]));
        OutputStream out = socket.getOutputStream()) {
      out.write((metric + " 42.5 " + now + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    String renderQuery = "target=" + metric + "&from=-10min&format=json";
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> get(graphite.resolve("render?" + renderQuery)).body().contains("42.5"));

    HttpResponse<String> posted =
        http.send(
            HttpRequest.newBuilder(graphite.resolve("render"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(renderQuery))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, posted.statusCode());
    assertTrue(posted.body().contains("\"target\": \"" + metric + "\""), posted.body());
    assertTrue(posted.body().contains("42.5"), posted.body());

    String find = get(graphite.resolve("metrics/find?query=" + enc(metric))).body();
    assertTrue(find.contains("\"leaf\": 1"), find);
  }

  @Test
  void missingMetricsAndUnknownFunctionsAnswerAsTheAlertEngineExpects() throws Exception {
    URI graphite = GraphiteStack.url();
    HttpResponse<String> missing =
        get(graphite.resolve("render?target=opsroom.no.such.metric&from=-5min&format=json"));
    assertEquals(200, missing.statusCode());
    assertEquals("[]", missing.body().trim());

    HttpResponse<String> unknown =
        get(graphite.resolve("render?target=" + enc("noSuchFunction(a.b)") + "&format=json"));
    assertEquals(400, unknown.statusCode());
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

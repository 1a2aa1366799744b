package io.opsroom.stats;

import static io.opsroom.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsroom.testing.GraphiteStack;
import io.opsroom.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A server page's graphs against the real graphite-web and carbon ({@code deploy/graphite/local.sh
 * start}): points sent to carbon for a server's load come back drawn on its graphs, while the
 * panels whose metrics were never sent are named in the note instead of being drawn empty.
 * graphite-web's data outlives runs, so each run uses a server of its own.
 */
@QuarkusTest
@TestProfile(LiveGraphiteProfile.class)
class LiveGraphitePagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject MutableClock clock;

  @Test
  void aServerPageShowsTheRealLoadGraphFromCarbon() throws Exception {
    URI graphite = GraphiteStack.url();
    // graphite-web reads the real clock: Opsroom must too, or the points fall outside the graph.
    clock.reset();
    String name = "live" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String metric = "servers." + name + ".load.load.shortterm";

    // Two hours of load, one point per carbon slot (10 s), rising to 3.5 at the end.
    long now = Instant.now().getEpochSecond();
    StringBuilder lines = new StringBuilder();
    for (long t = now - 7200; t <= now; t += 10) {
      double load = 0.5 + 3.0 * (t - (now - 7200)) / 7200.0;
      lines.append(metric).append(' ').append(load).append(' ').append(t).append('\n');
    }
    send(lines.toString());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI render =
        graphite.resolve(
            "render?format=json&from=-3h&target="
                + URLEncoder.encode(metric, StandardCharsets.UTF_8));
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> valuesIn(http, render) > 100);

    asAdmin()
        .body(Map.of("name", name, "graphitePrefix", "servers." + name))
        .post("/api/servers")
        .then()
        .statusCode(201);

    String page =
        given()
            .accept("text/html")
            .get("/servers/" + name + "/graphs")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    String load = Html.element(page, "data-panel=\"load\"", "</figure>");
    assertTrue(load.contains("class=\"chart\""), "the load panel is drawn: " + page);
    assertTrue(
        load.contains("aria-label=\"Load average · 24h: load, "),
        "with the real series, aliased 'load' by the panel: " + load);
    assertTrue(
        load.matches("(?s).*<path d='M[0-9.,]+(L[0-9.,]+){20,}.*"), "a plotted line: " + load);
    assertTrue(Html.text(load).contains("Latest 3.5"), Html.text(load));
    assertTrue(
        Html.values(page, "data-panel").stream().noneMatch(p -> p.equals("swap")),
        "the swap panel is not drawn empty");
    String note = Html.text(Html.element(page, "data-hidden-panels", "</p>"));
    assertTrue(note.contains("Swap used — no metric"), note);
  }

  private static int valuesIn(HttpClient http, URI render) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(render).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      return 0;
    }
    int values = 0;
    for (JsonNode series : JSON.readTree(answer.body())) {
      for (JsonNode point : series.get("datapoints")) {
        values += point.get(0).isNull() ? 0 : 1;
      }
    }
    return values;
  }

  private static void send(String lines) {
    String[] carbon = GraphiteStack.carbon();
    try (Socket socket = new Socket(carbon[0], Integer.parseInt(carbon[1]));
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
      out.write(lines);
    } catch (IOException e) {
      throw new UncheckedIOException("carbon did not take the points", e);
    }
  }
}

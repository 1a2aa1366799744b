package io.opsroom.stats;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.GraphiteStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Opsroom's own metrics reach the real carbon of {@code deploy/graphite/local.sh} and come back
 * from graphite-web's render API under the run's own prefix.
 */
@QuarkusTest
@TestProfile(OwnHealthResource.Profile.class)
class CarbonLiveTest {

  @Inject OwnMetrics own;
  @Inject io.opsroom.alerting.AlertEvaluator evaluator;

  @Test
  void oneSampleSentByHandIsRenderedByGraphite() {
    URI graphite = GraphiteStack.url();

    // One cycle first, so the cycle's meters exist however this test is ordered.
    evaluator.evaluate();
    own.sample();

    CarbonReporter.Result result = own.carbon().last().orElseThrow();
    assertTrue(result.ok(), "sent to " + OwnHealthResource.CARBON + ": " + result);
    assertTrue(result.lines() >= 10, "lines " + result.lines());
    HttpClient http = HttpClient.newHttpClient();
    String target = OwnHealthResource.PREFIX + ".alerts.cycle.age_seconds";
    URI render =
        graphite.resolve(
            "render?format=json&from=-10min&target="
                + URLEncoder.encode(target, StandardCharsets.UTF_8));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              String body =
                  http.send(
                          HttpRequest.newBuilder(render).build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              // A point with a value: [<number>, <epoch>] rather than [null, <epoch>].
              return body.contains("\"target\": \"" + target + "\"")
                      || body.contains("\"target\":\"" + target + "\"")
                  ? body.matches("(?s).*\\[\\s*-?[0-9][0-9.eE+-]*\\s*,\\s*[0-9]+\\s*\\].*")
                  : false;
            });
  }
}

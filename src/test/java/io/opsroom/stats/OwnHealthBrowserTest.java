package io.opsroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.alerting.AlertEvaluator;
import io.opsroom.graphite.GraphiteClient;
import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.opsroom.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /stats} in a real browser with a few hours of history, on a desktop and a phone. */
@QuarkusTest
@TestProfile(OwnHealthResource.Profile.class)
class OwnHealthBrowserTest extends BrowserTest {

  @Inject OwnMetrics own;
  @Inject AlertEvaluator evaluator;
  @Inject GraphiteClient graphite;
  @Inject MutableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void theStatsPageShowsItsChartsAndValuesOnADesktopAndAPhone() {
    own.history().clear();
    clock.set(Instant.now().minus(Duration.ofHours(6)));
    own.sample();
    for (int i = 0; i < 24; i++) {
      clock.advance(Duration.ofMinutes(15));
      // Some work in each interval, more in the afternoon, so the lines have a shape.
      evaluator.evaluate();
      for (int r = 0; r < 1 + i % 5; r++) {
        graphite.render(List.of("test.own.browser" + r), "-5min", null);
      }
      if (i % 3 == 0) {
        Api.asAdmin()
            .body(Map.of("title", Api.unique("browser sample event")))
            .post("/api/events")
            .then()
            .statusCode(201);
      }
      own.sample();
    }
    clock.reset();

    page.navigate(url("/stats"));
    assertEquals("Opsroom's own health", page.locator("h1").innerText());
    assertEquals(8, page.locator(".own-chart svg").count());
    assertTrue(page.locator("#own-values").innerText().contains("Requests"));
    screenshot("stats-own-health-desktop");

    phoneSize();
    page.navigate(url("/stats"));
    assertEquals(8, page.locator(".own-chart svg").count());
    screenshot("stats-own-health-phone");
  }
}

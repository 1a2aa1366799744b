package io.opsroom.alerting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The registry as the application wires it: it reads OPSROOM_ALERTS_DIR (here the repository's
 * alerts/ folder) at start, and shows in readiness without ever taking it down.
 */
@QuarkusTest
class AlertDefinitionsHealthTest {

  @Inject AlertRegistry registry;
  @Inject AlertingConfig config;

  @Test
  void theExampleSetIsLoadedAtStartFromTheConfiguredFolder() {
    assertEquals("alerts", config.dir());
    assertEquals(Path.of("alerts"), registry.directory());
    assertTrue(registry.lastLoad().isPresent());
    assertTrue(registry.definition("carbon-cpu").isPresent());
    assertEquals(60, config.interval().toSeconds());
    assertEquals("off", config.reloadCheck(), "tests re-read only when they ask");
  }

  @Test
  void readinessCarriesTheCountsAndStaysUp() {
    int problems = registry.problems().size();
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'Alert definitions' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'Alert definitions' }.data.alerts",
            equalTo(registry.definitions().size()))
        .body("checks.find { it.name == 'Alert definitions' }.data.problems", equalTo(problems));
    given()
        .get("/q/health/group/alerts")
        .then()
        .statusCode(problems == 0 ? 200 : 503)
        .body(
            "checks.find { it.name == 'Alert definitions' }.status",
            equalTo(problems == 0 ? "UP" : "DOWN"));
  }
}

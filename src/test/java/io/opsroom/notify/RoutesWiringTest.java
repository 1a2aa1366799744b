package io.opsroom.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The registry as the application wires it: it reads routes.yaml from OPSROOM_ALERTS_DIR (here the
 * repository's alerts/ folder) at start, and shows in readiness.
 */
@QuarkusTest
class RoutesWiringTest {

  @Inject RoutesRegistry registry;

  @Test
  void theShippedRoutesAreReadAtStartFromTheAlertsFolder() {
    assertEquals(Path.of("alerts"), registry.directory());
    assertTrue(registry.lastLoad().isPresent());
    assertEquals(Optional.of("routes.yaml"), registry.file());
    assertEquals(Optional.empty(), registry.problem());
    assertTrue(registry.current().channel("ops-mail").isPresent());
  }

  @Test
  void readinessCarriesTheRoutes() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'Alert routes' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'Alert routes' }.data.file", equalTo("routes.yaml"))
        .body("checks.find { it.name == 'Alert routes' }.data.status", equalTo("ok"));
  }
}

package io.opsroom.notify;

import static io.opsroom.notify.RoutesFixtures.ALERT_EMAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes in the health checks: readiness never goes down for them, the alerts group does. */
class RoutesHealthTest {

  @TempDir Path dir;

  @Test
  void aValidFileIsUpEverywhere() throws IOException {
    RoutesRegistry registry = registryWith("valid-full.yaml");

    HealthCheckResponse readiness = RoutesHealth.readiness(registry);
    assertEquals("Alert routes", readiness.getName());
    assertEquals(Status.UP, readiness.getStatus());
    Map<String, Object> data = readiness.getData().orElseThrow();
    assertEquals("routes.yaml", data.get("file"));
    assertEquals(5L, data.get("channels"));
    assertEquals(4L, data.get("routes"));
    assertEquals("ok", data.get("status"));
    assertFalse(data.containsKey("problem"));
    assertEquals(Status.UP, RoutesHealth.alertsGroup(registry).getStatus());
  }

  @Test
  void aRefusedFileKeepsReadinessUpWithTheProblemAndTakesTheAlertsGroupDown() throws IOException {
    RoutesRegistry registry = registryWith("valid-full.yaml");
    Files.write(dir.resolve("routes.yaml"), RoutesFixtures.bytes("invalid-storm-cap.yaml"));
    registry.reload();

    HealthCheckResponse readiness = RoutesHealth.readiness(registry);
    assertEquals(Status.UP, readiness.getStatus());
    Map<String, Object> data = readiness.getData().orElseThrow();
    assertEquals("last good", data.get("status"));
    assertEquals(5L, data.get("channels"), "the last good routing");
    assertEquals(registry.problem().orElseThrow(), data.get("problem"));
    assertTrue(data.get("problem").toString().contains("routes.yaml:1: storm_cap"));

    HealthCheckResponse group = RoutesHealth.alertsGroup(registry);
    assertEquals(Status.DOWN, group.getStatus());
  }

  private RoutesRegistry registryWith(String fixture) throws IOException {
    Files.write(dir.resolve("routes.yaml"), RoutesFixtures.bytes(fixture));
    RoutesRegistry registry =
        new RoutesRegistry(
            dir,
            ALERT_EMAIL,
            new MutableClock(Instant.parse("2026-11-21T09:00:00Z")),
            RoutesFixtures.SECRETS);
    registry.reload();
    return registry;
  }
}

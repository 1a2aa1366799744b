package io.opsroom.alerting;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped for_each alert follows the inventory: one load alert per production server. */
@QuarkusTest
class ForEachInventoryTest {

  @Inject AlertRegistry registry;

  @Test
  void aProductionServerWithAGraphitePrefixGetsItsLoadAlert() {
    String name = unique("fe");
    asAdmin()
        .body(
            Map.of(
                "name",
                name,
                "environment",
                "production",
                "graphitePrefix",
                "servers." + name.replace('-', '_')))
        .post("/api/servers")
        .then()
        .statusCode(201);
    String staging = unique("fes");
    asAdmin()
        .body(Map.of("name", staging, "environment", "staging", "graphitePrefix", "servers.x"))
        .post("/api/servers")
        .then()
        .statusCode(201);

    registry.refreshInventory();

    AlertDefinition alert = registry.definition("load-" + name).orElseThrow();
    assertEquals("servers." + name.replace('-', '_') + ".load.load.shortterm", alert.target());
    assertEquals(name, alert.labels().get("server"));
    assertTrue(registry.definition("load-" + staging).isEmpty(), "staging is filtered out");
  }
}

package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example set in the repository's top-level {@code alerts/} folder stays valid: every file
 * reads without a problem, and the whole set loads with the sample inventory's kind of servers.
 */
class ShippedAlertsTest {

  private static final Path ALERTS = Path.of("alerts");

  @Test
  void everyShippedFileIsValid() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(ALERTS)) {
      files =
          list.filter(p -> p.toString().matches(".*\\.(ya?ml|json)"))
              .filter(p -> !p.getFileName().toString().startsWith("routes."))
              .sorted()
              .toList();
    }
    assertTrue(files.size() >= 3, "the example set: " + files);
    for (Path file : files) {
      AlertFile read =
          new AlertFileParser().parse(file.getFileName().toString(), Files.readAllBytes(file));
      assertEquals(List.of(), read.problems(), file.toString());
      assertTrue(read.size() > 0, file + " defines alerts");
    }
  }

  @Test
  void theShippedSetLoadsWithoutProblems() {
    InventoryDouble inventory =
        new InventoryDouble()
            .server(
                "name",
                "web01",
                "environment",
                "production",
                "status",
                "active",
                "graphitePrefix",
                "servers.web01",
                "primaryFunction",
                "Web server")
            .server(
                "name",
                "db01",
                "environment",
                "production",
                "status",
                "active",
                "graphitePrefix",
                "servers.db01",
                "primaryFunction",
                "PostgreSQL primary");
    AlertRegistry registry =
        new AlertRegistry(ALERTS, new MutableClock(Instant.EPOCH), () -> inventory);

    registry.reload();

    assertEquals(List.of(), registry.problems());
    assertTrue(registry.definition("load-web01").isPresent());
    assertTrue(registry.definition("carbon-cpu").isPresent());
    assertTrue(registry.definition("opsroom-cycle-lag").isPresent(), "Opsroom watching itself");
    assertTrue(registry.definition("carbon-points-committed").isPresent(), "the Hound example");
    assertTrue(registry.definitions().stream().anyMatch(AlertDefinition::isComposite));
  }
}

package io.opsroom.alerting;

import io.opsroom.testing.PrivateGraphite;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts a Graphite of the test's own (so the test can stop it) and an alerts folder holding the
 * cycle test's alerts, and points the application at both. Without the shared Graphite stack (no
 * OPSROOM_IT_GRAPHITE_URL) the packages may be missing: then nothing starts and the tests skip (or
 * fail in CI) through {@code GraphiteStack.url()}.
 */
public class EngineGraphiteResource implements QuarkusTestResourceLifecycleManager {

  static PrivateGraphite graphite;
  static Path alerts;

  static final String CYCLE_ALERTS =
      """
      defaults: {window: 30s, reduce: last, no_data: unknown, labels: {team: cycle}}
      alerts:
        - id: cycle-load
          name: Cycle test load
          target: test.cycle.load
          warning: 5
          critical: 10
          for: 2
        - id: cycle-healthy
          name: Cycle healthy
          composite: {all: [{alert: cycle-load, state: ok}]}
      """;

  @Override
  public Map<String, String> start() {
    try {
      alerts = Files.createTempDirectory("opsroom-alerts-test");
      Files.writeString(alerts.resolve("cycle.yaml"), CYCLE_ALERTS);
      StringBuilder many =
          new StringBuilder("defaults: {window: 30s, labels: {team: many}}\nalerts:\n");
      for (int i = 0; i < 500; i++) {
        many.append("  - {id: many-")
            .append(i)
            .append(", name: Many ")
            .append(i)
            .append(", target: test.many.m")
            .append(i)
            .append(", critical: 1}\n");
      }
      Files.writeString(alerts.resolve("many.yaml"), many);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = "http://127.0.0.1:9";
    String shared = System.getenv("OPSROOM_IT_GRAPHITE_URL");
    if (shared != null && !shared.isBlank()) {
      graphite = PrivateGraphite.create();
      graphite.start();
      url = graphite.url();
    }
    return Map.of(
        "opsroom.graphite.url",
        url,
        "opsroom.graphite.timeout",
        "5s",
        "opsroom.alerts.dir",
        alerts.toString());
  }

  /** Sends {@code value} until Graphite answers it as the metric's last point. */
  static void feed(io.opsroom.graphite.GraphiteClient client, double value) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofMillis(500))
        .until(
            () -> {
              graphite.send("test.cycle.load", value);
              return client
                  .render(java.util.List.of("test.cycle.load"), "-30s", null)
                  .get("test.cycle.load")
                  .series()
                  .stream()
                  .flatMap(s -> s.points().stream())
                  .filter(p -> p.value() != null)
                  .reduce((a, b) -> b)
                  .map(p -> p.value() == value)
                  .orElse(false);
            });
  }

  @Override
  public void stop() {
    if (graphite != null) {
      graphite.destroy();
      graphite = null;
    }
  }
}

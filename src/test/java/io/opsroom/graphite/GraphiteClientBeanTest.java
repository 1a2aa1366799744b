package io.opsroom.graphite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client as the application gets it: one bean, configured by {@code opsroom.graphite.*}. */
@QuarkusTest
class GraphiteClientBeanTest {

  @Inject GraphiteClient client;
  @Inject GraphiteConfig config;

  @Test
  void theSettingsHaveTheirDocumentedDefaults() {
    assertEquals(Duration.ofSeconds(10), config.timeout());
    assertEquals(50, config.maxTargetsPerRequest());
    assertEquals(2000, config.maxUrlLength());
    assertEquals(4, config.concurrency());
  }

  @Test
  void theInjectedClientAnswersForEveryTarget() {
    var results = client.render(List.of("a.b", "c.d"), "-5min", null);

    assertEquals(List.of("a.b", "c.d"), List.copyOf(results.keySet()));
    assertEquals(client.configured(), config.url().isPresent());
  }
}

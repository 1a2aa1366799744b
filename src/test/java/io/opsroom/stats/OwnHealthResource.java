package io.opsroom.stats;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outside of the own-health tests: a WireMock Graphite whose render answers no series and whose
 * metric search fails, an alerts folder of one alert, and carbon reporting to the real carbon
 * ({@code OPSROOM_IT_CARBON}, default 127.0.0.1:2003) under a prefix no other run uses.
 */
public class OwnHealthResource implements QuarkusTestResourceLifecycleManager {

  /** The profile of the own-health tests. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(OwnHealthResource.class));
    }
  }

  static WireMockServer graphite;

  /** The carbon prefix of this run, so points of earlier runs never answer for this one. */
  static final String PREFIX =
      "opsroomtest" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  static final String CARBON = System.getenv().getOrDefault("OPSROOM_IT_CARBON", "127.0.0.1:2003");

  @Override
  public Map<String, String> start() {
    Path alerts;
    try {
      alerts = Files.createTempDirectory("opsroom-own-health");
      Files.writeString(
          alerts.resolve("own.yaml"),
          """
          alerts:
            - id: own-load
              name: Own health test load
              target: test.own.load
              critical: 10
              no_data: unknown
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    graphite = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    graphite.start();
    graphite.stubFor(
        any(urlPathEqualTo("/render"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("[]")));
    graphite.stubFor(
        any(urlPathEqualTo("/metrics/find"))
            .willReturn(aResponse().withStatus(500).withBody("broken on purpose")));
    return Map.of(
        "opsroom.graphite.url",
        "http://127.0.0.1:" + graphite.port(),
        "opsroom.alerts.dir",
        alerts.toString(),
        "opsroom.stats.carbon",
        CARBON,
        "opsroom.stats.carbon-prefix",
        PREFIX);
  }

  /** Requests the double has answered on this path so far. */
  static int requests(String path) {
    return graphite
        .findAll(
            com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(urlPathEqualTo(path)))
        .size();
  }

  @Override
  public void stop() {
    if (graphite != null) {
      graphite.stop();
      graphite = null;
    }
  }
}

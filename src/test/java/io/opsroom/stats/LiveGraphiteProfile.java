package io.opsroom.stats;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Points the application at the real Graphite of {@code deploy/graphite/local.sh} ({@code
 * OPSROOM_IT_GRAPHITE_URL}). Without it, at a port where nothing answers: the tests then stop in
 * {@code GraphiteStack.url()} (skipped locally, failed in CI).
 */
public class LiveGraphiteProfile implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    String url = System.getenv("OPSROOM_IT_GRAPHITE_URL");
    return Map.of(
        "opsroom.graphite.url",
        url == null || url.isBlank() ? "http://127.0.0.1:9" : url,
        "opsroom.graphite.timeout",
        "10s");
  }
}

package io.opsroom.testing;

import java.net.URI;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Graphite (graphite-web + carbon from Debian) that {@code deploy/graphite/local.sh start}
 * runs. Tests name it through {@code OPSROOM_IT_GRAPHITE_URL} (render API) and {@code
 * OPSROOM_IT_CARBON} (plaintext receiver, default 127.0.0.1:2003). Without the variable a test is
 * skipped with that reason, except in CI ({@code CI=true}), where it fails.
 */
public final class GraphiteStack {

  private GraphiteStack() {}

  /** The render API's base URL, or the test stops here (skipped locally, failed in CI). */
  public static URI url() {
    String url = System.getenv("OPSROOM_IT_GRAPHITE_URL");
    if (url == null || url.isBlank()) {
      String reason =
          "OPSROOM_IT_GRAPHITE_URL is not set: run deploy/graphite/local.sh start and export it";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(reason + " (Graphite tests are mandatory in CI)");
      }
      Assumptions.abort(reason);
    }
    return URI.create(url.endsWith("/") ? url : url + "/");
  }

  /** The carbon plaintext receiver as host and port. */
  public static String[] carbon() {
    String value = System.getenv().getOrDefault("OPSROOM_IT_CARBON", "127.0.0.1:2003");
    return value.split(":", 2);
  }
}

package io.opsroom.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OpsroomMain reads its settings where Quarkus does, so a URL in any of them is honoured. */
class StartupSettingsTest {

  @AfterEach
  void clear() {
    System.clearProperty("opsroom.data-dir");
    System.clearProperty("quarkus.datasource.jdbc.url");
  }

  @Test
  void theApplicationsOwnPropertiesAreTheDefault() {
    assertEquals(Optional.of("data"), StartupSettings.load().get("opsroom.data-dir"));
    assertEquals(Optional.empty(), StartupSettings.load().get("quarkus.datasource.jdbc.url"));
  }

  @Test
  void systemPropertiesOverrideThem() {
    System.setProperty("opsroom.data-dir", "/srv/opsroom");
    System.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/opsroom");
    StartupSettings settings = StartupSettings.load();
    assertEquals(Optional.of("/srv/opsroom"), settings.get("opsroom.data-dir"));
    assertEquals(
        Optional.of("jdbc:postgresql://db/opsroom"), settings.get("quarkus.datasource.jdbc.url"));
  }

  @Test
  void theCannotConnectLineMasksAPasswordInTheUrl() {
    String problem =
        DatabaseReachability.problem(
                "jdbc:postgresql://127.0.0.1:1/opsroom?password=s3cret", "ops", null)
            .orElseThrow();
    assertEquals(false, problem.contains("s3cret"), problem);
  }

  @Test
  void passwordsInUrlsAreMaskedForTheLog() {
    assertEquals(
        "jdbc:postgresql://db/opsroom?user=ops&password=***&ssl=true",
        DatabaseReachability.redact(
            "jdbc:postgresql://db/opsroom?user=ops&password=s3cret&ssl=true"));
  }
}

package io.opsroom.alerting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsroom.testing.MutableClock;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With OPSROOM_ANONYMOUS_READ=false the acknowledge link of an email still works without an
 * account, as the hostmaster's confirm link does: its token is the permission. Nothing else opens.
 */
@QuarkusTest
@TestProfile(AcknowledgeLinkClosedTest.Closed.class)
class AcknowledgeLinkClosedTest {

  /** The test alerts, on an intranet that is not open to everyone. */
  public static class Closed implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "opsroom.alerts.dir", "src/test/resources/silences", "opsroom.anonymous-read", "false");
    }
  }

  @Inject MutableClock clock;

  @AfterEach
  void stop() {
    clock.reset();
  }

  @Test
  void theLinkAcknowledgesWithoutALoginWhileTheRestStaysClosed() {
    var now = SilenceFixtures.reset(clock);
    SilenceFixtures.level("disk-web1", Level.CRITICAL, now, "closed-token");

    WebSession visitor = new WebSession();
    visitor.get("/alerts/disk-web1/ack?token=closed-token").then().statusCode(200);
    visitor
        .postForm("/alerts/disk-web1/ack", Map.of("token", "closed-token"))
        .then()
        .statusCode(200)
        .body(containsString("Acknowledged by <strong>email link</strong>"));
    assertEquals("email link", SilenceFixtures.state("disk-web1").acknowledgedBy);

    visitor
        .get("/alerts/disk-web1")
        .then()
        .statusCode(303)
        .header("Location", containsString("/login"));
    visitor.get("/silences").then().statusCode(303);
    given().get("/api/silences").then().statusCode(401);
  }
}

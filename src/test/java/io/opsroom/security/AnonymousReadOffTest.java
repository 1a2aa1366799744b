package io.opsroom.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With OPSROOM_ANONYMOUS_READ=false, everything but the login page needs a login or a token. */
@QuarkusTest
@TestProfile(AnonymousReadOffTest.Closed.class)
class AnonymousReadOffTest {

  /** The intranet that is not open to everyone on the network. */
  public static class Closed implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("opsroom.anonymous-read", "false");
    }
  }

  @Test
  void anonymousVisitorsAreSentToLoginAndScriptsGet401() {
    given()
        .redirects()
        .follow(false)
        .get("/")
        .then()
        .statusCode(303)
        .header("Location", containsString("/login"));
    given().get("/api/me").then().statusCode(401).body("status", equalTo(401));
    given().get("/login").then().statusCode(200);
  }

  @Test
  void aViewerReadsAfterLoggingIn() {
    WebSession session = WebSession.login(Api.newUser("viewer"), Api.PASSWORD);
    session.get("/").then().statusCode(200);
    Api.withToken(Api.newToken("viewer")).get("/api/me").then().statusCode(200);
  }
}

package io.opsroom.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.MutableClock;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

  @Inject MutableClock clock;

  @Test
  void theFirstAdminFromTheEnvironmentLogsInAndOut() {
    WebSession session = WebSession.login("admin", Api.ADMIN_PASSWORD);
    assertTrue(session.cookies().containsKey(OpsroomAuthenticationMechanism.SESSION_COOKIE));
    session.get("/api/me").then().body("username", equalTo("admin")).body("role", equalTo("admin"));
    session.get("/").then().statusCode(200).body(containsString("Log out"));

    session
        .postForm("/logout", Map.of())
        .then()
        .statusCode(303)
        .header("Location", containsString("/login?loggedOut=true"));

    assertFalse(session.cookies().containsKey(OpsroomAuthenticationMechanism.SESSION_COOKIE));
    session.get("/api/me").then().body("role", equalTo("anonymous"));
  }

  @Test
  void aSessionCookieStopsWorkingAfterLogout() {
    String user = Api.newUser("viewer");
    WebSession session = WebSession.login(user, Api.PASSWORD);
    String cookie = session.cookies().get(OpsroomAuthenticationMechanism.SESSION_COOKIE);
    session.postForm("/logout", Map.of()).then().statusCode(303);

    WebSession.anonymous()
        .request()
        .cookie(OpsroomAuthenticationMechanism.SESSION_COOKIE, cookie)
        .get("/api/me")
        .then()
        .body("role", equalTo("anonymous"))
        .cookie(
            OpsroomAuthenticationMechanism.SESSION_COOKIE,
            io.restassured.matcher.RestAssuredMatchers.detailedCookie()
                .maxAge(0)
                .httpOnly(true)
                .sameSite("Lax"));
  }

  @Test
  void loginLeadsBackToThePageThatAskedForIt() {
    String user = Api.newUser("admin");
    WebSession session = WebSession.anonymous();
    session
        .postForm(
            "/login", Map.of("username", user, "password", Api.PASSWORD, "next", "/admin/users"))
        .then()
        .statusCode(303)
        .header("Location", containsString("/admin/users"));
  }

  @Test
  void aWrongPasswordOrUnknownUserGetsTheSameMessage() {
    String user = Api.newUser("editor");
    WebSession session = WebSession.anonymous();
    String wrongPassword =
        session
            .postForm("/login", Map.of("username", user, "password", "not-the-password"))
            .then()
            .statusCode(401)
            .extract()
            .asString();
    String unknownUser =
        session
            .postForm("/login", Map.of("username", "nobody-here", "password", "not-the-password"))
            .then()
            .statusCode(401)
            .extract()
            .asString();
    assertTrue(wrongPassword.contains("Wrong username or password."));
    assertTrue(unknownUser.contains("Wrong username or password."));
    assertFalse(session.cookies().containsKey(OpsroomAuthenticationMechanism.SESSION_COOKIE));
  }

  @Test
  void fiveFailuresInAMinuteRefuseEvenTheRightPasswordForAWhile() {
    String user = Api.newUser("editor");
    WebSession session = WebSession.anonymous();
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      session
          .postForm("/login", Map.of("username", user, "password", "guess-" + i))
          .then()
          .statusCode(401);
    }
    session
        .postForm("/login", Map.of("username", user, "password", Api.PASSWORD))
        .then()
        .statusCode(429)
        .body(containsString("Too many failed logins for this user"))
        .body(not(containsString("Wrong username or password")));
    // Another user is not slowed down.
    String other = Api.newUser("editor");
    session
        .postForm("/login", Map.of("username", other, "password", Api.PASSWORD))
        .then()
        .statusCode(303);
  }

  @Test
  void aThrottledUserMayTryAgainOnceAMinuteHasPassed() {
    String user = Api.newUser("viewer");
    WebSession session = WebSession.anonymous();
    try {
      for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
        session.postForm("/login", Map.of("username", user, "password", "guess-" + i));
      }
      session
          .postForm("/login", Map.of("username", user, "password", Api.PASSWORD))
          .then()
          .statusCode(429);

      clock.advance(LoginThrottle.WINDOW.plusSeconds(1));

      session
          .postForm("/login", Map.of("username", user, "password", Api.PASSWORD))
          .then()
          .statusCode(303);
    } finally {
      clock.reset();
    }
  }

  @Test
  void aSessionEndsWhenItsTimeoutHasPassed() {
    WebSession session = WebSession.login(Api.newUser("viewer"), Api.PASSWORD);
    try {
      clock.advance(java.time.Duration.ofDays(14).plusMinutes(1));
      session.get("/api/me").then().body("role", equalTo("anonymous"));
    } finally {
      clock.reset();
    }
  }

  @Test
  void aDeactivatedUserCannotLogInAndLosesTheirSession() {
    String user = Api.newUser("editor");
    WebSession session = WebSession.login(user, Api.PASSWORD);
    Api.asAdmin().body(Map.of("active", false)).put("/api/users/" + user).then().statusCode(200);

    session.get("/api/me").then().body("role", equalTo("anonymous"));
    WebSession.anonymous()
        .postForm("/login", Map.of("username", user, "password", Api.PASSWORD))
        .then()
        .statusCode(401);
  }
}

package io.opsroom.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** People change their own password; admins reset other people's. */
@QuarkusTest
class AccountTest {

  private static final String NEW_PASSWORD = "a-much-better-password";

  @Test
  void aUserChangesTheirPasswordAndStaysLoggedInWhileOtherSessionsEnd() {
    String user = Api.newUser("viewer");
    WebSession elsewhere = WebSession.login(user, Api.PASSWORD);
    WebSession here = WebSession.login(user, Api.PASSWORD);
    String before = here.cookies().get(OpsroomAuthenticationMechanism.SESSION_COOKIE);

    here.postForm(
            "/account/password",
            Map.of("current", Api.PASSWORD, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD))
        .then()
        .statusCode(200)
        .body(containsString("Your password has been changed."));

    assertNotEquals(before, here.cookies().get(OpsroomAuthenticationMechanism.SESSION_COOKIE));
    here.get("/api/me").then().body("username", equalTo(user));
    elsewhere.get("/api/me").then().body("role", equalTo("anonymous"));
    WebSession.anonymous()
        .postForm("/login", Map.of("username", user, "password", Api.PASSWORD))
        .then()
        .statusCode(401);
    WebSession.login(user, NEW_PASSWORD);
  }

  @Test
  void aWrongCurrentPasswordOrAMismatchChangesNothing() {
    String user = Api.newUser("editor");
    WebSession session = WebSession.login(user, Api.PASSWORD);
    session
        .postForm(
            "/account/password",
            Map.of("current", "not-it", "password", NEW_PASSWORD, "repeat", "something-else"))
        .then()
        .statusCode(400)
        .body(containsString("This is not your current password."))
        .body(containsString("The two new passwords differ."));
    session.get("/api/me").then().body("username", equalTo(user));
    WebSession.login(user, Api.PASSWORD);
  }

  @Test
  void guessingTheCurrentPasswordIsSlowedDownLikeLoginsAre() {
    String user = Api.newUser("viewer");
    WebSession session = WebSession.login(user, Api.PASSWORD);
    Map<String, String> guess =
        Map.of("current", "guess", "password", NEW_PASSWORD, "repeat", NEW_PASSWORD);
    for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
      session.postForm("/account/password", guess).then().statusCode(400);
    }
    session
        .postForm(
            "/account/password",
            Map.of("current", Api.PASSWORD, "password", NEW_PASSWORD, "repeat", NEW_PASSWORD))
        .then()
        .statusCode(429)
        .body(containsString("Too many wrong passwords."));
    WebSession.anonymous()
        .postForm("/login", Map.of("username", user, "password", Api.PASSWORD))
        .then()
        .statusCode(429);
  }

  @Test
  void anonymousVisitorsAreSentToLoginAndTokensHaveNoAccountPage() {
    given()
        .redirects()
        .follow(false)
        .get("/account")
        .then()
        .statusCode(303)
        .header("Location", containsString("/login?next=%2Faccount"));
    Api.withToken(Api.newToken("admin")).accept("text/html").get("/account").then().statusCode(403);
  }

  @Test
  void theDeactivateButtonChangesOnlyTheState() {
    String user = Api.newUser("viewer");
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    admin
        .postForm(
            "/admin/users/" + user,
            Map.of("role", "admin", "password", NEW_PASSWORD, "active", "false"))
        .then()
        .statusCode(303);
    Api.asAdmin()
        .get("/api/users/" + user)
        .then()
        .body("active", equalTo(false))
        .body("role", equalTo("viewer"));
  }

  @Test
  void anAdminResetsAnotherUsersPassword() {
    String user = Api.newUser("viewer");
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    admin
        .postForm("/admin/users/" + user, Map.of("role", "viewer", "password", "short"))
        .then()
        .statusCode(400)
        .body(containsString(user + ": Use a password of at least 8 characters."));
    admin
        .postForm("/admin/users/" + user, Map.of("role", "viewer", "password", NEW_PASSWORD))
        .then()
        .statusCode(303);
    WebSession.login(user, NEW_PASSWORD);
  }
}

package io.opsroom.web;

import static org.hamcrest.Matchers.containsString;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forms need the page's CSRF token; JSON calls with a bearer token do not. */
@QuarkusTest
class CsrfTest {

  @Test
  void aLoginFormWithoutTheTokenIsForbidden() {
    WebSession.anonymous()
        .postFormWithoutToken("/login", Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
        .then()
        .statusCode(403)
        .body(containsString("This form has expired or did not come from Opsroom"));
  }

  @Test
  void anAdminFormWithoutTheTokenIsForbiddenAndChangesNothing() {
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    String name = Api.unique("csrf-victim");
    admin
        .postFormWithoutToken(
            "/admin/users", Map.of("username", name, "password", Api.PASSWORD, "role", "admin"))
        .then()
        .statusCode(403)
        .body(containsString("Log out"));
    admin
        .postFormWithoutToken(
            "/admin/users",
            Map.of(
                "username",
                name,
                "password",
                Api.PASSWORD,
                "role",
                "admin",
                "csrf-token",
                "forged"))
        .then()
        .statusCode(403);
    Api.asAdmin().get("/api/users/" + name).then().statusCode(404);

    admin
        .postForm(
            "/admin/users", Map.of("username", name, "password", Api.PASSWORD, "role", "viewer"))
        .then()
        .statusCode(200)
        .body(containsString("Added " + name));
    Api.asAdmin().get("/api/users/" + name).then().statusCode(200);
  }

  @Test
  void aJsonCallWithABearerTokenNeedsNoCsrfToken() {
    Api.asAdmin()
        .body(Map.of("name", Api.unique("ci"), "role", "editor"))
        .post("/api/tokens")
        .then()
        .statusCode(201);
  }
}

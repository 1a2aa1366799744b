package io.opsroom.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roles on pages and on the API: viewers read, editors write, admins manage access. */
@QuarkusTest
class AccessTest {

  @Test
  void anonymousVisitorsReadTheHomePageButAreSentToLoginForAdminPages() {
    given().get("/").then().statusCode(200).body(containsString("Status"));
    given()
        .redirects()
        .follow(false)
        .get("/admin/users")
        .then()
        .statusCode(303)
        .header("Location", containsString("/login?next=%2Fadmin%2Fusers"));
  }

  @Test
  void adminPagesAreForbiddenToViewersAndEditorsAndOpenToAdmins() {
    WebSession viewer = WebSession.login(Api.newUser("viewer"), Api.PASSWORD);
    viewer.get("/admin/users").then().statusCode(403).body(containsString("Your role does not"));
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    editor.get("/admin/tokens").then().statusCode(403);
    WebSession admin = WebSession.login(Api.newUser("admin"), Api.PASSWORD);
    admin.get("/admin/users").then().statusCode(200).body(containsString("Add a user"));
  }

  @Test
  void anEditorCannotAddAUserThroughTheAdminForm() {
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    String name = Api.unique("sneaky");
    editor
        .postForm(
            "/admin/users", Map.of("username", name, "password", Api.PASSWORD, "role", "admin"))
        .then()
        .statusCode(403);
    Api.asAdmin().get("/api/users/" + name).then().statusCode(404);
  }

  @Test
  void apiWritesNeedATokenOfTheRightRole() {
    Map<String, String> body = Map.of("name", Api.unique("t"), "role", "viewer");

    given()
        .contentType("application/json")
        .body(body)
        .post("/api/tokens")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .body("status", equalTo(401))
        .body("fields", org.hamcrest.Matchers.anEmptyMap());
    Api.withToken(Api.newToken("viewer"))
        .body(body)
        .post("/api/tokens")
        .then()
        .statusCode(403)
        .body("error", equalTo("Forbidden"));
    Api.withToken(Api.newToken("editor")).body(body).post("/api/tokens").then().statusCode(403);
    Api.withToken(Api.newToken("admin")).body(body).post("/api/tokens").then().statusCode(201);
  }

  @Test
  void aTokenIdentifiesItsCaller() {
    String token = Api.newToken("editor");
    Api.withToken(token)
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("role", equalTo("editor"))
        .body("authenticatedBy", equalTo("token"))
        .body("username", containsString("token:"));
    given().get("/api/me").then().statusCode(200).body("role", equalTo("anonymous"));
  }

  @Test
  void aWrongTokenOrAnotherSchemeIsRefusedEvenWhereReadingIsOpen() {
    Api.withToken("opsroom_not_a_real_token_at_all")
        .get("/api/me")
        .then()
        .statusCode(401)
        .body("status", equalTo(401))
        .body("fields", org.hamcrest.Matchers.anEmptyMap());
    given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/me").then().statusCode(401);
  }

  @Test
  void aRevokedTokenIsRefused() {
    Api.Token token = Api.createToken("editor");
    Api.withToken(token.value()).get("/api/me").then().statusCode(200);

    Api.asAdmin().delete("/api/tokens/" + token.id()).then().statusCode(204);

    Api.withToken(token.value()).get("/api/me").then().statusCode(401);
  }
}

package io.opsroom.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors are pages for browsers and JSON for the API; never a stack trace. */
@QuarkusTest
class ErrorPagesTest {

  @Test
  void anUnknownPageIsAn404PageInTheLayout() {
    given()
        .accept("text/html")
        .get("/no/such/page")
        .then()
        .statusCode(404)
        .contentType(startsWith("text/html"))
        .body(containsString("Not Found"))
        .body(containsString("There is nothing at /no/such/page."))
        .body(containsString("Opsroom"));
  }

  @Test
  void anUnknownApiPathIsA404Json() {
    given()
        .get("/api/no-such-thing")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/json"))
        .body("status", equalTo(404))
        .body("message", containsString("/api/no-such-thing"));
  }

  @Test
  void aWrongMethodOrMediaTypeIsA4xxJson() {
    Api.asAdmin().put("/api/me").then().statusCode(405).body("status", equalTo(405));
    Api.asAdmin()
        .contentType("text/plain")
        .body("name=x")
        .post("/api/tokens")
        .then()
        .statusCode(415)
        .body("status", equalTo(415));
  }

  @Test
  void aFormErrorIsShownAtItsField() {
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    admin
        .postForm("/admin/users", Map.of("username", "x y", "password", "short", "role", "viewer"))
        .then()
        .statusCode(400)
        .body(containsString("id=\"username-error\""))
        .body(containsString("Use a password of at least 8 characters."))
        .body(containsString("value=\"x y\""));
    admin
        .postForm("/admin/tokens", Map.of("name", "", "role", "editor", "expires", "soon"))
        .then()
        .statusCode(400)
        .body(containsString("id=\"expires-error\""));
  }

  @Test
  void anAdminFormShowsANewTokenOnceAndItWorks() {
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    String page =
        admin
            .postForm("/admin/tokens", Map.of("name", Api.unique("form"), "role", "viewer"))
            .then()
            .statusCode(200)
            .body(containsString("it is not shown again"))
            .extract()
            .asString();
    String token = page.replaceAll("(?s).*<code id=\"created-token\">([^<]+)</code>.*", "$1");
    Api.withToken(token).get("/api/me").then().statusCode(200).body("role", equalTo("viewer"));
    admin.get("/admin/tokens").then().body(org.hamcrest.Matchers.not(containsString(token)));
  }
}

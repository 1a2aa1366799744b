package io.opsroom.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserApiTest {

  @Test
  void anAdminCreatesAUserWhoCanLogInAndTheHashIsNeverShown() {
    String name = Api.unique("carol");
    Api.asAdmin()
        .body(
            Map.of(
                "username",
                name,
                "password",
                Api.PASSWORD,
                "role",
                "editor",
                "email",
                "c@example.org"))
        .post("/api/users")
        .then()
        .statusCode(201)
        .body("username", equalTo(name))
        .body("role", equalTo("editor"))
        .body("$", not(hasKey("passwordHash")));
    WebSession.login(name, Api.PASSWORD).get("/api/me").then().body("role", equalTo("editor"));
  }

  @Test
  void badUsersAreRefusedField_by_field() {
    Api.asAdmin()
        .body(Map.of("username", "Bad Name!", "password", "short", "role", "boss", "email", "nope"))
        .post("/api/users")
        .then()
        .statusCode(400)
        .body("fields.username", notNullValue())
        .body("fields.password", equalTo("Use a password of at least 8 characters."))
        .body("fields.role", notNullValue())
        .body("fields.email", notNullValue());
    Api.asAdmin().get("/api/users/bad name!").then().statusCode(404);
  }

  @Test
  void aDuplicateUsernameIsAConflict() {
    String name = Api.newUser("viewer");
    Api.asAdmin()
        .body(Map.of("username", name.toUpperCase(), "password", Api.PASSWORD, "role", "viewer"))
        .post("/api/users")
        .then()
        .statusCode(409)
        .body("fields.username", notNullValue());
  }

  @Test
  void theLastActiveAdminCannotBeDemoted() {
    // Demote every admin but "admin" itself, then try to demote "admin".
    Api.asAdmin()
        .get("/api/users")
        .jsonPath()
        .getList(
            "findAll { it.role == 'admin' && it.active && it.username != 'admin' }.username",
            String.class)
        .forEach(
            other ->
                Api.asAdmin()
                    .body(Map.of("role", "viewer"))
                    .put("/api/users/" + other)
                    .then()
                    .statusCode(200));
    Api.asAdmin()
        .body(Map.of("role", "editor"))
        .put("/api/users/admin")
        .then()
        .statusCode(409)
        .body("fields.role", notNullValue());
    Api.asAdmin().get("/api/users/admin").then().body("role", equalTo("admin"));
  }
}

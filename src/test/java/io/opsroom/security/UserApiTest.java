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

  @Test
  void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
    String other = Api.newUser("admin");
    demoteAllAdminsExcept("admin", other);
    try {
      var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      var start = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.Callable<Integer> demoteAdmin = () -> demote(start, "admin");
      java.util.concurrent.Callable<Integer> demoteOther = () -> demote(start, other);
      var first = pool.submit(demoteAdmin);
      var second = pool.submit(demoteOther);
      start.countDown();
      java.util.List<Integer> statuses =
          new java.util.ArrayList<>(java.util.List.of(first.get(), second.get()));
      pool.shutdown();

      java.util.Collections.sort(statuses);
      org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(200, 409), statuses);
      org.junit.jupiter.api.Assertions.assertEquals(
          1,
          Api.asAdmin()
              .get("/api/users")
              .jsonPath()
              .getList("findAll { it.role == 'admin' && it.active }")
              .size());
    } finally {
      Api.asAdmin().body(Map.of("role", "admin")).put("/api/users/admin").then().statusCode(200);
    }
  }

  private static int demote(java.util.concurrent.CountDownLatch start, String username)
      throws InterruptedException {
    start.await();
    return Api.asAdmin().body(Map.of("role", "editor")).put("/api/users/" + username).statusCode();
  }

  private static void demoteAllAdminsExcept(String... keep) {
    java.util.Set<String> kept = java.util.Set.of(keep);
    Api.asAdmin()
        .get("/api/users")
        .jsonPath()
        .getList("findAll { it.role == 'admin' && it.active }.username", String.class)
        .stream()
        .filter(name -> !kept.contains(name))
        .forEach(
            name ->
                Api.asAdmin()
                    .body(Map.of("role", "viewer"))
                    .put("/api/users/" + name)
                    .then()
                    .statusCode(200));
  }
}

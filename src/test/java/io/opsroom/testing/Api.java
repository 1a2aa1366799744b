package io.opsroom.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * REST Assured helpers: requests as admin, with a fresh token of any role, or as a new user. Every
 * name made here is unique, so tests sharing one application do not collide.
 */
public final class Api {

  /** The admin token that the test profile provisions through OPSROOM_ADMIN_TOKEN. */
  public static final String ADMIN_TOKEN = "opsroom_test_admin_token_0123456789";

  public static final String ADMIN_PASSWORD = "admin-test-password";
  public static final String PASSWORD = "correct-horse-battery";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Api() {}

  public static String unique(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
  }

  public static RequestSpecification asAdmin() {
    return withToken(ADMIN_TOKEN);
  }

  public static RequestSpecification withToken(String token) {
    return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
  }

  /** A token made for a test: its id (to revoke it) and its secret value. */
  public record Token(long id, String value) {}

  /** Creates an API token with this role. */
  public static Token createToken(String role) {
    var json =
        asAdmin()
            .body(Map.of("name", unique("token"), "role", role))
            .post("/api/tokens")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Token(json.getLong("id"), json.getString("token"));
  }

  /** Creates an API token with this role and returns its value. */
  public static String newToken(String role) {
    return createToken(role).value();
  }

  /** Creates an active user with this role and the password {@link #PASSWORD}. */
  public static String newUser(String role) {
    String username = unique("user");
    asAdmin()
        .body(Map.of("username", username, "password", PASSWORD, "role", role))
        .post("/api/users")
        .then()
        .statusCode(201);
    return username;
  }
}

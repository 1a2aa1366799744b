package io.opsroom.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opsroom.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens over the API: shown once, stored as a hash, revocable, bad input refused as JSON. */
@QuarkusTest
class TokenApiTest {

  @Test
  void aTokenIsShownOnceAndListedWithoutItsValue() {
    String name = Api.unique("deploy");
    var created =
        Api.asAdmin()
            .body(Map.of("name", name, "role", "editor"))
            .post("/api/tokens")
            .then()
            .statusCode(201)
            .body("token", startsWith("opsroom_"))
            .body("role", equalTo("editor"))
            .extract()
            .jsonPath();
    String value = created.getString("token");
    long id = created.getLong("id");

    String listing = Api.asAdmin().get("/api/tokens").then().statusCode(200).extract().asString();
    assertFalse(listing.contains(value), "the list never holds a token's value");

    Api.withToken(value).get("/api/me").then().statusCode(200);
    Api.asAdmin()
        .get("/api/tokens")
        .then()
        .body("find { it.id == " + id + " }.lastUsedAt", notNullValue())
        .body("find { it.id == " + id + " }.revokedAt", nullValue())
        .body("find { it.id == " + id + " }.createdBy", nullValue())
        .body("find { it.id == " + id + " }", not(hasKey("token")));
  }

  @Test
  void badInputIsRefusedWithFieldMessagesAndCreatesNothing() {
    int before = Api.asAdmin().get("/api/tokens").jsonPath().getList("id").size();

    Api.asAdmin()
        .body(Map.of("name", "", "role", "root"))
        .post("/api/tokens")
        .then()
        .statusCode(400)
        .body("status", equalTo(400))
        .body("fields.name", equalTo("Name the token after what uses it."))
        .body("fields.role", equalTo("Choose viewer, editor or admin."));
    Api.asAdmin()
        .body(Map.of("name", "x", "role", "viewer", "expiresAt", "2001-01-01T00:00:00Z"))
        .post("/api/tokens")
        .then()
        .statusCode(400)
        .body("fields.expiresAt", notNullValue());
    Api.asAdmin()
        .body("{\"name\": \"broken\", ")
        .post("/api/tokens")
        .then()
        .statusCode(400)
        .body("status", equalTo(400))
        .body("message", startsWith("The body is not valid JSON"));
    Api.asAdmin()
        .body("[1, 2]")
        .post("/api/tokens")
        .then()
        .statusCode(400)
        .body("message", startsWith("The body is JSON of the wrong shape"));
    Api.asAdmin()
        .body("{\"name\": \"x\", \"role\": \"viewer\", \"expiresAt\": \"next tuesday\"}")
        .post("/api/tokens")
        .then()
        .statusCode(400)
        .body("status", equalTo(400));
    Api.asAdmin().post("/api/tokens").then().statusCode(400).body("fields.name", notNullValue());

    assertEquals(before, Api.asAdmin().get("/api/tokens").jsonPath().getList("id").size());
  }

  @Test
  void theLocationOfACreatedTokenAnswersWithItsListing() {
    String location =
        Api.asAdmin()
            .body(Map.of("name", Api.unique("located"), "role", "viewer"))
            .post("/api/tokens")
            .then()
            .statusCode(201)
            .extract()
            .header("Location");
    Api.asAdmin()
        .get(java.net.URI.create(location).getPath())
        .then()
        .statusCode(200)
        .body("role", equalTo("viewer"))
        .body("$", not(hasKey("token")));
    Api.asAdmin().get("/api/tokens/999999").then().statusCode(404);
  }

  @Test
  void revokingAnUnknownTokenIs404AndRevokingTwiceIsHarmless() {
    Api.asAdmin().delete("/api/tokens/999999").then().statusCode(404).body("status", equalTo(404));
    Api.Token token = Api.createToken("viewer");
    Api.asAdmin().delete("/api/tokens/" + token.id()).then().statusCode(204);
    Api.asAdmin().delete("/api/tokens/" + token.id()).then().statusCode(204);
  }
}

package io.opsroom.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code OPSROOM_EVENTS_OPEN_RECEIVERS=true}: anybody may post to the two receivers, as anybody
 * could post to graphite-web and Anthracite, even on an Opsroom that is closed to anonymous
 * readers; sessions and other sites' pages are still refused, and reading still needs a token.
 */
@QuarkusTest
@TestProfile(OpenReceiversTest.Open.class)
class OpenReceiversTest {

  /** Open receivers on an intranet that is otherwise closed to visitors. */
  public static class Open implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("opsroom.events.open-receivers", "true", "opsroom.anonymous-read", "false");
    }
  }

  private static Event stored(long id) {
    return QuarkusTransaction.requiringNew().call(() -> Event.<Event>findById(id));
  }

  @Test
  void anonymousScriptsPostToBothReceivers() {
    long graphite =
        given()
            .body("{\"what\": \"anonymous deploy\", \"tags\": \"deploy\"}")
            .post("/events/")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("id");
    assertEquals("anonymous", stored(graphite).author);
    String answer =
        given()
            .formParams(Map.of("event_desc", "anonymous change", "event_tags", "manual"))
            .post("/events/add/script")
            .then()
            .statusCode(201)
            .body(matchesPattern("ok event_id=\\d+\n"))
            .extract()
            .asString();
    Event anthracite = stored(Long.parseLong(answer.strip().substring("ok event_id=".length())));
    assertEquals("anonymous", anthracite.author);
    // A viewer token may post too: it is at least as trusted as nobody.
    long viewer =
        given()
            .header("Authorization", "Bearer " + Api.newToken("viewer"))
            .body("{\"what\": \"viewer deploy\"}")
            .post("/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("id");
    assertEquals("token:", stored(viewer).author.substring(0, 6));
  }

  @Test
  void browsersAreStillRefused() {
    given()
        .header("Origin", "http://intranet-page.example")
        .body("{\"what\": \"forged\"}")
        .post("/events/")
        .then()
        .statusCode(403);
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    admin.request().body("{\"what\": \"forged\"}").post("/events/").then().statusCode(403);
  }

  @Test
  void readingStillFollowsAnonymousRead() {
    given().get("/events/get_data").then().statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic("grafana", Api.newToken("viewer"))
        .get("/events/get_data?from=-1h")
        .then()
        .statusCode(200);
  }
}

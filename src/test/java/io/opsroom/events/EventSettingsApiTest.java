package io.opsroom.events;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.opsroom.testing.Api.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsroom.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/event-attributes} and {@code /api/event-suggested-tags}: everyone reads, admins
 * write, bad input is a 400 with the field. Attributes made here are removed after each test, so
 * other tests' events are never asked for them.
 */
@QuarkusTest
class EventSettingsApiTest {

  @Inject EventService events;

  final List<String> made = new ArrayList<>();
  List<String> suggestedBefore;

  @BeforeEach
  void remember() {
    suggestedBefore = EventSuggestedTag.ordered();
  }

  @AfterEach
  void cleanUp() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              made.forEach(k -> EventAttribute.deleteById(k));
              EventSuggestedTag.deleteAll();
              int i = 1;
              for (String tag : suggestedBefore) {
                EventSuggestedTag t = new EventSuggestedTag();
                t.tag = tag;
                t.position = i++;
                t.persist();
              }
            });
  }

  String key() {
    String key = unique("attr").replace("-", "_");
    made.add(key);
    return key;
  }

  @Test
  void anAdminAddsChangesAndDeletesAnAttributeAndEveryoneReadsIt() {
    String key = key();
    asAdmin()
        .body(
            Map.of("key", key, "label", "Environment", "choices", List.of("prod", " test", "prod")))
        .post("/api/event-attributes")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/event-attributes/" + key))
        .body("key", equalTo(key))
        .body("choices", contains("prod", "test"))
        .body("mandatory", equalTo(false))
        .body("multiple", equalTo(false));

    given().get("/api/event-attributes").then().statusCode(200).body("key", hasItem(key));
    asAdmin()
        .body(
            Map.of(
                "label",
                "Env",
                "choices",
                List.of("prod", "test", "dev"),
                "multiple",
                true,
                "position",
                7))
        .put("/api/event-attributes/" + key)
        .then()
        .statusCode(200)
        .body("label", equalTo("Env"))
        .body("choices", contains("prod", "test", "dev"))
        .body("multiple", equalTo(true))
        .body("position", equalTo(7));
    given()
        .get("/api/event-attributes/" + key)
        .then()
        .statusCode(200)
        .body("label", equalTo("Env"));

    asAdmin().delete("/api/event-attributes/" + key).then().statusCode(204);
    given().get("/api/event-attributes/" + key).then().statusCode(404);
    asAdmin().delete("/api/event-attributes/" + key).then().statusCode(404);
  }

  @Test
  void badInputIsA400WithTheFieldAndADuplicateA409() {
    asAdmin()
        .body(Map.of("key", "Not a key", "label", ""))
        .post("/api/event-attributes")
        .then()
        .statusCode(400)
        .body("fields", hasKey("key"))
        .body("fields", hasKey("label"));
    String key = key();
    asAdmin()
        .body(Map.of("key", key, "label", "One"))
        .post("/api/event-attributes")
        .then()
        .statusCode(201);
    asAdmin()
        .body(Map.of("key", key.toUpperCase(), "label", "Two"))
        .post("/api/event-attributes")
        .then()
        .statusCode(409)
        .body("fields.key", containsString("exists already"));
    asAdmin()
        .body(Map.of("key", "other", "label", "Renamed"))
        .put("/api/event-attributes/" + key)
        .then()
        .statusCode(400)
        .body("fields.key", containsString("cannot change"));
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"key\": \"x\", \"label\": \"X\", \"mandatory\": \"perhaps\"}")
        .post("/api/event-attributes")
        .then()
        .statusCode(400);
  }

  @Test
  void onlyAdminsWrite() {
    String editor = Api.newToken("editor");
    withToken(editor)
        .body(Map.of("key", "nope", "label", "Nope"))
        .post("/api/event-attributes")
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("tags", List.of("x")))
        .put("/api/event-suggested-tags")
        .then()
        .statusCode(401);
    withToken(editor).get("/api/event-suggested-tags").then().statusCode(200);
  }

  @Test
  void theSuggestedTagsAreReplacedAsAWholeAndABadOneWritesNothing() {
    asAdmin()
        .body(Map.of("tags", List.of("deploy", "Rollback", "env=Prod", "deploy")))
        .put("/api/event-suggested-tags")
        .then()
        .statusCode(200)
        .body("tags", contains("deploy", "rollback", "env=Prod"));
    given()
        .get("/api/event-suggested-tags")
        .then()
        .body("tags", contains("deploy", "rollback", "env=Prod"));

    asAdmin()
        .body(Map.of("tags", List.of("fine", "not fine")))
        .put("/api/event-suggested-tags")
        .then()
        .statusCode(400)
        .body("fields.tags", containsString("white space"));
    given().get("/api/event-suggested-tags").then().body("tags", not(hasItem("fine")));
  }

  @Test
  void aMandatoryAttributeIsAskedForAndDeletingItLeavesEventsAlone() {
    String key = key();
    asAdmin()
        .body(Map.of("key", key, "label", "Ticket", "mandatory", true))
        .post("/api/event-attributes")
        .then()
        .statusCode(201);
    io.opsroom.platform.InvalidInputException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.opsroom.platform.InvalidInputException.class,
            () ->
                events.create(
                    new EventInput(null, null, "Change without a ticket", null, List.of()),
                    "ada",
                    EventSource.API));
    assertEquals(
        "Ticket is required: add the tag " + key + "=<value>.",
        refused.fieldErrors().get("attributes." + key));
    Event tagged =
        events.create(
            new EventInput(null, null, "Change with a ticket", null, List.of(key + "=T-1")),
            "ada",
            EventSource.API);
    asAdmin().delete("/api/event-attributes/" + key).then().statusCode(204);

    Event read = QuarkusTransaction.requiringNew().call(() -> Event.findById(tagged.id));
    assertEquals(List.of(key + "=T-1"), read.tags);
    assertEquals(Map.of(key, List.of("T-1")), read.attrs);
  }
}

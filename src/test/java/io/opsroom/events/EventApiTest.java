package io.opsroom.events;

import static io.opsroom.events.EventFixtures.word;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsroom.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/events}: search, read, create, replace, delete, and every refusal. */
@QuarkusTest
class EventApiTest {

  String editor;
  Instant base;

  @BeforeEach
  void start() {
    editor = Api.newToken("editor");
    base = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));
  }

  RequestSpecification asEditor() {
    return Api.withToken(editor);
  }

  long post(Map<String, Object> body) {
    return asEditor()
        .body(body)
        .post("/api/events")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** Posts and expects a 400 naming this field, with nothing written. */
  ValidatableResponse refused(Object body, String field) {
    long before = EventFixtures.count();
    ValidatableResponse response =
        asEditor()
            .body(body)
            .post("/api/events")
            .then()
            .statusCode(400)
            .contentType(ContentType.JSON)
            .body("status", equalTo(400))
            .body("fields", hasKey(field));
    assertEquals(before, EventFixtures.count(), "nothing written");
    return response;
  }

  @Test
  void createReadReplaceDelete() {
    String w = word("crud");
    Instant at = base.plus(Duration.ofHours(14)).plusSeconds(300);
    var created =
        asEditor()
            .body(
                Map.of(
                    "time",
                    at.toString(),
                    "endTime",
                    at.plus(Duration.ofMinutes(20)).toString(),
                    "title",
                    "Deployed web 1.4 " + w,
                    "body",
                    "Rolled out with *care*.",
                    "tags",
                    List.of("deploy", "App=web", "server=web01"),
                    "source",
                    "cli"))
            .post("/api/events")
            .then()
            .statusCode(201)
            .contentType(ContentType.JSON)
            .body("time", equalTo(at.toString()))
            .body("endTime", equalTo(at.plus(Duration.ofMinutes(20)).toString()))
            .body("tags", equalTo(List.of("deploy", "app=web", "server=web01")))
            .body("attributes.app", equalTo(List.of("web")))
            .body("attributes.server", equalTo(List.of("web01")))
            .body("source", equalTo("cli"))
            .body("author", startsWith("token:"))
            .extract();
    long id = created.jsonPath().getLong("id");
    assertEquals("/api/events/" + id, java.net.URI.create(created.header("Location")).getPath());

    given()
        .get("/api/events/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo((int) id))
        .body("title", equalTo("Deployed web 1.4 " + w))
        .body("body", equalTo("Rolled out with *care*."))
        .body("url", equalTo("http://opsroom.test/events/" + id))
        .body("createdAt", endsWith("Z"))
        .body("updatedAt", endsWith("Z"));

    // A replacement without a time keeps the event's time; its source stays.
    asEditor()
        .body(Map.of("title", "Deployed web 1.5 " + w, "tags", List.of("deploy", "rollback")))
        .put("/api/events/" + id)
        .then()
        .statusCode(200)
        .body("title", equalTo("Deployed web 1.5 " + w))
        .body("time", equalTo(at.toString()))
        .body("endTime", nullValue())
        .body("tags", equalTo(List.of("deploy", "rollback")))
        .body("attributes", equalTo(Map.of()))
        .body("source", equalTo("cli"));
    asEditor()
        .body(Map.of("title", " ", "time", "tomorrow"))
        .put("/api/events/" + id)
        .then()
        .statusCode(400)
        .body("fields", hasKey("title"))
        .body("fields", hasKey("time"));
    given().get("/api/events/" + id).then().body("title", equalTo("Deployed web 1.5 " + w));

    asEditor().delete("/api/events/" + id).then().statusCode(204);
    given()
        .get("/api/events/" + id)
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("status", equalTo(404));
    asEditor().delete("/api/events/" + id).then().statusCode(404);
    asEditor().body(Map.of("title", "x")).put("/api/events/" + id).then().statusCode(404);
  }

  @Test
  void timesAreReadInEveryDocumentedForm() {
    String w = word("times");
    Instant at = Instant.parse("2026-03-01T14:05:00Z");
    for (Object time :
        List.of(
            "2026-03-01T14:05:00Z",
            "2026-03-01T15:05:00+01:00",
            at.getEpochSecond(),
            String.valueOf(at.getEpochSecond()))) {
      long id = post(Map.of("title", "Times " + w, "time", time));
      given().get("/api/events/" + id).then().body("time", equalTo(at.toString()));
    }
    long dated = post(Map.of("title", "Dated " + w, "time", "2026-03-02"));
    given().get("/api/events/" + dated).then().body("time", equalTo("2026-03-02T00:00:00Z"));
    long now = post(Map.of("title", "Now " + w));
    String time = given().get("/api/events/" + now).then().extract().path("time");
    assertEquals(true, Duration.between(Instant.parse(time), Instant.now()).abs().toMinutes() < 5);
  }

  @Test
  void theListFiltersLikeThePage() {
    String w = word("list");
    long deploy =
        post(
            Map.of(
                "title", "Web deploy " + w,
                "time", base.plus(Duration.ofHours(1)).toString(),
                "tags", List.of("deploy", "app=web")));
    long rollback =
        post(
            Map.of(
                "title",
                "Web rollback " + w,
                "time",
                base.plus(Duration.ofDays(1)).toString(),
                "tags",
                List.of("rollback", "app=web"),
                "source",
                "git"));
    given()
        .queryParam("q", w)
        .get("/api/events")
        .then()
        .statusCode(200)
        .body("count", equalTo(2))
        .body("page", equalTo(1))
        .body("perPage", equalTo(50))
        .body("items.id", equalTo(List.of((int) rollback, (int) deploy)))
        .body("$", not(hasKey("notice")));
    given()
        .queryParam("q", w + " -rollback")
        .get("/api/events")
        .then()
        .body("items.id", equalTo(List.of((int) deploy)));
    given()
        .queryParam("q", w)
        .queryParam("tags", "deploy,app=web")
        .get("/api/events")
        .then()
        .body("items.id", equalTo(List.of((int) deploy)));
    given()
        .queryParam("q", w)
        .queryParam("source", "git")
        .get("/api/events")
        .then()
        .body("items.id", equalTo(List.of((int) rollback)));
    String day = LocalDate.ofInstant(base.plus(Duration.ofDays(1)), ZoneOffset.UTC).toString();
    given()
        .queryParam("q", w)
        .queryParam("from", day)
        .get("/api/events")
        .then()
        .body("items.id", equalTo(List.of((int) rollback)));
    given()
        .queryParam("q", w)
        .queryParam("until", day)
        .get("/api/events")
        .then()
        .body("items.id", equalTo(List.of((int) deploy)));
    given()
        .queryParam("q", w)
        .queryParam("from", base.getEpochSecond())
        .queryParam("until", base.plus(Duration.ofHours(2)).toString())
        .get("/api/events")
        .then()
        .body("items.id", equalTo(List.of((int) deploy)));
    given()
        .queryParam("q", w)
        .queryParam("perPage", "1")
        .queryParam("page", "2")
        .get("/api/events")
        .then()
        .body("count", equalTo(2))
        .body("perPage", equalTo(1))
        .body("items.id", equalTo(List.of((int) deploy)));
    given()
        .queryParam("q", "!!!")
        .queryParam("tags", "app=web")
        .queryParam("source", "git")
        .get("/api/events")
        .then()
        .statusCode(200)
        .body("notice", startsWith("No searchable words in"));
  }

  @Test
  void badFiltersAreRefusedByName() {
    Map<String, String> bad = new HashMap<>();
    bad.put("from", "yesterday");
    bad.put("until", "2026-13-45");
    bad.put("source", "mars");
    bad.put("page", "0");
    bad.put("perPage", "501");
    bad.forEach(
        (field, value) ->
            given()
                .queryParam(field, value)
                .get("/api/events")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("fields", hasKey(field)));
    given()
        .queryParam("from", "2026-03-02")
        .queryParam("until", "2026-03-01")
        .get("/api/events")
        .then()
        .statusCode(400)
        .body("fields", hasKey("until"));
    for (String q : List.of("'; drop table event; --", "a & | !(", "\"unclosed", "!!!", ":*")) {
      given().queryParam("q", q).get("/api/events").then().statusCode(200);
    }
  }

  @Test
  void badEventsAreRefusedAndNothingIsWritten() {
    refused(Map.of("body", "no title"), "title")
        .body("fields.title", containsString("needs a title"));
    refused(Map.of("title", "When?", "time", "yesterday"), "time")
        .body("fields.time", containsString("yesterday"));
    refused(Map.of("title", "When?", "time", "2026-13-45"), "time");
    refused(Map.of("title", "When?", "endTime", "soon"), "endTime");
    refused(Map.of("title", "When?", "time", List.of(1, 2)), "time");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      many.add("t" + i);
    }
    refused(Map.of("title", "Many tags", "tags", many), "tags")
        .body("fields.tags", containsString("2000"));
    refused(Map.of("title", "Spaced", "tags", List.of("two words")), "tags")
        .body("fields.tags", containsString("white space"));
    refused(Map.of("title", "Huge", "body", "x".repeat(5 * 1024 * 1024)), "body");
    refused(Map.of("title", "From where?", "source", "alert"), "source");
    refused(Map.of("title", "From where?", "source", "mars"), "source");
    // Every problem at once.
    refused(Map.of("time", "yesterday", "tags", List.of("a b")), "title")
        .body("fields", hasKey("time"))
        .body("fields", hasKey("tags"));

    long before = EventFixtures.count();
    asEditor()
        .body("{\"title\": \"broken")
        .post("/api/events")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("status", equalTo(400))
        .body("message", containsString("line 1"));
    asEditor()
        .body("[1, 2]")
        .post("/api/events")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON);
    Api.withToken(Api.newToken("viewer"))
        .body(Map.of("title", "Viewer"))
        .post("/api/events")
        .then()
        .statusCode(403)
        .contentType(ContentType.JSON);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("title", "Anonymous"))
        .post("/api/events")
        .then()
        .statusCode(401)
        .contentType(ContentType.JSON);
    given().delete("/api/events/1").then().statusCode(401);
    assertEquals(before, EventFixtures.count(), "nothing written");
  }

  @Test
  void anUnknownChoiceOfAnExtraAttributeIsRefused() {
    String key = word("env");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              EventAttribute attribute = new EventAttribute();
              attribute.key = key;
              attribute.label = "Environment";
              attribute.choices = List.of("production", "staging");
              attribute.persist();
            });
    try {
      refused(Map.of("title", "Where?", "tags", List.of(key + "=moon")), "attributes." + key)
          .body("fields.'attributes." + key + "'", containsString("moon"));
      long id = post(Map.of("title", "Where?", "tags", List.of(key + "=staging")));
      given()
          .get("/api/events/" + id)
          .then()
          .body("attributes." + key, equalTo(List.of("staging")));
    } finally {
      QuarkusTransaction.requiringNew().run(() -> EventAttribute.deleteById(key));
    }
  }
}

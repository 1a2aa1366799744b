package io.opsroom.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsroom.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/outages}: declare and record steps with a token, refusals as JSON, lists, reads. */
@QuarkusTest
class OutageApiTest {

  @Inject EventService events;

  Instant now;
  String editor;

  @BeforeEach
  void start() {
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    editor = Api.newToken("editor");
  }

  RequestSpecification asEditor() {
    return Api.withToken(editor);
  }

  static long rows() {
    return QuarkusTransaction.requiringNew().call(() -> Outage.count() * 1_000_000 + Event.count());
  }

  Map<String, Object> declaration(String key) {
    Map<String, Object> body = new HashMap<>();
    body.put("key", key);
    body.put("title", "Search is slow " + key);
    body.put("start", now.minus(Duration.ofHours(2)).toString());
    body.put("impact", 60);
    return body;
  }

  @Test
  void declareAndRunAnOutage() {
    String key = Api.unique("api");
    Instant start = now.minus(Duration.ofHours(2));
    asEditor()
        .body(declaration(key))
        .post("/api/outages")
        .then()
        .statusCode(201)
        .header("Location", endsWith("/api/outages/" + key))
        .body("outage.key", equalTo(key))
        .body("outage.state", equalTo("open"))
        .body("outage.start", equalTo(start.toString()))
        .body("outage.impact", equalTo(60))
        .body("outage.ttrSeconds", nullValue())
        .body("timeline[0].kind", equalTo("start"))
        .body("timeline[0].tags", hasItem("impact=60"));

    // The same key again: 409, nothing written.
    long before = rows();
    asEditor()
        .body(declaration(key))
        .post("/api/outages")
        .then()
        .statusCode(409)
        .body("fields", hasKey("key"));
    assertEquals(before, rows());

    // Resolved before the start: 400 naming the field, nothing written.
    asEditor()
        .body(Map.of("time", start.minus(Duration.ofMinutes(1)).toString()))
        .post("/api/outages/" + key + "/resolved")
        .then()
        .statusCode(400)
        .body("status", equalTo(400))
        .body("fields.time", containsString("before the outage's start"));
    assertEquals(before, rows());

    asEditor()
        .body(Map.of("time", start.plus(Duration.ofMinutes(12)).toString()))
        .post("/api/outages/" + key + "/detected")
        .then()
        .statusCode(200)
        .body("outage.ttdSeconds", equalTo(720));
    asEditor()
        .body(Map.of())
        .post("/api/outages/" + key + "/detected")
        .then()
        .statusCode(409)
        .body("fields", hasKey("time"));
    asEditor()
        .body(Map.of("time", start.plus(Duration.ofMinutes(30)).toString(), "impact", "abc"))
        .post("/api/outages/" + key + "/impact")
        .then()
        .statusCode(400)
        .body("fields.impact", containsString("abc"));
    asEditor()
        .body(Map.of("time", start.plus(Duration.ofMinutes(30)).toString(), "impact", 20))
        .post("/api/outages/" + key + "/impact")
        .then()
        .statusCode(200)
        .body("outage.impact", equalTo(20))
        .body("outage.peakImpact", equalTo(60));
    asEditor()
        .body(Map.of("note", "Rebuilt the index\n\nIt took an hour."))
        .post("/api/outages/" + key + "/notes")
        .then()
        .statusCode(200)
        .body("timeline.kind", hasItem("note"));
    asEditor()
        .body(Map.of("time", start.plus(Duration.ofHours(1)).toString()))
        .post("/api/outages/" + key + "/resolved")
        .then()
        .statusCode(200)
        .body("outage.state", equalTo("resolved"))
        .body("outage.ttrSeconds", equalTo(3600))
        // 30 min at 60 % + 30 min at 20 % = 1,080 + 360 s.
        .body("outage.weightedDowntimeSeconds", equalTo(1440));
    asEditor().body(Map.of()).post("/api/outages/" + key + "/resolved").then().statusCode(409);

    asEditor()
        .body(Map.of("postmortemUrl", "javascript:alert(1)"))
        .patch("/api/outages/" + key)
        .then()
        .statusCode(400)
        .body("fields", hasKey("postmortemUrl"));
    asEditor()
        .body(Map.of("postmortemUrl", "https://wiki.example.org/pm/9", "title", "Search was slow"))
        .patch("/api/outages/" + key)
        .then()
        .statusCode(200)
        .body("outage.postmortemUrl", equalTo("https://wiki.example.org/pm/9"))
        .body("outage.title", equalTo("Search was slow"));

    given()
        .get("/api/outages/" + key)
        .then()
        .statusCode(200)
        .body("outage.state", equalTo("resolved"))
        .body("outage.warnings.size()", equalTo(0))
        .body("timeline.kind", hasItem("resolved"));
  }

  @Test
  void badDeclarationsAreRefusedAsJson() {
    long before = rows();
    Map<String, Object> body = declaration("Bad Key");
    asEditor().body(body).post("/api/outages").then().statusCode(400).body("fields", hasKey("key"));
    body = declaration(Api.unique("api"));
    body.put("impact", "abc");
    asEditor()
        .body(body)
        .post("/api/outages")
        .then()
        .statusCode(400)
        .body("fields", hasKey("impact"));
    body.put("impact", -5);
    asEditor()
        .body(body)
        .post("/api/outages")
        .then()
        .statusCode(400)
        .body("fields", hasKey("impact"));
    body.put("impact", 12.5);
    asEditor()
        .body(body)
        .post("/api/outages")
        .then()
        .statusCode(400)
        .body("fields", hasKey("impact"));
    body.put("impact", 50);
    body.put("start", "yesterday");
    asEditor()
        .body(body)
        .post("/api/outages")
        .then()
        .statusCode(400)
        .body("fields", hasKey("start"));
    asEditor()
        .contentType(ContentType.JSON)
        .body("{\"title\": ")
        .post("/api/outages")
        .then()
        .statusCode(400);
    assertEquals(before, rows(), "nothing half-written");
  }

  @Test
  void writesNeedAnEditor() {
    String key = Api.unique("api");
    given()
        .contentType(ContentType.JSON)
        .body(declaration(key))
        .post("/api/outages")
        .then()
        .statusCode(401);
    Api.withToken(Api.newToken("viewer"))
        .body(declaration(key))
        .post("/api/outages")
        .then()
        .statusCode(403);
  }

  @Test
  void unknownAndMalformedKeys() {
    given().get("/api/outages/" + Api.unique("nope")).then().statusCode(404);
    given().get("/api/outages/Bad_Key").then().statusCode(400).body("fields", hasKey("key"));
    asEditor()
        .body(Map.of())
        .post("/api/outages/" + Api.unique("nope") + "/resolved")
        .then()
        .statusCode(404);
  }

  @Test
  void listsByStateWithPaging() {
    String open = Api.unique("api");
    String closed = Api.unique("api");
    asEditor().body(declaration(open)).post("/api/outages").then().statusCode(201);
    asEditor().body(declaration(closed)).post("/api/outages").then().statusCode(201);
    asEditor().body(Map.of()).post("/api/outages/" + closed + "/resolved").then().statusCode(200);
    given()
        .get("/api/outages?state=open&perPage=500")
        .then()
        .statusCode(200)
        .body("items.key", hasItem(open))
        .body("items.key", not(hasItem(closed)))
        .body("perPage", equalTo(500))
        .body("page", equalTo(1));
    given()
        .get("/api/outages?state=resolved&perPage=500")
        .then()
        .statusCode(200)
        .body("items.key", hasItem(closed))
        .body("items.key", not(hasItem(open)));
    given()
        .get("/api/outages?perPage=1&page=2")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("perPage", equalTo(1));
    given().get("/api/outages?state=closed").then().statusCode(400).body("fields", hasKey("state"));
    given().get("/api/outages?perPage=0").then().statusCode(400).body("fields", hasKey("perPage"));
  }

  @Test
  void inconsistentEventsFromScriptsShowAsWarnings() {
    String key = Api.unique("api");
    Instant start = now.minus(Duration.ofHours(1));
    events.create(
        new EventInput(start, null, "DNS down", null, List.of("outage=" + key, "start")),
        "cron",
        EventSource.GRAPHITE);
    events.create(
        new EventInput(
            start.plus(Duration.ofMinutes(5)),
            null,
            "DNS down again",
            null,
            List.of("outage=" + key, "start")),
        "cron",
        EventSource.GRAPHITE);
    given()
        .get("/api/outages/" + key)
        .then()
        .statusCode(200)
        .body("outage.title", equalTo("DNS down"))
        .body("outage.start", equalTo(start.toString()))
        .body("outage.warnings[0]", containsString("2 start events"))
        .body("timeline.counted", equalTo(List.of(true, false)));
  }
}

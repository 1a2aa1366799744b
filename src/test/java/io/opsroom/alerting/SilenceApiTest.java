package io.opsroom.alerting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.MutableClock;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Silences over JSON, and what they do to the grid, the alert pages, {@code /api/alerts} and the
 * bean the evaluation cycle asks.
 */
@QuarkusTest
@TestProfile(SilenceFixtures.Alerts.class)
class SilenceApiTest {

  @Inject MutableClock clock;
  @Inject Silences silences;
  @Inject SessionFactory sessionFactory;

  Instant now;
  String editorToken;

  @BeforeEach
  void start() {
    now = SilenceFixtures.reset(clock);
    editorToken = Api.newToken("editor");
  }

  @AfterEach
  void stop() {
    clock.reset();
  }

  Map<String, Object> body(List<Map<String, String>> matchers) {
    Map<String, Object> body = new HashMap<>();
    body.put("matchers", matchers);
    body.put("endsAt", now.plus(Duration.ofHours(2)).toString());
    body.put("comment", "Kernel upgrade on web1");
    return body;
  }

  static Map<String, String> matcher(String label, String op, String value) {
    return Map.of("label", label, "op", op, "value", value);
  }

  long create(Map<String, Object> body) {
    return Api.withToken(editorToken)
        .body(body)
        .post("/api/silences")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  @Test
  void aSilenceIsCreatedReadAndListedWithTheAlertsItCovers() {
    var created =
        Api.withToken(editorToken)
            .body(body(List.of(matcher("server", "=", "web1"))))
            .post("/api/silences")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/silences/"))
            .body("matchers[0].label", equalTo("server"))
            .body("matchers[0].op", equalTo("="))
            .body("matchers[0].value", equalTo("web1"))
            .body("startsAt", equalTo(now.toString()))
            .body("endsAt", equalTo(now.plus(Duration.ofHours(2)).toString()))
            .body("weekly", nullValue())
            .body("author", startsWith("token:"))
            .body("comment", equalTo("Kernel upgrade on web1"))
            .body("createdAt", equalTo(now.toString()))
            .body("state", equalTo("active"))
            .body("matchingAlerts", equalTo(List.of("disk-web1", "load-web1")))
            .extract()
            .jsonPath();
    long id = created.getLong("id");
    given().get("/api/silences/" + id).then().statusCode(200).body("id", equalTo((int) id));
    given()
        .get("/api/silences?state=active")
        .then()
        .statusCode(200)
        .body("count", equalTo(1))
        .body("items[0].id", equalTo((int) id));
    given().get("/api/silences?state=pending").then().body("count", equalTo(0));
    given().get("/api/silences").then().body("count", equalTo(1)).body("perPage", equalTo(50));
    given()
        .get("/api/silences?state=sleeping")
        .then()
        .statusCode(400)
        .body("fields.state", containsString("active, pending, waiting or expired"));
    given().get("/api/silences/999999").then().statusCode(404);

    // A weekly window, written in the API's shape.
    Map<String, Object> weekly = body(List.of(matcher("alert", "=", "disk-db1")));
    weekly.put("endsAt", now.plus(Duration.ofDays(60)).toString());
    weekly.put(
        "weekly",
        Map.of(
            "days", List.of("SAT", "monday"),
            "start", "23:00",
            "end", "2:00",
            "timeZone", "Europe/Berlin"));
    long weeklyId = create(weekly);
    given()
        .get("/api/silences/" + weeklyId)
        .then()
        .body("weekly.days", equalTo(List.of("MON", "SAT")))
        .body("weekly.start", equalTo("23:00"))
        .body("weekly.end", equalTo("02:00"))
        .body("weekly.timeZone", equalTo("Europe/Berlin"));
  }

  /** One bad body: the field the 400 names and part of its message. */
  record Bad(String field, String message, Map<String, Object> change) {}

  @Test
  void everyBadInputIsA400WithTheFieldAndNothingIsWritten() {
    List<Bad> cases =
        List.of(
            new Bad(
                "endsAt",
                "The end must be after the start.",
                Map.of("startsAt", now.toString(), "endsAt", now.toString())),
            new Bad(
                "endsAt",
                "The end must be after the start.",
                Map.of("endsAt", now.minus(Duration.ofMinutes(1)).toString())),
            new Bad(
                "endsAt",
                "This period has ended already",
                Map.of(
                    "startsAt",
                    now.minus(Duration.ofDays(2)).toString(),
                    "endsAt",
                    now.minus(Duration.ofDays(1)).toString())),
            new Bad("endsAt", "Give the end", Map.of("endsAt", "")),
            new Bad(
                "matchers[0]",
                "does not compile: Unclosed group",
                Map.of("matchers", List.of(matcher("server", "=~", "(web")))),
            new Bad(
                "matchers[1]",
                "Unknown matcher operator ==",
                Map.of(
                    "matchers",
                    List.of(matcher("server", "=", "web1"), matcher("team", "==", "web")))),
            new Bad(
                "matchers[0]",
                "A label name is a letter",
                Map.of("matchers", List.of(matcher("1abc", "=", "x")))),
            new Bad("matchers", "Add at least one matcher", Map.of("matchers", List.of())),
            new Bad("comment", "Say why", Map.of("comment", "")),
            new Bad("comment", "under 2000 characters", Map.of("comment", "x".repeat(2001))),
            new Bad(
                "weekly.days",
                "Unknown day FUNDAY",
                Map.of(
                    "weekly",
                    Map.of("days", List.of("MON", "FUNDAY"), "start", "02:00", "end", "04:00"))),
            new Bad(
                "weekly.end",
                "must end at another time than it starts",
                Map.of("weekly", Map.of("days", List.of("MON"), "start", "02:00", "end", "2:00"))),
            new Bad(
                "weekly.start",
                "write HH:MM",
                Map.of("weekly", Map.of("days", List.of("MON"), "start", "2am", "end", "04:00"))),
            new Bad(
                "weekly.timeZone",
                "Unknown time zone Mars/Base",
                Map.of(
                    "weekly",
                    Map.of(
                        "days", List.of("MON"),
                        "start", "02:00",
                        "end", "04:00",
                        "timeZone", "Mars/Base"))),
            new Bad(
                "weekly.days",
                "No weekly window falls inside the period",
                Map.of(
                    "endsAt",
                    now.plus(Duration.ofHours(1)).toString(),
                    "weekly",
                    Map.of(
                        "days",
                        List.of(
                            java.time.DayOfWeek.from(
                                    now.plus(Duration.ofDays(3)).atZone(ZoneOffset.UTC))
                                .name()),
                        "start",
                        "02:00",
                        "end",
                        "03:00",
                        "timeZone",
                        "UTC"))));
    for (Bad bad : cases) {
      Map<String, Object> body = body(List.of(matcher("alert", "=", "disk-web1")));
      body.putAll(bad.change());
      if ("".equals(body.get("endsAt"))) {
        body.remove("endsAt");
      }
      Api.withToken(editorToken)
          .body(body)
          .post("/api/silences")
          .then()
          .statusCode(400)
          .body("status", equalTo(400))
          .body("error", equalTo("Bad Request"))
          .body("fields.'" + bad.field() + "'", containsString(bad.message()));
      assertEquals(0, SilenceFixtures.count("silence"), bad.toString());
      assertEquals(0, SilenceFixtures.count("alert_activity"), bad.toString());
    }
    // All problems at once.
    Api.withToken(editorToken)
        .body(Map.of("matchers", List.of()))
        .post("/api/silences")
        .then()
        .statusCode(400)
        .body("message", equalTo("The input has 3 problems."))
        .body("fields.keySet()", equalTo(java.util.Set.of("matchers", "endsAt", "comment")));
    Api.withToken(editorToken)
        .body(Map.of("endsAt", "tomorrow"))
        .post("/api/silences")
        .then()
        .statusCode(400)
        .body("fields.endsAt", containsString("Not a valid Instant"));
  }

  @Test
  void theOpenApiDocumentHasTheSilencesApiButNotThePages() {
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths", org.hamcrest.Matchers.hasKey("/api/silences"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/silences/{id}/expire"))
        .body("paths", org.hamcrest.Matchers.hasKey("/api/alerts/{id}/acknowledge"))
        .body("paths", not(org.hamcrest.Matchers.hasKey("/silences")))
        .body("paths", not(org.hamcrest.Matchers.hasKey("/silences/new")))
        .body("paths", not(org.hamcrest.Matchers.hasKey("/alerts/{id}/ack")));
  }

  @Test
  void onlyEditorsWriteSilences() {
    Map<String, Object> body = body(List.of(matcher("alert", "=", "disk-web1")));
    Api.withToken(Api.newToken("viewer")).body(body).post("/api/silences").then().statusCode(403);
    given().contentType("application/json").body(body).post("/api/silences").then().statusCode(401);
    long id = create(body);
    Api.withToken(Api.newToken("viewer"))
        .post("/api/silences/" + id + "/expire")
        .then()
        .statusCode(403);
    assertEquals(1, SilenceFixtures.count("silence"));
  }

  @Test
  void expireNowEndsItOnceAndItIsListedAsExpired() {
    long id = create(body(List.of(matcher("alert", "=", "disk-web1"))));
    clock.advance(Duration.ofMinutes(5));
    Api.withToken(editorToken)
        .post("/api/silences/" + id + "/expire")
        .then()
        .statusCode(200)
        .body("state", equalTo("expired"))
        .body("endsAt", equalTo(now.plus(Duration.ofMinutes(5)).toString()));
    Api.withToken(editorToken)
        .post("/api/silences/" + id + "/expire")
        .then()
        .statusCode(409)
        .body("fields.endsAt", containsString("ended at"));
    given()
        .get("/api/silences?state=expired")
        .then()
        .body("count", equalTo(1))
        .body("items[0].id", equalTo((int) id));
    given().get("/api/silences?state=active").then().body("count", equalTo(0));
  }

  @Test
  void theGridTheAlertPageAndTheApiShowWhatIsSilenced() {
    SilenceFixtures.level("disk-web1", Level.CRITICAL, now, "tok");
    given().get("/api/alerts/disk-web1").then().body("silenced", equalTo(false));
    long id = create(body(List.of(matcher("alert", "=~", "disk-web.*"))));

    given()
        .get("/api/alerts/disk-web1")
        .then()
        .body("silenced", equalTo(true))
        .body("silencedBy", equalTo((int) id));
    var all = given().get("/api/alerts").then().statusCode(200).extract().jsonPath();
    assertEquals(true, all.get("find { it.id == 'disk-web2' }.silenced"));
    assertEquals(false, all.get("find { it.id == 'load-web1' }.silenced"));
    assertEquals(false, all.get("find { it.id == 'disk-db1' }.silenced"));

    String grid = WebSession.anonymous().get("/").then().statusCode(200).extract().asString();
    assertTrue(grid.contains("level-critical silenced\" data-alert=\"disk-web1\""), grid);
    assertFalse(grid.contains("silenced\" data-alert=\"load-web1\""));
    WebSession.anonymous()
        .get("/alerts/disk-web1")
        .then()
        .body(containsString("Silenced by <a href=\"/silences/" + id + "\">#" + id + "</a> until"))
        .body(containsString("Kernel upgrade on web1"));
    WebSession.anonymous().get("/alerts/load-web1").then().body(not(containsString("Silenced by")));

    // Ended, it silences nothing.
    Api.withToken(editorToken).post("/api/silences/" + id + "/expire").then().statusCode(200);
    given().get("/api/alerts/disk-web1").then().body("silenced", equalTo(false));
    given().get("/api/alerts/disk-web1").then().body("silencedBy", nullValue());
  }

  @Test
  void theCycleAsksOnceForTheSilencesInForceAndPendingOrWaitingOnesDoNotCount() {
    // A pending silence on web1, and a weekly one on db1 whose window is around now.
    Map<String, Object> pending = body(List.of(matcher("server", "=", "web1")));
    pending.put("startsAt", now.plus(Duration.ofHours(1)).toString());
    long pendingId = create(pending);
    Map<String, Object> weekly = body(List.of(matcher("team", "=", "db")));
    weekly.put("endsAt", now.plus(Duration.ofDays(30)).toString());
    var from = now.minus(Duration.ofHours(1)).atZone(ZoneOffset.UTC);
    var to = now.plus(Duration.ofHours(1)).atZone(ZoneOffset.UTC);
    weekly.put(
        "weekly",
        Map.of(
            "days", List.of(from.getDayOfWeek().name()),
            "start", from.toLocalTime().toString().substring(0, 5),
            "end", to.toLocalTime().toString().substring(0, 5),
            "timeZone", "UTC"));
    long weeklyId = create(weekly);

    var statistics = sessionFactory.getStatistics();
    statistics.clear();
    Silences.Active active = silences.active(now);
    assertEquals(1, statistics.getPrepareStatementCount(), "one query");

    Map<String, String> db1 = Map.of("alert", "disk-db1", "team", "db", "server", "db1");
    Map<String, String> web1 = Map.of("alert", "disk-web1", "team", "web", "server", "web1");
    assertEquals(java.util.Optional.of(weeklyId), active.silencedBy(db1));
    assertFalse(active.silences(web1), "pending");
    assertEquals(0, statistics.getPrepareStatementCount() - 1, "asking costs no query");

    // Two hours on: web1's silence is in force, db1's window is over until next week.
    Instant later = now.plus(Duration.ofHours(2)).minusSeconds(1);
    assertEquals(java.util.Optional.of(pendingId), silences.active(later).silencedBy(web1));
    assertFalse(silences.active(later).silences(db1), "waiting");
    clock.set(later);
    given()
        .get("/api/silences/" + weeklyId)
        .then()
        .body("state", equalTo("waiting"))
        .body("matchingAlerts", hasItem("disk-db1"));
    given().get("/api/silences?state=waiting").then().body("count", equalTo(1));
  }
}

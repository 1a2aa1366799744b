package io.opsroom.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.MutableClock;
import io.opsroom.testing.WebSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * graphite-web's events API on Opsroom: {@code POST /events/} as scripts send it (JSON, often
 * labelled as a form by {@code curl -d}), who may post, what is refused, and {@code GET
 * /events/get_data} as Grafana reads it.
 */
@QuarkusTest
class GraphiteEventsApiTest {

  private static String editor;
  private static String viewer;

  @Inject MutableClock clock;
  @Inject EventService events;

  /** Tokens are made once the application runs (RestAssured knows its port only then). */
  @BeforeEach
  void tokens() {
    if (editor == null) {
      editor = Api.newToken("editor");
      viewer = Api.newToken("viewer");
    }
  }

  @AfterEach
  void realTime() {
    clock.reset();
  }

  private static RequestSpecification asEditor() {
    return given().header("Authorization", "Bearer " + editor);
  }

  private static Event stored(long id) {
    return QuarkusTransaction.requiringNew().call(() -> Event.<Event>findById(id));
  }

  private static long countTagged(String tag) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        Event.getEntityManager()
                            .createNativeQuery("select count(*) from event where ?1 = any(tags)")
                            .setParameter(1, tag)
                            .getSingleResult())
                    .longValue());
  }

  @Test
  void aJsonPostBecomesAnEventFromGraphite() {
    String tag = Api.unique("gw").toLowerCase();
    long id =
        asEditor()
            .contentType("application/json")
            .body(
                "{\"what\": \"Deployed web 1.4\", \"tags\": [\""
                    + tag
                    + "\", \"deploy\", \"App=web\"], \"when\": 1760000000.25,"
                    + " \"data\": \"Rolled out by *CI*.\\nSecond line: ü\"}")
            .post("/events/")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/json"))
            .body("url", startsWith("http://opsroom.test/events/"))
            .extract()
            .jsonPath()
            .getLong("id");
    Event event = stored(id);
    assertEquals("Deployed web 1.4", event.title);
    assertEquals("Rolled out by *CI*.\nSecond line: ü", event.body);
    assertEquals(List.of(tag, "deploy", "app=web"), event.tags);
    assertEquals(Instant.parse("2025-10-09T08:53:20.250Z"), event.at);
    assertEquals("graphite", event.source);
    assertTrue(event.author.startsWith("token:"), event.author);
  }

  @Test
  void curlsFormLabelAPlainTextLabelAndNoLabelAreAllReadAsJson() {
    String tag = Api.unique("label").toLowerCase();
    String body = "{\"what\": \"labelled\", \"tags\": \"" + tag + " deploy\"}";
    // curl -X POST http://host/events/ -d '{...}' sends exactly this, with no CSRF token.
    asEditor()
        .contentType("application/x-www-form-urlencoded")
        .body(body)
        .post("/events/")
        .then()
        .statusCode(200);
    asEditor().contentType("text/plain").body(body).post("/events").then().statusCode(200);
    asEditor().body(body.getBytes(StandardCharsets.UTF_8)).post("/events/").then().statusCode(200);
    assertEquals(3, countTagged(tag));
  }

  @Test
  void stringTagsAreSplitOnWhiteSpaceAndAMissingWhenIsNow() {
    Instant now = Instant.parse("2026-05-04T10:11:12.123456Z");
    clock.set(now);
    String tag = Api.unique("split").toLowerCase();
    long id =
        asEditor()
            .contentType("application/json")
            .body("{\"what\": \"split\", \"tags\": \"  " + tag + "   deploy\\tapp=web \"}")
            .post("/events/")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("id");
    Event event = stored(id);
    assertEquals(List.of(tag, "deploy", "app=web"), event.tags);
    assertEquals(now, event.at);
    assertEquals("", event.body);
  }

  @Test
  void badBodiesAreRefusedFieldByFieldAndNothingIsWritten() {
    String tag = Api.unique("bad").toLowerCase();
    Map<String, String> refusals =
        Map.of(
            "{\"tags\": [\"" + tag + "\"]}",
            "what",
            "{\"what\": \"x\", \"tags\": [\"" + tag + "\"], \"when\": \"yesterday\"}",
            "when",
            "{\"what\": \"x\", \"tags\": [\"" + tag + "\", \"two words\"]}",
            "tags",
            "{\"what\": \"x\", \"tags\": 5}",
            "tags",
            "{\"what\": 7, \"tags\": [\"" + tag + "\"]}",
            "what",
            "{\"what\": \"x\", \"tags\": [\"" + tag + "\"], \"when\": 1760000000000}",
            "when",
            "{\"what\": \"x\", \"tags\": [\"" + tag + "\"], \"data\": {\"a\": 1}}",
            "data",
            "[{\"what\": \"x\"}]",
            "body",
            "what=x&tags=" + tag,
            "body",
            "",
            "body");
    refusals.forEach(
        (body, field) ->
            asEditor()
                .contentType("application/x-www-form-urlencoded")
                .body(body)
                .post("/events/")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/json"))
                .body("status", equalTo(400))
                .body("fields", hasKey(field)));
    asEditor()
        .contentType("application/json")
        .body("{\"what\": \"x\", \"tags\": 5}")
        .post("/events/")
        .then()
        .body("fields.tags", equalTo("\"tags\" must be an array or space-separated string"));
    StringBuilder many = new StringBuilder("[\"" + tag + "\"");
    for (int i = 0; i < 2000; i++) {
      many.append(",\"t").append(i).append('"');
    }
    asEditor()
        .contentType("application/json")
        .body("{\"what\": \"many\", \"tags\": " + many + "]}")
        .post("/events/")
        .then()
        .statusCode(400)
        .body("fields.tags", containsString("At most 100 tags"));
    asEditor()
        .contentType("application/json")
        .body("{\"what\": \"" + "w".repeat(600) + "\", \"tags\": [\"" + tag + "\"]}")
        .post("/events/")
        .then()
        .statusCode(400)
        .body("fields.what", containsString("at most 500"));
    assertEquals(0, countTagged(tag));
  }

  @Test
  void writesNeedAnEditorTokenAsBearerOrAsTheBasicPassword() {
    String tag = Api.unique("auth").toLowerCase();
    String body = "{\"what\": \"auth\", \"tags\": [\"" + tag + "\"]}";
    given()
        .body(body)
        .post("/events/")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/json"))
        .body("message", containsString("API token"));
    given()
        .header("Authorization", "Bearer " + viewer)
        .body(body)
        .post("/events/")
        .then()
        .statusCode(403)
        .body("message", containsString("editor"));
    given()
        .header("Authorization", "Bearer not-a-token")
        .body(body)
        .post("/events/")
        .then()
        .statusCode(401);
    // curl -u graphite:<token>, as scripts written for a password-protected graphite-web do.
    given()
        .auth()
        .preemptive()
        .basic("graphite", editor)
        .body(body)
        .post("/events/")
        .then()
        .statusCode(200);
    given()
        .auth()
        .preemptive()
        .basic("graphite", "wrong")
        .body(body)
        .post("/events/")
        .then()
        .statusCode(401);
    given()
        .header(
            "Authorization", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()))
        .body(body)
        .post("/events/")
        .then()
        .statusCode(401);
    // Basic is for the Graphite-compatible paths only; the API keeps to bearer tokens.
    given().auth().preemptive().basic("x", editor).get("/api/me").then().statusCode(401);
    assertEquals(1, countTagged(tag));
  }

  @Test
  void aBrowserSessionAndAnotherSitesPageCannotPost() {
    String tag = Api.unique("csrf").toLowerCase();
    String body = "{\"what\": \"forged\", \"tags\": [\"" + tag + "\"]}";
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    // A page elsewhere can make the browser post this (enctype text/plain or a form) with the
    // session cookie, but no CSRF token: the receiver takes no sessions, so it is refused.
    admin
        .request()
        .contentType("application/x-www-form-urlencoded")
        .body(body)
        .post("/events/")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/json"))
        .body("message", containsString("not a browser session"));
    admin.request().contentType("text/plain").body(body).post("/events").then().statusCode(403);
    asEditor()
        .header("Origin", "https://evil.example")
        .body(body)
        .post("/events/")
        .then()
        .statusCode(403)
        .body("message", containsString("other sites"));
    asEditor().header("Origin", "null").body(body).post("/events/").then().statusCode(403);
    assertEquals(0, countTagged(tag));
    // The same host's own origin is no other site.
    asEditor()
        .header("Origin", "http://localhost:" + io.restassured.RestAssured.port)
        .body(body)
        .post("/events/")
        .then()
        .statusCode(200);
  }

  @Test
  void otherFormsUnderEventsKeepTheirCsrfProtection() {
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    admin
        .postFormWithoutToken("/events/same-path-probe-form", Map.of("title", "x"))
        .then()
        .statusCode(403);
    admin
        .postForm("/events/same-path-probe-form", Map.of("title", "x"))
        .then()
        .statusCode(200)
        .body(equalTo("form x"));
    // So does the login form, the first form of every session.
    WebSession.anonymous()
        .postFormWithoutToken("/login", Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
        .then()
        .statusCode(403);
  }

  @Test
  void twoResourceClassesShareEventsAndATemplateDoesNotTakeGetData() {
    given()
        .get("/events/same-path-probe-7")
        .then()
        .statusCode(200)
        .body(equalTo("probe same-path-probe-7"));
    given()
        .get("/events/get_data?from=-1min")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/json"));
    given().put("/events").then().statusCode(200).body(equalTo("put on the list"));
    given().put("/events/").then().statusCode(200).body(equalTo("put on the list"));
    asEditor()
        .body("{\"what\": \"same path, other method\"}")
        .post("/events")
        .then()
        .statusCode(200);
  }

  @Test
  void getDataAnswersGraphiteWebsShapeOldestFirstWithEverySource() {
    String tag = Api.unique("gd").toLowerCase();
    long late = post("late", List.of(tag, "deploy"), 1_760_000_300, "data 2");
    long early = post("early", List.of(tag), 1_760_000_100.9, "");
    Event fromTheForm =
        events.create(
            new EventInput(
                Instant.ofEpochSecond(1_760_000_200),
                null,
                "from the form",
                "body",
                List.of(tag, "deploy")),
            "alice",
            EventSource.WEB);
    JsonPath json =
        given()
            .get("/events/get_data?from=1760000000&until=1760000400&tags=" + tag)
            .then()
            .statusCode(200)
            .contentType(startsWith("application/json"))
            .extract()
            .jsonPath();
    assertEquals(List.of(early, fromTheForm.id, late), json.getList("id", Long.class));
    assertEquals(
        List.of(1_760_000_100, 1_760_000_200, 1_760_000_300), json.getList("when", Integer.class));
    assertEquals(List.of("early", "from the form", "late"), json.getList("what"));
    assertEquals(List.of("", "body", "data 2"), json.getList("data"));
    assertEquals(List.of(tag, "deploy"), json.getList("tags[2]"));
    String raw =
        given().get("/events/get_data?from=1760000000&until=1760000150&tags=" + tag).asString();
    assertEquals(
        "[{\"when\":1760000100,\"what\":\"early\",\"data\":\"\",\"tags\":[\""
            + tag
            + "\"],\"id\":"
            + early
            + "}]",
        raw);
  }

  @Test
  void getDataFiltersByAllTagsByDefaultAndByAnyWithUnion() {
    String a = Api.unique("ta").toLowerCase();
    String b = Api.unique("tb").toLowerCase();
    long onlyA = post("a", List.of(a), 1_760_001_000, "");
    long both = post("ab", List.of(a, b), 1_760_001_001, "");
    long onlyB = post("b", List.of(b), 1_760_001_002, "");
    String window = "/events/get_data?from=1760000999&until=1760001003";
    assertEquals(List.of(both), ids(window + "&tags=" + a + "%20" + b));
    assertEquals(List.of(both), ids(window + "&tags=" + a + "%20" + b + "&set=intersection"));
    assertEquals(
        List.of(onlyA, both, onlyB), ids(window + "&tags=" + a + "%20" + b + "&set=union"));
    assertEquals(List.of(onlyA, both), ids(window + "&tags=" + a.toUpperCase()));
    assertEquals(List.of(), ids(window + "&tags=" + a + "+never-used-" + a));
    // graphite-web answers [] to an empty tags parameter (no tag can match it).
    assertEquals(
        List.of(),
        given()
            .queryParam("from", "1760000999")
            .queryParam("until", "1760001003")
            .queryParam("tags", "")
            .get("/events/get_data")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("id", Long.class));
    assertTrue(ids(window).containsAll(List.of(onlyA, both, onlyB)));
  }

  @Test
  void getDataReadsGraphiteTimesAgainstOpsroomsClock() {
    Instant now = Instant.parse("2026-06-01T12:00:00Z");
    clock.set(now);
    String tag = Api.unique("rel").toLowerCase();
    long twoHoursAgo = post("2h", List.of(tag), now.minusSeconds(7200).getEpochSecond(), "");
    long tenMinutesAgo = post("10min", List.of(tag), now.minusSeconds(600).getEpochSecond(), "");
    long future = post("future", List.of(tag), now.plusSeconds(600).getEpochSecond(), "");
    String tags = "&tags=" + tag;
    assertEquals(List.of(tenMinutesAgo), ids("/events/get_data?from=-1h" + tags));
    assertEquals(
        List.of(twoHoursAgo, tenMinutesAgo), ids("/events/get_data?from=-6h&until=now" + tags));
    assertEquals(List.of(twoHoursAgo, tenMinutesAgo), ids("/events/get_data?" + tags.substring(1)));
    assertEquals(
        List.of(twoHoursAgo),
        ids("/events/get_data?from=09:00_20260601&until=10:00_20260601" + tags));
    assertEquals(
        List.of(tenMinutesAgo, future), ids("/events/get_data?from=-30min&until=now%2B1h" + tags));
    assertEquals(List.of(), ids("/events/get_data?from=now&until=-1d" + tags));
  }

  @Test
  void badTimesAndCallbacksAreRefusedAsJsonEvenForBrowsers() {
    given()
        .header("Accept", "text/html,application/xhtml+xml")
        .get("/events/get_data?from=-5m&until=bogus")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/json"))
        .body("fields.from", containsString("minutes are \"min\""))
        .body("fields.until", containsString("\"bogus\" is not a Graphite time"));
    given()
        .get("/events/get_data?jsonp=alert(1)//")
        .then()
        .statusCode(400)
        .body("fields", hasKey("jsonp"));
  }

  @Test
  void jsonpWrapsTheAnswerAsGraphiteWebDoes() {
    String tag = Api.unique("jsonp").toLowerCase();
    long id = post("jsonp", List.of(tag), 1_760_002_000, "");
    given()
        .get("/events/get_data?from=1760001999&tags=" + tag + "&jsonp=cb.handle_1")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/javascript"))
        .body(
            equalTo(
                "cb.handle_1([{\"when\":1760002000,\"what\":\"jsonp\",\"data\":\"\",\"tags\":[\""
                    + tag
                    + "\"],\"id\":"
                    + id
                    + "}])"));
  }

  @Test
  void aScriptsErrorOnEventsIsJsonButABrowserStillGetsAPage() {
    given()
        .body("{}")
        .post("/events/")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/json"));
    given()
        .header("Accept", "*/*")
        .body("{}")
        .post("/events")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/json"));
  }

  private static long post(String what, List<String> tags, double when, String data) {
    Map<String, Object> body = Map.of("what", what, "tags", tags, "when", when, "data", data);
    JsonPath json =
        asEditor()
            .contentType("application/json")
            .body(body)
            .post("/events/")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertNotNull(json.get("id"));
    return json.getLong("id");
  }

  /** The ids get_data answers; the URL is sent as written, already encoded. */
  private static List<Long> ids(String url) {
    return given()
        .urlEncodingEnabled(false)
        .get(url)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("id", Long.class);
  }
}

package io.opsroom.events;

import static io.opsroom.events.EventFixtures.word;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The changelog pages without a browser: the list with its highlights, timeline, chips and links;
 * an event's page; the form, its prefills, its refusals at their fields and its writes.
 */
@QuarkusTest
class EventPagesTest {

  @Inject EventService service;

  WebSession editor;
  String editorName;
  Instant base;

  @BeforeEach
  void start() {
    editorName = Api.newUser("editor");
    editor = WebSession.login(editorName, Api.PASSWORD);
    base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
  }

  Response post(String path, Map<String, Object> fields) {
    return editor
        .request()
        .contentType("application/x-www-form-urlencoded")
        .formParams(fields)
        .formParam(WebSession.CSRF_FIELD, editor.csrfToken())
        .post(path);
  }

  static long idOf(Response created) {
    String location = created.getHeader("Location");
    assertTrue(location.matches(".*/events/\\d+"), location);
    return Long.parseLong(location.replaceAll(".*/events/", ""));
  }

  @Test
  void theListHighlightsDrawsTheTimelineAndCarriesTheFilters() {
    String w = word("page");
    Event deploy =
        EventFixtures.create(
            service,
            base,
            "Deployed <b>web</b> " + w,
            "The **deployment** of " + w + " went fine.",
            List.of("deploy", "app=web"));
    EventFixtures.create(
        service, base.plus(Duration.ofHours(3)), "Restarted " + w, "", List.of("manual"));
    String html =
        given()
            .queryParam("q", "deployed " + w)
            .get("/events")
            .then()
            .statusCode(200)
            .body(containsString("<mark>Deployed</mark> &lt;b&gt;web&lt;/b&gt; <mark>" + w))
            .body(containsString("<mark>deployment</mark>"))
            .body(containsString("href=\"/events/" + deploy.id + "\""))
            .body(containsString("1 event match"))
            .body(not(containsString("Restarted " + w)))
            .body(containsString("href=\"/events?q=deployed+" + w + "&amp;tags=app%3Dweb\""))
            .body(containsString("href=\"/events/feed.atom?q=deployed+" + w + "\""))
            .body(containsString("href=\"/events/export.csv?q=deployed+" + w + "\""))
            .body(containsString("data-timeline=\"hour\""))
            .body(not(containsString("Add event")))
            .extract()
            .asString();
    assertTrue(html.contains("class=\"badge source-api\""), "source badge");

    // Both events: the timeline has a bar per hour, and a bar links to its hour.
    String both =
        given().queryParam("q", w).get("/events").then().statusCode(200).extract().asString();
    assertEquals(4, count(both, "class=\"timeline-bar\""), "four hours");
    String hour = EventTimes.input(base, java.time.ZoneOffset.UTC);
    String next = EventTimes.input(base.plus(Duration.ofHours(1)), java.time.ZoneOffset.UTC);
    assertTrue(
        both.contains(
            "href=\"/events?q="
                + w
                + "&amp;from="
                + hour.replace(":", "%3A")
                + "&amp;until="
                + next.replace(":", "%3A")
                + "\""),
        both);
    editor.get("/events").then().statusCode(200).body(containsString("Add event"));
  }

  static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void unusableSearchesAreExplainedNotFailed() {
    given()
        .queryParam("q", "!!!")
        .get("/events")
        .then()
        .statusCode(200)
        .body(containsString("No searchable words in &quot;!!!&quot;"));
    for (String q : List.of("'; drop table event; --", "a & | !(", "\"unclosed", ":*")) {
      given().queryParam("q", q).get("/events").then().statusCode(200);
    }
    given().queryParam("page", "abc").get("/events").then().statusCode(200);
    given()
        .queryParam("from", "yesterday")
        .queryParam("source", "mars")
        .get("/events")
        .then()
        .statusCode(400)
        .body(containsString("id=\"from-error\""))
        .body(containsString("&quot;yesterday&quot; is not a time"))
        .body(containsString("id=\"source-error\""));
  }

  @Test
  void anEventPageRendersMarkdownAndLinksToWhatItsTagsName() {
    String w = word("detail");
    Event e =
        service.create(
            new EventInput(
                base,
                base.plus(Duration.ofMinutes(125)),
                "Failover " + w,
                "Moved to **db2**, see [runbook](https://wiki.example.org/db).\n\n<script>alert(1)</script>",
                List.of("maintenance", "server=db01", "app=billing", "outage=db-2026")),
            editorName,
            EventSource.WEB);
    String html =
        given()
            .get("/events/" + e.id)
            .then()
            .statusCode(200)
            .body(containsString("<strong>db2</strong>"))
            .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
            .body(not(containsString("<script>alert(1)")))
            .body(containsString("href=\"https://wiki.example.org/db\""))
            .body(containsString("href=\"/servers/db01\""))
            .body(containsString("href=\"/applications/billing\""))
            .body(containsString("href=\"/outages/db-2026\""))
            .body(containsString("2 h 5 min"))
            .body(containsString("href=\"/events?tags=maintenance\""))
            .body(not(containsString("/events/" + e.id + "/edit")))
            .extract()
            .asString();
    assertTrue(html.contains(editorName));
    editor
        .get("/events/" + e.id)
        .then()
        .body(containsString("href=\"/events/" + e.id + "/edit\""))
        .body(containsString("action=\"/events/" + e.id + "/delete\""));
    given().get("/events/999999999").then().statusCode(404);
  }

  @Test
  void theFormIsPrefilledFromTheGraphLink() {
    Instant at = Instant.parse("2026-03-01T14:05:00Z");
    editor
        .request()
        .queryParam("at", at.getEpochSecond())
        .queryParam("tags", "deploy app=web")
        .get("/events/new")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "name=\"time\" type=\"datetime-local\" step=\"1\" value=\"2026-03-01T14:05\""))
        .body(containsString("value=\"deploy app=web\""))
        .body(containsString("data-add-tag=\"maintenance\""))
        .body(containsString("action=\"/events/new\""));
    editor
        .get("/events/new?at=2026-03-01T14:05:00Z")
        .then()
        .body(containsString("value=\"2026-03-01T14:05\""));
    editor
        .get("/events/new?at=someday")
        .then()
        .statusCode(200)
        .body(containsString("id=\"time-error\""));
    WebSession.login(Api.newUser("viewer"), Api.PASSWORD).get("/events/new").then().statusCode(403);
    given().redirects().follow(false).get("/events/new").then().statusCode(303);
  }

  Map<String, Object> form(String title) {
    Map<String, Object> f = new HashMap<>();
    f.put("title", title);
    f.put("time", "2026-03-01T14:05");
    f.put("endTime", "");
    f.put("body", "Rolled out *web* 1.4.");
    f.put("tags", "deploy app=web");
    return f;
  }

  @Test
  void theFormCreatesEditsAndDeletes() {
    String w = word("form");
    Response created = post("/events/new", form("Deployed web 1.4 " + w));
    created.then().statusCode(303);
    long id = idOf(created);
    Event stored = QuarkusTransaction.requiringNew().call(() -> Event.findById(id));
    assertEquals(Instant.parse("2026-03-01T14:05:00Z"), stored.at);
    assertEquals(List.of("deploy", "app=web"), stored.tags);
    assertEquals("web", stored.source);
    assertEquals(editorName, stored.author);

    editor
        .get("/events/" + id + "/edit")
        .then()
        .statusCode(200)
        .body(containsString("value=\"Deployed web 1.4 " + w + "\""))
        .body(containsString("Rolled out *web* 1.4.</textarea>"))
        .body(containsString("action=\"/events/" + id + "/edit\""));
    Map<String, Object> changed = form("Deployed web 1.5 " + w);
    changed.put("endTime", "2026-03-01T14:35");
    post("/events/" + id + "/edit", changed).then().statusCode(303);
    editor
        .get("/events/" + id)
        .then()
        .body(containsString("Deployed web 1.5 " + w))
        .body(containsString("30 min"));

    long before = EventFixtures.count();
    editor
        .request()
        .contentType("application/x-www-form-urlencoded")
        .formParams(form("No token"))
        .post("/events/new")
        .then()
        .statusCode(403);
    assertEquals(before, EventFixtures.count());

    post("/events/" + id + "/delete", Map.of()).then().statusCode(303);
    given().get("/events/" + id).then().statusCode(404);
    editor
        .get("/events?deleted=" + id)
        .then()
        .body(containsString("Event #" + id + " was deleted."));
  }

  @Test
  void refusalsAreShownAtTheirFieldsWithTheTypedInputKept() {
    long before = EventFixtures.count();
    Map<String, Object> bad = form("");
    bad.put("time", "2026-13-45T25:00");
    bad.put("tags", "deploy two words");
    bad.put("body", "Typed <text> kept");
    post("/events/new", bad)
        .then()
        .statusCode(400)
        .body(containsString("Nothing was saved"))
        .body(containsString("id=\"title-error\""))
        .body(containsString("id=\"time-error\""))
        .body(containsString("value=\"2026-13-45T25:00\""))
        .body(containsString("Typed &lt;text&gt; kept</textarea>"))
        .body(containsString("value=\"deploy two words\""));
    Map<String, Object> backwards = form("Backwards");
    backwards.put("endTime", "2026-03-01T13:00");
    post("/events/new", backwards)
        .then()
        .statusCode(400)
        .body(containsString("id=\"endTime-error\""));
    Map<String, Object> huge = form("Huge");
    huge.put("body", "x".repeat(300_000));
    post("/events/new", huge)
        .then()
        .statusCode(400)
        .body(containsString("id=\"body-error\""))
        .body(containsString("has 300000 characters"));
    assertEquals(before, EventFixtures.count(), "nothing written");
  }

  @Test
  void extraAttributesBecomeFieldsAndTags() {
    String env = word("env");
    String owner = word("owner");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              EventAttribute choice = new EventAttribute();
              choice.key = env;
              choice.label = "Environment";
              choice.mandatory = true;
              choice.choices = List.of("production", "staging");
              choice.persist();
              EventAttribute text = new EventAttribute();
              text.key = owner;
              text.label = "Owner";
              text.choices = List.of();
              text.position = 1;
              text.persist();
            });
    try {
      editor
          .get("/events/new?tags=" + env + "=staging")
          .then()
          .body(containsString("<option value=\"" + env + "=staging\" selected>staging</option>"))
          .body(containsString("name=\"attrKey\" value=\"" + owner + "\""))
          .body(containsString("(required)"));
      long before = EventFixtures.count();
      Map<String, Object> missing = form("Needs an environment");
      missing.put("attrKey", owner);
      missing.put("attrText", "alice");
      post("/events/new", missing)
          .then()
          .statusCode(400)
          .body(containsString("id=\"attr-" + env + "-error\""))
          .body(containsString("Environment is required"))
          .body(containsString("value=\"alice\""));
      Map<String, Object> spaced = form("Owner with a space");
      spaced.put("choice", env + "=production");
      spaced.put("attrKey", owner);
      spaced.put("attrText", "alice smith");
      post("/events/new", spaced)
          .then()
          .statusCode(400)
          .body(containsString("id=\"attr-" + owner + "-error\""))
          .body(containsString("<option value=\"" + env + "=production\" selected>"));
      assertEquals(before, EventFixtures.count());

      Map<String, Object> good = form("With attributes");
      good.put("choice", env + "=production");
      good.put("attrKey", owner);
      good.put("attrText", "alice");
      long id = idOf(post("/events/new", good));
      Event stored = QuarkusTransaction.requiringNew().call(() -> Event.findById(id));
      assertEquals(
          List.of("deploy", "app=web", env + "=production", owner + "=alice"), stored.tags);
      editor
          .get("/events/" + id + "/edit")
          .then()
          .body(containsString("value=\"deploy app=web\""))
          .body(containsString("<option value=\"" + env + "=production\" selected>"));
      given().get("/events/" + id).then().body(containsString("Environment"));
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                EventAttribute.deleteById(env);
                EventAttribute.deleteById(owner);
              });
    }
  }
}

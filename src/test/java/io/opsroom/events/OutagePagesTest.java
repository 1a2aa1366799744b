package io.opsroom.events;

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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outage pages and the report pages as an editor and a viewer use them: declare, mark detected,
 * change impact, mark resolved; refusals at their field; warnings; the reports index.
 */
@QuarkusTest
class OutagePagesTest {

  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  @Inject EventService events;

  WebSession editor;
  Instant now;

  @BeforeEach
  void login() {
    editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  }

  static String local(Instant t) {
    return LOCAL.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  static long rows() {
    return QuarkusTransaction.requiringNew().call(() -> Outage.count() * 1_000_000 + Event.count());
  }

  Response post(String path, Map<String, String> fields) {
    editor.get("/outages").then().statusCode(200);
    return editor.postForm(path, fields);
  }

  Map<String, String> declaration(String key, Instant start) {
    Map<String, String> f = new HashMap<>();
    f.put("key", key);
    f.put("title", "Checkout returns 500 " + key);
    f.put("start", local(start));
    f.put("impact", "80");
    f.put("application", "");
    f.put("postmortemUrl", "");
    f.put("tags", "");
    return f;
  }

  @Test
  void declareDetectChangeImpactResolve() {
    String key = Api.unique("page");
    Instant start = now.minus(Duration.ofHours(2));
    editor
        .get("/outages")
        .then()
        .statusCode(200)
        .body(containsString("Declare outage"))
        .body(containsString("action=\"/outages\""));
    Response declared = post("/outages", declaration(key, start));
    assertEquals(303, declared.statusCode(), declared.asString());
    assertTrue(declared.getHeader("Location").endsWith("/outages/" + key + "?declared=1"));

    editor
        .get("/outages")
        .then()
        .statusCode(200)
        .body(containsString("data-outage=\"" + key + "\""))
        .body(containsString("for 2h 00m"));
    editor
        .get("/outages/" + key)
        .then()
        .statusCode(200)
        .body(containsString("Checkout returns 500 " + key))
        .body(containsString("state-open"))
        .body(containsString("data-kind=\"start\""))
        .body(containsString("Mark detected"))
        .body(containsString("Mark resolved"));

    // Resolved before the start: refused, the message at the resolved form's time field.
    long before = rows();
    Response early =
        post(
            "/outages/" + key + "/resolved",
            Map.of("time", local(start.minus(Duration.ofMinutes(5))), "note", ""));
    assertEquals(400, early.statusCode());
    String html = early.asString();
    assertTrue(html.contains("id=\"resolved.time-error\""), html);
    assertTrue(
        html.contains("before the outage&#39;s start")
            || html.contains("before the outage's start"),
        html);
    assertTrue(
        html.contains("value=\"" + local(start.minus(Duration.ofMinutes(5))) + "\""),
        "the typed time is kept");
    assertEquals(before, rows());

    Response bad = post("/outages/" + key + "/resolved", Map.of("time", "yesterday", "note", ""));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.asString().contains("id=\"resolved.time-error\""));

    assertEquals(
        303,
        post(
                "/outages/" + key + "/detected",
                Map.of("time", local(start.plus(Duration.ofMinutes(7))), "note", ""))
            .statusCode());
    Response impact =
        post(
            "/outages/" + key + "/impact",
            Map.of("time", local(start.plus(Duration.ofHours(1))), "impact", "abc"));
    assertEquals(400, impact.statusCode());
    assertTrue(impact.asString().contains("id=\"impact.impact-error\""));
    assertEquals(before + 1, rows());
    assertEquals(
        303,
        post(
                "/outages/" + key + "/impact",
                Map.of("time", local(start.plus(Duration.ofHours(1))), "impact", "20"))
            .statusCode());
    assertEquals(
        303,
        post("/outages/" + key + "/notes", Map.of("time", "", "note", "Failed over to **db2**"))
            .statusCode());
    assertEquals(
        303,
        post(
                "/outages/" + key + "/resolved",
                Map.of("time", local(start.plus(Duration.ofMinutes(90))), "note", ""))
            .statusCode());

    editor
        .get("/outages/" + key)
        .then()
        .statusCode(200)
        .body(containsString("state-resolved"))
        .body(containsString("data-ttd>7m 00s<"))
        .body(containsString("data-ttr>1h 30m<"))
        .body(containsString("data-kind=\"impact\""))
        .body(containsString("<strong>db2</strong>"))
        .body(not(containsString("Mark resolved")))
        .body(not(containsString("data-warnings")));

    // The post-mortem link: a bad one is refused at its field, a good one shown.
    Response pm =
        post(
            "/outages/" + key + "/edit",
            Map.of("title", "Checkout down", "application", "", "postmortemUrl", "wiki/pm"));
    assertEquals(400, pm.statusCode());
    assertTrue(pm.asString().contains("id=\"edit.postmortemUrl-error\""));
    assertEquals(
        303,
        post(
                "/outages/" + key + "/edit",
                Map.of(
                    "title",
                    "Checkout down",
                    "application",
                    "shop",
                    "postmortemUrl",
                    "https://wiki.example.org/pm/12"))
            .statusCode());
    editor
        .get("/outages/" + key)
        .then()
        .body(containsString("data-postmortem>https://wiki.example.org/pm/12<"))
        .body(containsString("<h1>Checkout down"));
  }

  @Test
  void refusedDeclarationsShowEveryMessageAtItsField() {
    long before = rows();
    Map<String, String> form = declaration("Not A Key", now.plus(Duration.ofDays(2)));
    form.put("impact", "-3");
    Response r = post("/outages", form);
    assertEquals(400, r.statusCode());
    String html = r.asString();
    assertTrue(html.contains("id=\"key-error\""), html);
    assertTrue(html.contains("id=\"impact-error\""), html);
    assertTrue(html.contains("id=\"start-error\""), html);
    assertTrue(html.contains("value=\"Not A Key\""), "the form keeps what was typed");
    assertEquals(before, rows());

    String key = Api.unique("page");
    assertEquals(303, post("/outages", declaration(key, now)).statusCode());
    Response twice = post("/outages", declaration(key, now));
    assertEquals(409, twice.statusCode());
    assertTrue(twice.asString().contains("id=\"key-error\""));
  }

  @Test
  void contradictionsFromScriptsAreShownAsWarnings() {
    String key = Api.unique("page");
    Instant start = now.minus(Duration.ofHours(1));
    events.create(
        new EventInput(start, null, "Mail queue stuck", null, List.of("outage=" + key, "start")),
        "cron",
        EventSource.API);
    events.create(
        new EventInput(
            start.minus(Duration.ofMinutes(30)),
            null,
            "Mail flowing",
            null,
            List.of("outage=" + key, "resolved")),
        "cron",
        EventSource.API);
    given()
        .get("/outages/" + key)
        .then()
        .statusCode(200)
        .body(containsString("data-warnings"))
        .body(containsString("is before the start"))
        .body(containsString("step-ignored"))
        .body(containsString("state-open"));
  }

  @Test
  void viewersReadButCannotWrite() {
    String key = Api.unique("page");
    assertEquals(303, post("/outages", declaration(key, now)).statusCode());
    WebSession viewer = WebSession.login(Api.newUser("viewer"), Api.PASSWORD);
    viewer.get("/outages").then().statusCode(200).body(not(containsString("action=\"/outages\"")));
    viewer.get("/outages/" + key).then().statusCode(200).body(not(containsString("Mark resolved")));
    viewer.get("/outages").then().statusCode(200);
    assertEquals(
        403,
        viewer
            .postForm("/outages/" + key + "/resolved", Map.of("time", "", "note", ""))
            .statusCode());
  }

  @Test
  void unknownAndMalformedKeys() {
    given().accept("text/html").get("/outages/" + Api.unique("nope")).then().statusCode(404);
    given().accept("text/html").get("/outages/Bad%20Key").then().statusCode(400);
  }

  @Test
  void reportPages() {
    given()
        .get("/reports")
        .then()
        .statusCode(200)
        .body(containsString("href=\"/reports/ops\""))
        .body(containsString("href=\"/reports/noisy\""));
    given().get("/reports/noisy").then().statusCode(200);
    String key = Api.unique("page");
    assertEquals(
        303, post("/outages", declaration(key, now.minus(Duration.ofHours(3)))).statusCode());
    assertEquals(
        303,
        post(
                "/outages/" + key + "/resolved",
                Map.of("time", local(now.minus(Duration.ofHours(2))), "note", ""))
            .statusCode());
    String html =
        given()
            .get("/reports/ops")
            .then()
            .statusCode(200)
            .body(containsString("href=\"/outages/" + key + "\""))
            .body(containsString("mean time to detect"))
            .body(containsString("impact-weighted uptime"))
            .body(containsString("How the figures are computed"))
            .body(containsString("(Measured length − downtime) ÷ number of outages"))
            .body(containsString("/api/reports/ops.csv?from="))
            .body(containsString("<svg viewBox"))
            .body(containsString("Time to resolve per outage"))
            .body(containsString("aria-current=\"page\">Last 30 days"))
            .extract()
            .asString();
    assertTrue(html.contains("1h 00m"), "the outage's TTR, human-readable");
    given()
        .get("/reports/ops?from=2001-03-01&until=2001-04-01")
        .then()
        .statusCode(200)
        .body(containsString("2001-03-01 00:00"));
    given()
        .accept("text/html")
        .get("/reports/ops?from=2001-04-01&until=2001-03-01")
        .then()
        .statusCode(400)
        .body(containsString("id=\"until-error\""));
  }
}

package io.opsroom.alerting;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.MutableClock;
import io.opsroom.testing.WebSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The silence pages: the prefilled form, its preview, every refusal at its field, expire now. */
@QuarkusTest
@TestProfile(SilenceFixtures.Alerts.class)
class SilenceFormTest {

  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  @Inject MutableClock clock;

  Instant now;
  WebSession editor;
  String editorName;

  @BeforeEach
  void start() {
    now = SilenceFixtures.reset(clock);
    editorName = Api.newUser("editor");
    editor = WebSession.login(editorName, Api.PASSWORD);
  }

  @AfterEach
  void stop() {
    clock.reset();
  }

  static String local(Instant t) {
    return LOCAL.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  /**
   * A valid form for {@code team=web, check=disk}, for two hours from now; tests spoil one field.
   */
  Map<String, Object> form() {
    Map<String, Object> f = new HashMap<>();
    f.put("label", List.of("team", "check", ""));
    f.put("op", List.of("=", "=", "="));
    f.put("value", List.of("web", "disk", ""));
    f.put("startsAt", local(now));
    f.put("endsAt", local(now.plus(Duration.ofHours(2))));
    f.put("timeZone", "UTC");
    f.put("comment", "Disk swap on the web servers, CHG-42");
    f.put("action", "create");
    return f;
  }

  io.restassured.response.Response post(Map<String, Object> fields) {
    return editor
        .request()
        .contentType("application/x-www-form-urlencoded")
        .formParams(fields)
        .formParam(WebSession.CSRF_FIELD, editor.csrfToken())
        .post("/silences");
  }

  long silenceId(io.restassured.response.Response created) {
    String location = created.getHeader("Location");
    assertTrue(location.matches(".*/silences/\\d+\\?created=1"), location);
    return Long.parseLong(location.replaceAll(".*/silences/(\\d+).*", "$1"));
  }

  @Test
  void theAlertPageLeadsToAFormFilledForThatAlert() {
    SilenceFixtures.level("disk-web1", Level.CRITICAL, now, "t");
    editor
        .get("/alerts/disk-web1")
        .then()
        .statusCode(200)
        .body(containsString("href=\"/silences/new?alert=disk-web1\""));
    editor
        .get("/silences/new?alert=disk-web1")
        .then()
        .statusCode(200)
        .body(containsString("name=\"label\" value=\"alert\""))
        .body(containsString("name=\"value\" value=\"disk-web1\""))
        .body(containsString("value=\"" + local(now) + "\""))
        .body(containsString("value=\"" + local(now.plus(Duration.ofHours(2))) + "\""))
        .body(containsString("1 alert match now"))
        .body(containsString("Disk on web1"))
        .body(not(containsString("Disk on web2")));
    editor
        .request()
        .queryParam("matcher", "server=~web.*", "check!=load")
        .get("/silences/new")
        .then()
        .statusCode(200)
        .body(containsString("2 alerts match now"))
        .body(containsString("<option value=\"=~\" selected>"));
    WebSession.login(Api.newUser("viewer"), Api.PASSWORD)
        .get("/silences/new")
        .then()
        .statusCode(403);
  }

  @Test
  void aSilenceIsSavedAndNotedInTheHistoryOfEachAlertItCovers() {
    var created = post(form());
    created.then().statusCode(303);
    long id = silenceId(created);
    assertEquals(1, SilenceFixtures.count("silence"));

    String detail =
        "silence #"
            + id
            + " until "
            + SilenceSchedule.format(now.plus(Duration.ofHours(2)), java.time.ZoneId.of("UTC"));
    assertEquals(
        List.of("silenced|" + editorName + "|" + detail + ": Disk swap on the web servers, CHG-42"),
        SilenceFixtures.activity("disk-web1"));
    assertEquals(1, SilenceFixtures.activity("disk-web2").size());
    assertEquals(List.of(), SilenceFixtures.activity("load-web1"));
    assertEquals(List.of(), SilenceFixtures.activity("disk-db1"));

    editor
        .get("/silences/" + id + "?created=1")
        .then()
        .statusCode(200)
        .body(containsString("It covers 2 alerts now."))
        .body(containsString("team=web, check=disk"));
    editor
        .get("/silences")
        .then()
        .statusCode(200)
        .body(containsString("data-silence=\"" + id + "\""))
        .body(containsString("data-match-count=\"2\""))
        .body(containsString("Disk on web1"))
        .body(containsString("state-active"));
    editor
        .get("/alerts/disk-web1")
        .then()
        .body(containsString("Silenced by <a href=\"/silences/" + id + "\">#" + id + "</a>"))
        .body(containsString("Disk swap on the web servers, CHG-42"));
  }

  @Test
  void aWeeklyWindowIsSavedInItsTimeZone() {
    Map<String, Object> f = form();
    f.put("day", List.of("SAT", "SUN"));
    f.put("weeklyStart", "23:00");
    f.put("weeklyEnd", "02:00");
    f.put("timeZone", "Europe/Berlin");
    f.put("endsAt", local(now.plus(Duration.ofDays(30))));
    var created = post(f);
    created.then().statusCode(303);
    long id = silenceId(created);
    Silence s = QuarkusTransaction.requiringNew().call(() -> Silence.findById(id));
    assertEquals("SAT,SUN", s.weeklyDays);
    assertEquals(java.time.LocalTime.of(23, 0), s.weeklyStart);
    assertEquals(java.time.LocalTime.of(2, 0), s.weeklyEnd);
    assertEquals("Europe/Berlin", s.timeZone);
    // The form's times are Berlin's wall clock too.
    assertEquals(
        LocalDateTime.parse(local(now)).atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant(),
        s.startsAt);
    editor
        .get("/silences/" + id)
        .then()
        .body(containsString("Sat, Sun 23:00–02:00 (Europe/Berlin)"));
  }

  /** One spoiled field: the field that shows the message, a part of the message, the change. */
  record Bad(String field, String message, Map<String, Object> change) {}

  @Test
  void everyBadInputIsShownAtItsFieldAndNothingIsSaved() {
    List<Bad> cases =
        List.of(
            new Bad(
                "endsAt",
                "The end must be after the start.",
                Map.of("endsAt", local(now.minus(Duration.ofHours(1))))),
            new Bad("endsAt", "The end must be after the start.", Map.of("endsAt", local(now))),
            new Bad(
                "endsAt",
                "This period has ended already",
                Map.of(
                    "startsAt",
                    local(now.minus(Duration.ofHours(3))),
                    "endsAt",
                    local(now.minus(Duration.ofHours(1))))),
            new Bad(
                "matcher-0",
                "The regular expression web[ does not compile",
                Map.of(
                    "label", List.of("server", ""),
                    "op", List.of("=~", "="),
                    "value", List.of("web[", ""))),
            new Bad(
                "matchers",
                "Add at least one matcher",
                Map.of(
                    "label", List.of("", ""), "op", List.of("=", "="), "value", List.of("", ""))),
            new Bad(
                "matcher-1",
                "Give the label name",
                Map.of(
                    "label", List.of("team", ""),
                    "op", List.of("=", "="),
                    "value", List.of("web", "web1"))),
            new Bad("comment", "Say why", Map.of("comment", "   ")),
            new Bad(
                "weekly.days",
                "Unknown day FUNDAY",
                Map.of(
                    "day", List.of("MON", "FUNDAY"), "weeklyStart", "02:00", "weeklyEnd", "04:00")),
            new Bad(
                "weekly.days",
                "Choose at least one day",
                Map.of("weeklyStart", "02:00", "weeklyEnd", "04:00")),
            new Bad("weekly.start", "Give a time", Map.of("day", List.of("MON"))),
            new Bad(
                "weekly.end",
                "The window must end at another time than it starts",
                Map.of("day", List.of("MON"), "weeklyStart", "02:00", "weeklyEnd", "02:00")),
            new Bad("timeZone", "Unknown time zone Mars/Base", Map.of("timeZone", "Mars/Base")));
    for (Bad bad : cases) {
      Map<String, Object> f = form();
      f.putAll(bad.change());
      var answer = post(f);
      String html = answer.getBody().asString();
      assertEquals(400, answer.getStatusCode(), bad + "\n" + html);
      int at = html.indexOf("id=\"" + bad.field() + "-error\"");
      assertTrue(at > 0, "message at " + bad.field() + ": " + bad + "\n" + html);
      String shown = html.substring(at, html.indexOf("</p>", at));
      assertTrue(shown.contains(bad.message()), bad + " shows " + shown);
      assertTrue(html.contains("Nothing was saved"), bad.toString());
      if (!bad.change().containsKey("comment")) {
        assertTrue(
            html.contains(">Disk swap on the web servers, CHG-42</textarea>"), "keeps input");
      }
      assertEquals(0, SilenceFixtures.count("silence"), bad.toString());
      assertEquals(0, SilenceFixtures.count("alert_activity"), bad.toString());
    }
  }

  @Test
  void thePreviewListsTheAlertsTheMatchersCoverAndSavesNothing() {
    Map<String, Object> f = form();
    f.put("label", List.of("server", "", ""));
    f.put("op", List.of("=~", "=", "="));
    f.put("value", List.of("web.*", "", ""));
    f.put("comment", "");
    f.put("action", "preview");
    post(f)
        .then()
        .statusCode(200)
        .body(containsString("3 alerts match now"))
        .body(containsString("Disk on web1"))
        .body(containsString("Disk on web2"))
        .body(containsString("Load on web1"))
        .body(not(containsString("Disk on db1")))
        .body(not(containsString("Say why")))
        .body(containsString("name=\"value\" value=\"web.*\""));
    assertEquals(0, SilenceFixtures.count("silence"));
  }

  @Test
  void expireNowEndsASilenceThatStaysListedAsExpired() {
    long id = silenceId(post(form()));
    clock.advance(Duration.ofMinutes(10));
    WebSession.login(Api.newUser("viewer"), Api.PASSWORD)
        .postForm("/silences/" + id + "/expire", Map.of())
        .then()
        .statusCode(403);

    editor
        .postForm("/silences/" + id + "/expire", Map.of())
        .then()
        .statusCode(303)
        .header("Location", containsString("/silences/" + id + "?expired=1"));
    Silence s = QuarkusTransaction.requiringNew().call(() -> Silence.findById(id));
    assertEquals(now.plus(Duration.ofMinutes(10)), s.endsAt);
    editor.postForm("/silences/" + id + "/expire", Map.of()).then().statusCode(409);

    String html = editor.get("/silences").then().statusCode(200).extract().asString();
    int expired = html.indexOf("id=\"expired-title\"");
    assertTrue(expired > 0 && html.indexOf("data-silence=\"" + id + "\"") > expired, html);
    assertTrue(html.contains("No silence is active or planned."), html);

    // A silence that has not started yet can be ended too: it never starts.
    Map<String, Object> later = form();
    later.put("startsAt", local(now.plus(Duration.ofDays(1))));
    later.put("endsAt", local(now.plus(Duration.ofDays(2))));
    long pending = silenceId(post(later));
    editor.postForm("/silences/" + pending + "/expire", Map.of()).then().statusCode(303);
    editor.get("/silences/" + pending).then().body(containsString("state-expired"));
  }

  @Test
  void expiredSilencesArePagedNewestFirst() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 1; i <= 25; i++) {
                AlertState.getEntityManager()
                    .createNativeQuery(
                        "insert into silence (matchers, starts_at, ends_at, author, comment,"
                            + " created_at) values (cast(?1 as jsonb), ?2, ?3, 'alice', ?4, ?2)")
                    .setParameter(1, "[{\"label\":\"alert\",\"op\":\"=\",\"value\":\"disk-web1\"}]")
                    .setParameter(2, now.minus(Duration.ofDays(40 - i)))
                    .setParameter(3, now.minus(Duration.ofDays(30 - i)))
                    .setParameter(4, "old maintenance " + i)
                    .executeUpdate();
              }
            });
    String first = editor.get("/silences").then().statusCode(200).extract().asString();
    assertTrue(first.contains("old maintenance 25") && first.contains("old maintenance 6"), first);
    assertTrue(!first.contains("old maintenance 5<"), "the 20 newest only");
    assertTrue(first.indexOf("old maintenance 25") < first.indexOf("old maintenance 24"));
    assertTrue(first.contains("Page 1 of 2"));
    String second = editor.get("/silences?page=2").then().statusCode(200).extract().asString();
    assertTrue(
        second.contains("old maintenance 5<") && second.contains("old maintenance 1<"), second);
    assertTrue(!second.contains("old maintenance 6<"));
  }
}

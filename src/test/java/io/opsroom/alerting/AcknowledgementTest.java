package io.opsroom.alerting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acknowledgements that lapse, the acknowledge link of notification emails, and the alert page's
 * history of transitions, activity and notifications.
 */
@QuarkusTest
@TestProfile(SilenceFixtures.Alerts.class)
class AcknowledgementTest {

  static final ZoneId UTC = ZoneId.of("UTC");

  @Inject MutableClock clock;

  @io.quarkus.test.common.http.TestHTTPResource("/")
  java.net.URI root;

  Instant now;

  @BeforeEach
  void start() {
    now = SilenceFixtures.reset(clock);
  }

  @AfterEach
  void stop() {
    clock.reset();
  }

  static String until(Instant t) {
    return "until " + SilenceSchedule.format(t, UTC);
  }

  static boolean acknowledgedInApi(String id) {
    return given().get("/api/alerts/" + id).then().extract().jsonPath().getBoolean("acknowledged");
  }

  @Test
  void anAcknowledgementLastsFourHoursAndThenNoLongerCounts() {
    SilenceFixtures.level("disk-web1", Level.CRITICAL, now, "t1");
    String name = Api.newUser("editor");
    WebSession editor = WebSession.login(name, Api.PASSWORD);
    editor.get("/alerts/disk-web1").then().body(containsString("name=\"duration\""));
    editor.postForm("/alerts/disk-web1/acknowledge", Map.of()).then().statusCode(303);

    AlertState state = SilenceFixtures.state("disk-web1");
    assertEquals(name, state.acknowledgedBy);
    assertEquals(now, state.acknowledgedAt);
    assertEquals(now.plus(Duration.ofHours(4)), state.acknowledgedUntil);
    assertEquals(
        List.of("acknowledged|" + name + "|" + until(now.plus(Duration.ofHours(4)))),
        SilenceFixtures.activity("disk-web1"));
    given()
        .get("/api/alerts/disk-web1")
        .then()
        .body("acknowledged", equalTo(true))
        .body("acknowledgedBy", equalTo(name))
        .body("acknowledgedUntil", equalTo(now.plus(Duration.ofHours(4)).toString()));
    editor.get("/").then().body(containsString("level-critical acknowledged"));
    editor
        .get("/alerts/disk-web1")
        .then()
        .body(containsString("Acknowledged by <strong>" + name + "</strong>"))
        .body(containsString(until(now.plus(Duration.ofHours(4))).substring(6)));

    clock.advance(Duration.ofHours(4).minusSeconds(1));
    assertTrue(acknowledgedInApi("disk-web1"), "a second before the end");
    clock.advance(Duration.ofSeconds(2));
    assertEquals(false, acknowledgedInApi("disk-web1"), "4h and 1s later");
    given().get("/api/alerts/disk-web1").then().body("acknowledgedBy", nullValue());
    editor.get("/").then().body(not(containsString("level-critical acknowledged")));
    editor
        .get("/alerts/disk-web1")
        .then()
        .body(not(containsString("Acknowledged by <strong>")))
        .body(containsString("Acknowledge: I am on it"));
  }

  @Test
  void theApiAcknowledgesForAChosenTimeAndTakesItBack() throws Exception {
    SilenceFixtures.level("disk-web2", Level.WARNING, now, "t2");
    String token = Api.newToken("editor");
    Api.withToken(token)
        .body(Map.of("duration", "1h", "comment", "replacing the disk"))
        .post("/api/alerts/disk-web2/acknowledge")
        .then()
        .statusCode(200)
        .body("acknowledged", equalTo(true))
        .body("acknowledgedUntil", equalTo(now.plus(Duration.ofHours(1)).toString()));
    List<String> rows = SilenceFixtures.activity("disk-web2");
    assertEquals(1, rows.size());
    assertTrue(
        rows.get(0).matches("acknowledged\\|token:.*\\|until .* UTC: replacing the disk"),
        rows.get(0));

    // No body: the default four hours.
    clock.advance(Duration.ofMinutes(1));
    Api.withToken(token)
        .post("/api/alerts/disk-web2/acknowledge")
        .then()
        .statusCode(200)
        .body(
            "acknowledgedUntil",
            equalTo(now.plus(Duration.ofMinutes(1)).plus(Duration.ofHours(4)).toString()));

    // Nor a content type, as a bare curl -X POST sends it.
    var bare =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        root.resolve("api/alerts/disk-web2/acknowledge"))
                    .header("Authorization", "Bearer " + token)
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, bare.statusCode(), bare.body());
    assertTrue(bare.body().contains("\"acknowledged\":true"), bare.body());

    for (String bad : List.of("forever", "30d", "0h", "5")) {
      Api.withToken(token)
          .body(Map.of("duration", bad))
          .post("/api/alerts/disk-web2/acknowledge")
          .then()
          .statusCode(400)
          .body("fields.duration", containsString("such as 1h, 4h, 8h or 24h"));
    }
    assertEquals(3, SilenceFixtures.activity("disk-web2").size(), "refusals write nothing");

    Api.withToken(token).post("/api/alerts/disk-db1/acknowledge").then().statusCode(409);
    Api.withToken(token).post("/api/alerts/no-such-alert/acknowledge").then().statusCode(404);
    Api.withToken(Api.newToken("viewer"))
        .post("/api/alerts/disk-web2/unacknowledge")
        .then()
        .statusCode(403);

    Api.withToken(token)
        .post("/api/alerts/disk-web2/unacknowledge")
        .then()
        .statusCode(200)
        .body("acknowledged", equalTo(false));
    rows = SilenceFixtures.activity("disk-web2");
    assertEquals(4, rows.size());
    assertTrue(
        rows.get(3)
            .matches("unacknowledged\\|token:.*\\|took back the acknowledgement by token:.*"),
        rows.get(3));
    assertNull(SilenceFixtures.state("disk-web2").acknowledgedUntil);

    // The form offers the choices and takes one.
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    editor
        .get("/alerts/disk-web2")
        .then()
        .body(containsString("<option value=\"4h\" selected>4h</option>"))
        .body(containsString("<option value=\"24h\">24h</option>"));
    editor
        .postForm("/alerts/disk-web2/acknowledge", Map.of("duration", "8h"))
        .then()
        .statusCode(303);
    assertEquals(
        now.plus(Duration.ofMinutes(1)).plus(Duration.ofHours(8)),
        SilenceFixtures.state("disk-web2").acknowledgedUntil);
    editor.postForm("/alerts/disk-web2/unacknowledge", Map.of()).then().statusCode(303);
    assertEquals(6, SilenceFixtures.activity("disk-web2").size());
  }

  @Test
  void theEmailLinkShowsAButtonAndOnlyThePostAcknowledgesWithoutALogin() {
    SilenceFixtures.level("load-web1", Level.CRITICAL, now.minus(Duration.ofMinutes(7)), "tok-A1");
    WebSession visitor = new WebSession();
    visitor
        .get("/alerts/load-web1/ack?token=tok-A1")
        .then()
        .statusCode(200)
        .body(containsString("Load on web1"))
        .body(
            containsString(
                "CRITICAL since " + SilenceSchedule.format(now.minus(Duration.ofMinutes(7)), UTC)))
        .body(containsString("name=\"token\" value=\"tok-A1\""))
        .body(containsString(">Acknowledge</button>"));
    // Opening the link (as a mail scanner does) changed nothing.
    assertNull(SilenceFixtures.state("load-web1").acknowledgedAt);
    assertEquals(0, SilenceFixtures.count("alert_activity"));

    // A form without the page's CSRF token is refused.
    new WebSession()
        .postFormWithoutToken("/alerts/load-web1/ack", Map.of("token", "tok-A1"))
        .then()
        .statusCode(403);
    assertNull(SilenceFixtures.state("load-web1").acknowledgedAt);

    visitor
        .postForm("/alerts/load-web1/ack", Map.of("token", "tok-A1", "duration", "1h"))
        .then()
        .statusCode(200)
        .body(containsString("Acknowledged by <strong>email link</strong>"));
    AlertState state = SilenceFixtures.state("load-web1");
    assertEquals("email link", state.acknowledgedBy);
    assertEquals(now.plus(Duration.ofHours(1)), state.acknowledgedUntil);
    assertEquals(
        List.of("acknowledged|email link|" + until(now.plus(Duration.ofHours(1)))),
        SilenceFixtures.activity("load-web1"));

    // A logged-in user is named.
    String name = Api.newUser("viewer");
    WebSession viewer = WebSession.login(name, Api.PASSWORD);
    viewer.get("/alerts/load-web1/ack?token=tok-A1").then().statusCode(200);
    viewer.postForm("/alerts/load-web1/ack", Map.of("token", "tok-A1")).then().statusCode(200);
    assertEquals(name, SilenceFixtures.state("load-web1").acknowledgedBy);
  }

  @Test
  void aLinkOfAnEarlierProblemIsRefusedAndChangesNothing() {
    // The page was opened while its problem lasted; then a new problem began, with a new token.
    SilenceFixtures.level("disk-web1", Level.CRITICAL, now, "tok-old");
    WebSession visitor = new WebSession();
    visitor.get("/alerts/disk-web1/ack?token=tok-old").then().statusCode(200);
    SilenceFixtures.level("disk-web1", Level.OK, now, null);
    SilenceFixtures.level("disk-web1", Level.WARNING, now, "tok-new");
    new WebSession()
        .get("/alerts/disk-web1/ack?token=tok-old")
        .then()
        .statusCode(410)
        .body(
            containsString(
                "This link is for an earlier problem of Disk on web1; it has a new problem: WARNING"))
        .body(not(containsString(">Acknowledge</button>")));
    visitor
        .postForm("/alerts/disk-web1/ack", Map.of("token", "tok-old"))
        .then()
        .statusCode(410)
        .body(containsString("earlier problem of Disk on web1"));
    visitor.postForm("/alerts/disk-web1/ack", Map.of("token", "")).then().statusCode(410);
    assertNull(SilenceFixtures.state("disk-web1").acknowledgedAt);

    // The problem is over: the cycle cleared the token.
    SilenceFixtures.level("disk-web2", Level.OK, now, null);
    visitor
        .postForm("/alerts/disk-web2/ack", Map.of("token", "tok-any"))
        .then()
        .statusCode(410)
        .body(containsString("This link is for an earlier problem of Disk on web2; it is OK now."));
    // Even the right token does not acknowledge an alert that is OK.
    SilenceFixtures.level("disk-db1", Level.OK, now, "tok-db");
    visitor.postForm("/alerts/disk-db1/ack", Map.of("token", "tok-db")).then().statusCode(410);
    assertEquals(0, SilenceFixtures.count("alert_activity"));
    visitor.get("/alerts/no-such-alert/ack?token=x").then().statusCode(404);
  }

  @Test
  void theAlertPageMergesTransitionsActivityAndNotificationsNewestFirst() {
    SilenceFixtures.level("disk-web1", Level.CRITICAL, now.minus(Duration.ofMinutes(10)), "tok");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              var em = AlertState.getEntityManager();
              em.createNativeQuery(
                      "insert into alert_transition (alert_id, from_level, to_level, at, value)"
                          + " values ('disk-web1', 'OK', 'CRITICAL', ?1, 3.5)")
                  .setParameter(1, now.minus(Duration.ofMinutes(10)))
                  .executeUpdate();
              em.createNativeQuery(
                      "insert into notify_log (alert_id, at, kind, level, route, channels)"
                          + " values ('disk-web1', ?1, 'firing', 'CRITICAL', 'ops',"
                          + " array['ops-mail', 'slack-ops'])")
                  .setParameter(1, now.minus(Duration.ofMinutes(9)))
                  .executeUpdate();
            });
    String name = Api.newUser("editor");
    WebSession editor = WebSession.login(name, Api.PASSWORD);
    editor
        .postForm("/alerts/disk-web1/acknowledge", Map.of("duration", "1h"))
        .then()
        .statusCode(303);

    String html = editor.get("/alerts/disk-web1").then().statusCode(200).extract().asString();
    String history = html.substring(html.indexOf("id=\"history-title\""));
    String text = history.replaceAll("<[^>]+>", "").replaceAll("\\s+", " ");
    int acked = text.indexOf("acknowledged until");
    int notified = text.indexOf("notified CRITICAL via ops-mail, slack-ops");
    int transition = text.indexOf("OK → CRITICAL 3.5");
    assertTrue(acked > 0 && notified > acked && transition > notified, text);
    assertTrue(text.contains("· " + name), text);
    assertTrue(text.contains("· route ops"), text);
  }
}

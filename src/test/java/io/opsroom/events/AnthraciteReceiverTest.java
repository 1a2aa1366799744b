package io.opsroom.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.MutableClock;
import io.opsroom.testing.WebSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anthracite's script receiver, {@code POST /events/add/script}: the form its clients sent
 * (libanthracite.py URL-encodes it, anthracite-compose-submit.sh uses curl -F), its answer {@code
 * ok event_id=<id>}, and its outage tags passed on unchanged to the outage tracker.
 */
@QuarkusTest
class AnthraciteReceiverTest {

  private static String editor;

  @Inject MutableClock clock;

  @BeforeEach
  void token() {
    if (editor == null) {
      editor = Api.newToken("editor");
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

  private static long idOf(String answer) {
    return Long.parseLong(answer.strip().substring("ok event_id=".length()));
  }

  @Test
  void aUrlEncodedFormAsLibanthraciteSendsIt() {
    String answer =
        asEditor()
            .contentType("application/x-www-form-urlencoded")
            .formParams(
                Map.of(
                    "event_timestamp", "1760003000",
                    "event_desc", "Switch sw3 replaced\nThe old one lost a fan.\n\nSee ticket 42.",
                    "event_tags", "manual  network sw3 outage=20260301_switch impact=50"))
            .post("/events/add/script")
            .then()
            .statusCode(201)
            .contentType(startsWith("text/plain"))
            .header("Location", matchesPattern("http://opsroom\\.test/events/\\d+"))
            .body(matchesPattern("ok event_id=\\d+\n"))
            .extract()
            .asString();
    Event event = stored(idOf(answer));
    assertEquals("Switch sw3 replaced", event.title);
    assertEquals("The old one lost a fan.\n\nSee ticket 42.", event.body);
    assertEquals(Instant.ofEpochSecond(1_760_003_000), event.at);
    assertEquals(
        List.of("manual", "network", "sw3", "outage=20260301_switch", "impact=50"), event.tags);
    assertEquals(List.of("20260301_switch"), event.values("outage"));
    assertEquals("anthracite", event.source);
  }

  @Test
  void aMultipartFormAsCurlDashFSendsIt() {
    Instant now = Instant.parse("2026-07-01T08:00:00Z");
    clock.set(now);
    String answer =
        asEditor()
            .multiPart("event_tags", "outage=db-7 start")
            .multiPart("event_desc", "Database refuses connections ü", "text/plain; charset=UTF-8")
            .multiPart("unknown_field", "ignored")
            .post("/events/add/script")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    Event event = stored(idOf(answer));
    assertEquals("Database refuses connections ü", event.title);
    assertEquals("", event.body);
    assertEquals(now, event.at);
    assertEquals(List.of("outage=db-7", "start"), event.tags);
  }

  @Test
  void aDescriptionFileUploadedWithCurlAtSignIsTheDescription() {
    String answer =
        asEditor()
            .multiPart(
                "event_desc",
                "desc.txt",
                "Deployed api 3.1\n- fix login\n".getBytes(StandardCharsets.UTF_8),
                "text/plain")
            .multiPart("event_timestamp", "1760003100")
            .post("/events/add/script")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    Event event = stored(idOf(answer));
    assertEquals("Deployed api 3.1", event.title);
    assertEquals("- fix login", event.body);
  }

  /** The curl commands of docs/events.md and of Anthracite's own scripts, run for real. */
  @Test
  void curlAsTheDocsAndAnthracitesScriptsUseIt(@TempDir Path tmp) throws Exception {
    String url = "http://localhost:" + RestAssured.port + "/events/add/script";
    String tag = Api.unique("curl").toLowerCase();
    Path desc = tmp.resolve("desc.txt");
    Files.writeString(desc, "Restarted the queue\nIt had stalled: ü & = %\n");
    List<List<String>> commands =
        List.of(
            List.of(
                "-H",
                "Authorization: Bearer " + editor,
                "--data-urlencode",
                "event_timestamp=1760003200",
                "--data-urlencode",
                "event_desc=Switch sw3 replaced & more",
                "--data-urlencode",
                "event_tags=" + tag + " manual outage=sw3 resolved"),
            List.of(
                "-u",
                "anthracite:" + editor,
                "-d",
                "event_desc=Switch sw3 replaced",
                "-d",
                "event_tags=" + tag + " manual outage=sw3 resolved"),
            List.of(
                "-H",
                "Authorization: Bearer " + editor,
                "-F",
                "event_timestamp=1760003200",
                "-F",
                "event_tags=" + tag + " manual",
                "-F",
                "event_desc=<" + desc));
    List<String> titles =
        List.of("Switch sw3 replaced & more", "Switch sw3 replaced", "Restarted the queue");
    for (int i = 0; i < commands.size(); i++) {
      List<String> command =
          new java.util.ArrayList<>(List.of("curl", "-sS", "-w", "\n%{http_code}"));
      command.addAll(commands.get(i));
      command.add(url);
      Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, curl.waitFor(), out);
      assertTrue(out.endsWith("\n201"), out);
      Event event = stored(idOf(out.substring(0, out.lastIndexOf("\n201"))));
      assertEquals(titles.get(i), event.title);
      assertEquals(tag, event.tags.get(0));
    }
    Event fromFile =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Event.<Event>find("title = ?1 order by id desc", "Restarted the queue")
                        .firstResult());
    assertEquals("It had stalled: ü & = %", fromFile.body);
    Event plain =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Event.<Event>find("title = ?1 order by id desc", "Switch sw3 replaced")
                        .firstResult());
    assertEquals(List.of(tag, "manual", "outage=sw3", "resolved"), plain.tags);
  }

  @Test
  void badFormsAreRefusedInAnthracitesWordsAsJson() {
    String tag = Api.unique("anth").toLowerCase();
    asEditor()
        .formParams(Map.of("event_timestamp", "yesterday", "event_desc", "x", "event_tags", tag))
        .post("/events/add/script")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/json"))
        .body("message", startsWith("Could not create new event: event_timestamp"))
        .body("fields", hasKey("event_timestamp"));
    asEditor()
        .formParams(Map.of("event_timestamp", "1760003000", "event_desc", "  ", "event_tags", tag))
        .post("/events/add/script")
        .then()
        .statusCode(400)
        .body(
            "fields.event_desc",
            equalTo("Could not create new event: event_desc must not be empty."));
    asEditor()
        .formParams(Map.of("event_desc", "x", "event_tags", tag + " outage="))
        .post("/events/add/script")
        .then()
        .statusCode(400)
        .body("fields.event_tags", containsString("has no value after ="));
    asEditor()
        .formParams(Map.of("event_desc", "x", "event_tags", tag, "event_timestamp", "99999999999"))
        .post("/events/add/script")
        .then()
        .statusCode(400)
        .body("fields.event_timestamp", containsString("more than a year ahead"));
    asEditor()
        .contentType("application/json")
        .body("{\"event_desc\": \"x\"}")
        .post("/events/add/script")
        .then()
        .statusCode(415)
        .body("message", containsString("send a form"));
    long written =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number)
                            Event.getEntityManager()
                                .createNativeQuery(
                                    "select count(*) from event where ?1 = any(tags)")
                                .setParameter(1, tag)
                                .getSingleResult())
                        .longValue());
    assertEquals(0, written);
  }

  @Test
  void postingNeedsAnEditorTokenNotASession() {
    Map<String, String> form = Map.of("event_desc", "x", "event_tags", "t");
    given()
        .formParams(form)
        .post("/events/add/script")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/json"));
    given()
        .header("Authorization", "Bearer " + Api.newToken("viewer"))
        .formParams(form)
        .post("/events/add/script")
        .then()
        .statusCode(403);
    given()
        .auth()
        .preemptive()
        .basic("anthracite", editor)
        .formParams(form)
        .post("/events/add/script")
        .then()
        .statusCode(201);
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    admin
        .postForm("/events/add/script", form)
        .then()
        .statusCode(403)
        .body("message", containsString("not a browser session"));
  }
}

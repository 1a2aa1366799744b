package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.platform.InvalidInputException;
import io.opsroom.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Declaring outages and recording their steps on PostgreSQL: what is written, what is refused (and
 * that a refusal writes nothing), the outages that tagged events create, and detection by the first
 * CRITICAL alert of the outage's application.
 */
@QuarkusTest
class OutageServiceTest {

  @Inject OutageService outages;
  @Inject EventService events;

  Instant now;

  @BeforeEach
  void start() {
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  static String key() {
    return Api.unique("svc").replace('_', '-');
  }

  Outage declare(String key, Instant start, String impact, String application) {
    return outages.declare(
        new OutageService.Declaration(
            key, "Checkout down " + key, start, impact, application, null, null),
        "alice",
        EventSource.WEB);
  }

  static long rows() {
    return QuarkusTransaction.requiringNew().call(() -> Outage.count() * 1_000_000 + Event.count());
  }

  static InvalidInputException refused(int status, String field, Runnable write) {
    long before = rows();
    InvalidInputException e = assertThrows(InvalidInputException.class, write::run);
    assertEquals(status, e.status(), e.fieldErrors().toString());
    assertTrue(e.fieldErrors().containsKey(field), e.fieldErrors().toString());
    assertEquals(before, rows(), "a refused write must leave no outage and no event behind");
    return e;
  }

  OutageTimeline timeline(String key) {
    return QuarkusTransaction.requiringNew().call(() -> outages.get(key).timeline());
  }

  Event event(Instant at, String title, String... tags) {
    return events.create(
        new EventInput(at, null, title, null, List.of(tags)), "script", EventSource.API);
  }

  Event alert(Instant at, String alertId, String level, String app) {
    return events.create(
        new EventInput(
            at,
            null,
            alertId + ": OK → " + level.toUpperCase(),
            null,
            List.of("alert", "alert=" + alertId, "level=" + level, "from=ok", "app=" + app)),
        null,
        EventSource.ALERT);
  }

  @Test
  void declaringWritesTheOutageAndItsStartEvent() {
    String key = key();
    String app = Api.unique("app");
    Outage outage =
        outages.declare(
            new OutageService.Declaration(
                key,
                "  Checkout returns 500  ",
                now.minus(Duration.ofHours(1)),
                "40",
                app,
                "https://wiki.example.org/pm/1",
                List.of("env=production")),
            "alice",
            EventSource.WEB);
    assertEquals(key, outage.key);
    Outage stored = QuarkusTransaction.requiringNew().call(() -> Outage.findById(key));
    assertEquals("Checkout returns 500", stored.title);
    assertEquals(app, stored.application);
    assertEquals("https://wiki.example.org/pm/1", stored.postmortemUrl);
    assertEquals("alice", stored.createdBy);
    List<Event> written = QuarkusTransaction.requiringNew().call(() -> outages.eventsOf(key));
    assertEquals(1, written.size());
    Event start = written.get(0);
    assertEquals(now.minus(Duration.ofHours(1)), start.at);
    assertEquals(
        List.of("outage=" + key, "start", "impact=40", "app=" + app, "env=production"), start.tags);
    assertEquals("web", start.source);
    assertEquals("alice", start.author);
    OutageTimeline t = timeline(key);
    assertTrue(t.isOpen());
    assertEquals(40, t.lastImpact());

    // Later steps carry the start's attributes, so searches for app= or env= find them too.
    Event resolved =
        outages.markResolved(
            key, new OutageService.Step(now, null, "Rolled back"), "bob", EventSource.WEB);
    assertEquals(
        List.of("outage=" + key, "resolved", "app=" + app, "env=production"), resolved.tags);
    assertEquals("Rolled back", resolved.body);
    assertEquals(Duration.ofHours(1), timeline(key).ttr());
  }

  @Test
  void aBlankKeyIsMadeFromTheTitleAndTheStartDate() {
    String word = Api.unique("Cafe");
    Instant start = Instant.parse("2026-03-28T10:00:00Z");
    String title = "Café " + word + " is DOWN!";
    Outage first =
        outages.declare(
            new OutageService.Declaration("", title, start, null, null, null, null),
            "alice",
            EventSource.WEB);
    String slug = ("cafe-" + word + "-is-down").toLowerCase().replace('_', '-');
    assertEquals(slug + "-2026-03-28", first.key);
    Outage second =
        outages.declare(
            new OutageService.Declaration(null, title, start, null, null, null, null),
            "alice",
            EventSource.WEB);
    assertEquals(slug + "-2026-03-28-2", second.key);
    assertEquals(100, timeline(first.key).startImpact());
  }

  @Test
  void badDeclarationsAreRefusedAndWriteNothing() {
    String key = key();
    refused(400, "key", () -> declare("Bad Key", now, null, null));
    refused(400, "impact", () -> declare(key, now, "abc", null));
    refused(400, "impact", () -> declare(key, now, "-5", null));
    refused(400, "impact", () -> declare(key, now, "12.5", null));
    refused(400, "start", () -> declare(key, now.plus(Duration.ofHours(3)), null, null));
    refused(400, "application", () -> declare(key, now, null, "two words"));
    refused(
        400,
        "title",
        () ->
            outages.declare(
                new OutageService.Declaration(key, " ", now, null, null, null, null),
                "alice",
                EventSource.WEB));
    refused(
        400,
        "postmortemUrl",
        () ->
            outages.declare(
                new OutageService.Declaration(key, "x", now, null, null, "ftp://pm", null),
                "alice",
                EventSource.WEB));
    refused(
        400,
        "tags",
        () ->
            outages.declare(
                new OutageService.Declaration(key, "x", now, null, null, null, List.of("resolved")),
                "alice",
                EventSource.WEB));
    // Several problems come back at once.
    InvalidInputException all = refused(400, "impact", () -> declare("Bad Key", now, "abc", null));
    assertTrue(all.fieldErrors().containsKey("key"));

    declare(key, now.minus(Duration.ofMinutes(5)), null, null);
    // A second start for the same key is a conflict.
    InvalidInputException taken = refused(409, "key", () -> declare(key, now, null, null));
    assertTrue(taken.getMessage().contains(key));
  }

  @Test
  void stepsAreCheckedAgainstTheTimeline() {
    String key = key();
    Instant start = now.minus(Duration.ofHours(2));
    declare(key, start, null, null);

    InvalidInputException early =
        refused(
            400,
            "time",
            () ->
                outages.markResolved(
                    key,
                    new OutageService.Step(start.minus(Duration.ofMinutes(1)), null, null),
                    "bob",
                    EventSource.WEB));
    assertTrue(early.getMessage().contains("before the outage's start"), early.getMessage());
    refused(
        400,
        "time",
        () ->
            outages.markDetected(
                key,
                new OutageService.Step(start.minus(Duration.ofMinutes(1)), null, null),
                "bob",
                EventSource.WEB));
    refused(
        400,
        "time",
        () ->
            outages.markDetected(
                key,
                new OutageService.Step(now.plus(Duration.ofHours(1)), null, null),
                "bob",
                EventSource.WEB));
    refused(
        400,
        "impact",
        () ->
            outages.changeImpact(
                key, new OutageService.Step(null, "abc", null), "bob", EventSource.WEB));
    refused(
        400,
        "impact",
        () ->
            outages.changeImpact(
                key, new OutageService.Step(null, "-1", null), "bob", EventSource.WEB));

    outages.markDetected(
        key,
        new OutageService.Step(start.plus(Duration.ofMinutes(5)), null, null),
        "bob",
        EventSource.WEB);
    refused(
        409,
        "time",
        () ->
            outages.markDetected(
                key, new OutageService.Step(null, null, null), "bob", EventSource.WEB));
    outages.changeImpact(
        key,
        new OutageService.Step(start.plus(Duration.ofMinutes(30)), "150", null),
        "bob",
        EventSource.WEB);
    outages.markResolved(
        key,
        new OutageService.Step(start.plus(Duration.ofHours(1)), null, null),
        "bob",
        EventSource.WEB);
    refused(
        409,
        "time",
        () ->
            outages.markResolved(
                key, new OutageService.Step(null, null, null), "bob", EventSource.WEB));
    refused(
        400,
        "time",
        () ->
            outages.changeImpact(
                key,
                new OutageService.Step(start.plus(Duration.ofMinutes(90)), "10", null),
                "bob",
                EventSource.WEB));

    OutageTimeline t = timeline(key);
    assertEquals(Duration.ofMinutes(5), t.ttd());
    assertEquals(Duration.ofHours(1), t.ttr());
    assertEquals(150, t.peakImpact());
    // 30 min at 100 % + 30 min at 150 % = 1,800 + 2,700 s.
    assertEquals(Duration.ofSeconds(4500), t.weightedDowntime(now));
    assertTrue(t.warnings().isEmpty(), t.warnings().toString());
  }

  @Test
  void unknownAndMalformedKeys() {
    assertThrows(
        NotFoundException.class,
        () ->
            outages.markResolved(
                key(), new OutageService.Step(null, null, null), "bob", EventSource.WEB));
    InvalidInputException bad =
        assertThrows(
            InvalidInputException.class,
            () ->
                outages.markResolved(
                    "No Such/Key",
                    new OutageService.Step(null, null, null),
                    "bob",
                    EventSource.WEB));
    assertEquals(400, bad.status());
    assertTrue(bad.fieldErrors().containsKey("key"));
  }

  @Test
  void taggedEventsCreateTheOutageAndContradictionsBecomeWarnings() {
    String key = key();
    Instant start = now.minus(Duration.ofHours(3));
    event(start, "Database primary lost its disk", "outage=" + key, "start", "impact=70");
    Outage created = QuarkusTransaction.requiringNew().call(() -> Outage.findById(key));
    assertNotNull(created, "an outage=<key> event creates the outage");
    assertEquals("Database primary lost its disk", created.title);
    assertEquals("script", created.createdBy);

    // What a script may send anyway: a second start, a resolution before the start, a bad impact.
    event(start.plus(Duration.ofMinutes(10)), "Started again?", "outage=" + key, "start");
    event(start.minus(Duration.ofMinutes(10)), "Resolved too early", "outage=" + key, "resolved");
    event(start.plus(Duration.ofMinutes(20)), "Impact?", "outage=" + key, "impact=lots");
    OutageTimeline t = timeline(key);
    assertEquals(start, t.start());
    assertNull(t.resolved());
    assertEquals(3, t.warnings().size(), t.warnings().toString());

    // A key the outage table cannot hold is refused with the event: nothing is written.
    refused(400, "tags", () -> event(now, "Bad key", "outage=DB_Primary", "start"));
  }

  @Test
  void theFirstCriticalAlertOfTheApplicationMarksItDetectedOnce() {
    String key = key();
    String app = Api.unique("shop");
    Instant start = now.minus(Duration.ofMinutes(30));
    declare(key, start, null, app);
    String other = key();
    declare(other, start, null, Api.unique("other"));

    alert(now.minus(Duration.ofMinutes(25)), Api.unique("lat"), "warning", app);
    assertNull(timeline(key).detected(), "a WARNING does not detect");
    alert(now.minus(Duration.ofMinutes(40)), Api.unique("early"), "critical", app);
    assertNull(timeline(key).detected(), "an alert before the start does not detect");

    String first = Api.unique("5xx");
    alert(now.minus(Duration.ofMinutes(20)), first, "critical", app);
    alert(now.minus(Duration.ofMinutes(10)), Api.unique("again"), "critical", app);
    OutageTimeline t = timeline(key);
    assertEquals(now.minus(Duration.ofMinutes(20)), t.detected());
    assertEquals(Duration.ofMinutes(10), t.ttd());
    List<OutageTimeline.Step> detected =
        t.steps().stream().filter(s -> s.kind() == OutageTimeline.Kind.DETECTED).toList();
    assertEquals(1, detected.size(), "detected once");
    assertEquals("alert", detected.get(0).entry().source());
    assertEquals("opsroom", detected.get(0).entry().author());
    assertTrue(detected.get(0).entry().tags().contains("alert=" + first));
    assertNull(timeline(other).detected(), "another application's outage is not detected");

    // Alerts of any application that fired during the outage are listed on it.
    List<String> fired =
        QuarkusTransaction.requiringNew().call(() -> outages.alertsDuring(timeline(key))).stream()
            .map(OutageService.AlertFired::alertId)
            .toList();
    assertTrue(fired.contains(first));
    assertFalse(fired.stream().anyMatch(id -> id.startsWith("early")), fired.toString());
    assertTrue(fired.stream().anyMatch(id -> id.startsWith("lat")), fired.toString());
  }

  @Test
  void aCriticalAlertBeforeTheDeclarationDetectsTheOutageBeingDeclared() {
    String app = Api.unique("pay");
    String alertId = Api.unique("pay-5xx");
    Instant start = now.minus(Duration.ofHours(1));
    alert(now.minus(Duration.ofMinutes(45)), alertId, "critical", app);
    String key = key();
    declare(key, start, null, app);
    OutageTimeline t = timeline(key);
    assertEquals(Duration.ofMinutes(15), t.ttd());
  }

  @Test
  void updatesAndThePostmortemEvent() {
    String key = key();
    declare(key, now.minus(Duration.ofMinutes(10)), null, null);
    refused(
        400,
        "postmortemUrl",
        () ->
            outages.update(
                key, new OutageService.Changes(null, "not a link", null), "bob", EventSource.WEB));
    refused(
        400,
        "title",
        () ->
            outages.update(
                key, new OutageService.Changes(" ", null, null), "bob", EventSource.WEB));
    outages.update(
        key,
        new OutageService.Changes("Renamed", "https://wiki.example.org/pm/7", "web"),
        "bob",
        EventSource.WEB);
    Outage o = QuarkusTransaction.requiringNew().call(() -> Outage.findById(key));
    assertEquals("Renamed", o.title);
    assertEquals("https://wiki.example.org/pm/7", o.postmortemUrl);
    assertEquals("web", o.application);
    List<Event> written = QuarkusTransaction.requiringNew().call(() -> outages.eventsOf(key));
    assertTrue(written.stream().anyMatch(e -> e.tags.contains("postmortem")));
    // Blank clears.
    outages.update(key, new OutageService.Changes(null, "", ""), "bob", EventSource.WEB);
    o = QuarkusTransaction.requiringNew().call(() -> Outage.findById(key));
    assertNull(o.postmortemUrl);
    assertNull(o.application);
  }
}

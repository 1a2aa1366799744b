package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.events.Event;
import io.opsroom.testing.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert transitions become changelog events in the cycle's own transaction: through the real cycle,
 * against a Graphite double whose answers the tests set.
 */
@QuarkusTest
@TestProfile(CannedGraphiteResource.Profile.class)
class AlertEventsTest {

  static final List<String> TARGETS =
      List.of("test.ev.shop", "test.ev.odd", "test.ev.fail", "test.ev.flap");

  @Inject AlertEvaluator evaluator;
  @Inject MutableClock clock;
  @Inject SessionFactory sessionFactory;

  long start;

  @BeforeEach
  void everythingOk() {
    EventWriteFailure.failFor = null;
    TARGETS.forEach(t -> CannedGraphiteResource.set(t, 1.0));
    for (int i = 0; i < CannedGraphiteResource.STORM; i++) {
      CannedGraphiteResource.set(CannedGraphiteResource.stormTarget(i), 1.0);
    }
    // Twice: a flapping alert left by another test needs no second chance, but a cycle that
    // found an alert new writes no transition, and the next one proves it is quiet.
    cycle();
    cycle();
    start = lastEventId();
  }

  @AfterEach
  void noFailure() {
    EventWriteFailure.failFor = null;
  }

  AlertEvaluator.CycleReport cycle() {
    clock.advance(Duration.ofSeconds(60));
    return evaluator.evaluate();
  }

  static long lastEventId() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Event last = Event.<Event>find("order by id desc").firstResult();
              return last == null ? 0L : last.id;
            });
  }

  /** The events written since the test began that have this tag, oldest first. */
  @SuppressWarnings("unchecked")
  List<Event> eventsTagged(String tag) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Event.getEntityManager()
                    .createNativeQuery(
                        "select * from event where id > ?1 and ?2 = any(tags) order by id",
                        Event.class)
                    .setParameter(1, start)
                    .setParameter(2, tag)
                    .getResultList());
  }

  List<AlertTransition> transitions(String alertId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                AlertTransition.<AlertTransition>list(
                    "alertId = ?1 and at > ?2 order by id",
                    alertId,
                    clock.instant().minus(Duration.ofHours(12))));
  }

  @Test
  void aTransitionWritesOneEventWithTheFixedTags() {
    CannedGraphiteResource.set("test.ev.shop", 50.0);
    cycle();
    assertEquals(Level.CRITICAL, AlertCycleTest.level("ev-shop"));

    List<Event> events = eventsTagged("alert=ev-shop");
    assertEquals(1, events.size(), "one event per transition");
    Event event = events.get(0);
    assertEquals(
        List.of("alert", "alert=ev-shop", "level=critical", "from=ok", "app=shop", "server=web_01"),
        event.tags);
    assertEquals("Shop errors: OK → CRITICAL", event.title);
    assertEquals("alert", event.source);
    assertEquals("opsroom", event.author);
    assertTrue(event.body.contains("value 50"), event.body);
    assertTrue(event.body.contains("critical above 10"), event.body);
    assertTrue(event.body.contains("[Alert page](/alerts/ev-shop)"), event.body);
    AlertTransition transition = transitions("ev-shop").get(transitions("ev-shop").size() - 1);
    assertEquals(transition.at, event.at, "the event is at the transition's time");

    // A quiet cycle writes nothing.
    cycle();
    assertEquals(1, eventsTagged("alert=ev-shop").size());

    CannedGraphiteResource.set("test.ev.shop", 7.0);
    cycle();
    List<Event> after = eventsTagged("alert=ev-shop");
    assertEquals(2, after.size());
    assertEquals("Shop errors: CRITICAL → WARNING", after.get(1).title);
    assertTrue(after.get(1).tags.containsAll(List.of("level=warning", "from=critical")));
  }

  @Test
  void labelsThatCannotBeTagsAreMadeValidOrLeftOut() {
    CannedGraphiteResource.set("test.ev.odd", 50.0);
    cycle();

    List<Event> events = eventsTagged("alert=ev-odd");
    assertEquals(1, events.size());
    // The 250-character app label is too long for a tag; the tab in the server label becomes _.
    assertEquals(
        List.of("alert", "alert=ev-odd", "level=critical", "from=ok", "server=db_02_new"),
        events.get(0).tags);
  }

  @Test
  void aFailingEventWriteFailsTheCycleAndLosesNothing() {
    EventWriteFailure.failFor = "ev-fail";
    CannedGraphiteResource.set("test.ev.fail", 50.0);
    int before = transitions("ev-fail").size();

    assertThrows(RuntimeException.class, this::cycle);
    assertEquals(Level.OK, AlertCycleTest.level("ev-fail"), "the level change is rolled back");
    assertEquals(before, transitions("ev-fail").size(), "no transition without its event");
    assertTrue(eventsTagged("alert=ev-fail").isEmpty());

    EventWriteFailure.failFor = null;
    cycle();
    assertEquals(Level.CRITICAL, AlertCycleTest.level("ev-fail"), "the next cycle writes it");
    assertEquals(before + 1, transitions("ev-fail").size());
    assertEquals(1, eventsTagged("alert=ev-fail").size());
  }

  @Test
  void flappingStartingAndStoppingAreOneEventEach() {
    for (int i = 0; i < 25 && !flapping("ev-flap"); i++) {
      CannedGraphiteResource.set("test.ev.flap", i % 2 == 0 ? 50.0 : 1.0);
      cycle();
    }
    assertTrue(flapping("ev-flap"), "alternating levels make it flap");
    for (int i = 0; i < 40 && flapping("ev-flap"); i++) {
      CannedGraphiteResource.set("test.ev.flap", 1.0);
      cycle();
    }
    assertTrue(!flapping("ev-flap"), "a steady level ends the flapping");

    List<Event> flaps = eventsTagged("flapping");
    assertEquals(
        List.of("Flapping one: flapping", "Flapping one: stopped flapping"),
        flaps.stream().map(e -> e.title).toList());
    assertEquals(List.of("alert", "alert=ev-flap", "flapping", "server=flap01"), flaps.get(0).tags);
    // Each transition still has its own event.
    long transitionEvents =
        eventsTagged("alert=ev-flap").stream().filter(e -> e.value("level") != null).count();
    assertTrue(transitionEvents >= 10, transitionEvents + " transition events");
  }

  @Test
  void aStormOfTwoHundredTransitionsCostsOneInsertEach() {
    Statistics statistics = sessionFactory.getStatistics();
    String event = Event.class.getName();

    statistics.clear();
    cycle();
    long quiet = statistics.getPrepareStatementCount();
    assertEquals(0, statistics.getEntityStatistics(event).getInsertCount(), "quiet: no event");

    for (int i = 0; i < CannedGraphiteResource.STORM; i++) {
      CannedGraphiteResource.set(CannedGraphiteResource.stormTarget(i), 50.0);
    }
    statistics.clear();
    AlertEvaluator.CycleReport report = cycle();
    long storm = statistics.getPrepareStatementCount();

    assertEquals(CannedGraphiteResource.STORM, report.transitions());
    assertEquals(
        CannedGraphiteResource.STORM,
        statistics.getEntityStatistics(event).getInsertCount(),
        "one event per transition");
    List<Event> events = eventsTagged("app=storm");
    assertEquals(CannedGraphiteResource.STORM, events.size());
    assertNotNull(events.get(0).value("alert"));
    long perTransition = (storm - quiet) / CannedGraphiteResource.STORM;
    System.out.printf(
        "Alert storm: %d statements quiet, %d with %d transitions%n",
        quiet, storm, CannedGraphiteResource.STORM);
    // The transition row, its event, and what the notify side records per alert.
    assertTrue(perTransition <= 4, perTransition + " statements per transition");

    for (int i = 0; i < CannedGraphiteResource.STORM; i++) {
      CannedGraphiteResource.set(CannedGraphiteResource.stormTarget(i), 1.0);
    }
    cycle();
  }

  static boolean flapping(String id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> AlertState.<AlertState>findById(id).flapping);
  }
}

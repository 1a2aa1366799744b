package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.Api;
import io.opsroom.testing.InjectMail;
import io.opsroom.testing.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher on real PostgreSQL and a real SMTP server, fed alert notices directly: when it
 * sends, what it groups, how it repeats over simulated days, and what it holds back.
 */
@QuarkusTest
class NotificationDispatcherTest {

  @Inject NotificationDispatcher dispatcher;
  @Inject OutboxDrainJob drainJob;
  @Inject MutableClock clock;

  @InjectMail GreenMail mail;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  /** An alert notice; its own recipient makes a mailbox only this test reads. */
  static AlertNotice notice(
      String id, AlertNotice.Level level, Instant since, String to, boolean ack, boolean silenced) {
    return new AlertNotice(
        id,
        "Alert " + id,
        level,
        since,
        level == AlertNotice.Level.OK ? 1.0 : 97.5,
        80.0,
        95.0,
        "above",
        null,
        "Disk *full*: see the runbook.",
        "https://wiki.example.org/runbooks/disk",
        new TreeMap<>(Map.of("team", "web")),
        List.of(to),
        silenced,
        ack,
        false,
        "token-" + id);
  }

  void observe(List<AlertNotice> notices) {
    observe(notices, Set.of());
  }

  void observe(List<AlertNotice> notices, Set<String> flappingStarted) {
    Instant now = clock.instant();
    QuarkusTransaction.requiringNew()
        .run(() -> dispatcher.observe(now, notices, flappingStarted, false, Optional.empty()));
  }

  /** Flushes due groups and sends what the outbox holds. */
  void deliver() {
    dispatcher.flush();
    while (drainJob.drain() > 0) {
      // until nothing is due
    }
  }

  static List<String> subjects(GreenMail mail, String address) throws Exception {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : Inbox.of(mail, address)) {
      subjects.add(m.getSubject());
    }
    return subjects;
  }

  @Test
  void anAlertNotifiesOnceAfterGroupWaitAndItsRecoveryGoesToTheSameChannel() throws Exception {
    String to = Inbox.uniqueAddress("oncall");
    String id = Api.unique("disk");
    Instant t0 = clock.instant();
    observe(List.of(notice(id, AlertNotice.Level.CRITICAL, t0, to, false, false)));
    deliver();
    assertEquals(List.of(), subjects(mail, to), "group_wait holds the first message 30 s");

    clock.advance(Duration.ofSeconds(30));
    observe(List.of(notice(id, AlertNotice.Level.CRITICAL, t0, to, false, false)));
    deliver();
    assertEquals(List.of("[CRITICAL] Alert " + id), subjects(mail, to));
    String body = Inbox.of(mail, to).get(0).getContent().toString();
    assertTrue(body.length() > 0);

    clock.advance(Duration.ofMinutes(2));
    observe(List.of(notice(id, AlertNotice.Level.OK, clock.instant(), to, false, false)));
    clock.advance(Duration.ofSeconds(30));
    deliver();
    assertEquals(List.of("[CRITICAL] Alert " + id, "[RECOVERED] Alert " + id), subjects(mail, to));
  }

  @Test
  void repeatsFollowTheScheduleForDaysWithTheLastGapRepeatingForever() throws Exception {
    String to = Inbox.uniqueAddress("repeat");
    String id = Api.unique("repeat");
    Instant t0 = clock.instant();
    List<Instant> expected = new ArrayList<>();
    expected.add(t0);
    Instant next = t0;
    for (Duration gap :
        List.of(
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4),
            Duration.ofHours(8),
            Duration.ofHours(24),
            Duration.ofHours(24),
            Duration.ofHours(24))) {
      next = next.plus(gap);
      expected.add(next);
    }
    // Checks every five minutes for four days; every gap is a multiple of five minutes.
    List<Instant> queuedAt = new ArrayList<>();
    int before = 0;
    for (Instant at = t0;
        !at.isAfter(t0.plus(Duration.ofDays(4)));
        at = at.plus(Duration.ofMinutes(5))) {
      clock.set(at);
      observe(List.of(notice(id, AlertNotice.Level.CRITICAL, t0, to, false, false)));
      int queued = pendingFor(id);
      if (queued > before) {
        queuedAt.add(at);
      }
      // Group wait is 30 s: a flush just after the check sends what this check queued.
      clock.set(at.plusSeconds(30));
      dispatcher.flush();
      before = pendingFor(id);
    }
    List<Instant> inWindow =
        expected.stream().filter(t -> !t.isAfter(t0.plus(Duration.ofDays(4)))).toList();
    assertEquals(inWindow, queuedAt);
    while (drainJob.drain() > 0) {
      // send them all
    }
    List<String> subjects = subjects(mail, to);
    assertEquals(inWindow.size(), subjects.size());
    assertEquals("[CRITICAL] Alert " + id, subjects.get(0));
    assertEquals("[CRITICAL] Alert " + id + " (still failing)", subjects.get(1));
  }

  private static int pendingFor(String id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        NotifyLog.getEntityManager()
                            .createNativeQuery(
                                "select (select count(*) from notify_pending where alert_id = ?1)"
                                    + " + (select count(*) from notify_log where alert_id = ?1)")
                            .setParameter(1, id)
                            .getSingleResult())
                    .intValue());
  }

  @Test
  void anAcknowledgementStopsRepeatsAndAChangeOfLevelIsSentAtOnce() throws Exception {
    String to = Inbox.uniqueAddress("ack");
    String id = Api.unique("ack");
    Instant t0 = clock.instant();
    observe(List.of(notice(id, AlertNotice.Level.WARNING, t0, to, false, false)));
    clock.advance(Duration.ofSeconds(30));
    deliver();
    // Acknowledged: an hour passes without the 5-minute and 30-minute repeats.
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofMinutes(5));
      observe(List.of(notice(id, AlertNotice.Level.WARNING, t0, to, true, false)));
      deliver();
    }
    assertEquals(List.of("[WARNING] Alert " + id), subjects(mail, to));
    // It gets worse: said at once, no group wait, whatever the acknowledgement said.
    clock.advance(Duration.ofMinutes(1));
    observe(List.of(notice(id, AlertNotice.Level.CRITICAL, clock.instant(), to, false, false)));
    deliver();
    assertEquals(List.of("[WARNING] Alert " + id, "[CRITICAL] Alert " + id), subjects(mail, to));
    // The acknowledgement lapsed (the notice says so): the repeat comes due 5 minutes later.
    clock.advance(Duration.ofMinutes(5));
    observe(List.of(notice(id, AlertNotice.Level.CRITICAL, t0, to, false, false)));
    deliver();
    assertEquals(3, subjects(mail, to).size());
  }

  @Test
  void alertsThatFireTogetherOnOneRouteComeAsOneMessage() throws Exception {
    String to = Inbox.uniqueAddress("group");
    List<AlertNotice> notices = new ArrayList<>();
    String prefix = Api.unique("group");
    for (int i = 0; i < 15; i++) {
      notices.add(
          notice(prefix + "-" + i, AlertNotice.Level.CRITICAL, clock.instant(), to, false, false));
    }
    observe(notices);
    clock.advance(Duration.ofSeconds(10));
    // One more joins the group before it is due: it is in the same message.
    observe(
        List.of(
            notice(
                prefix + "-late", AlertNotice.Level.WARNING, clock.instant(), to, false, false)));
    clock.advance(Duration.ofSeconds(20));
    deliver();
    List<MimeMessage> received = Inbox.of(mail, to);
    assertEquals(1, received.size());
    assertTrue(
        received.get(0).getSubject().startsWith("[CRITICAL] 16 alerts: Alert " + prefix + "-0"),
        received.get(0).getSubject());
  }

  @Test
  void moreAlertsThanTheStormCapBecomeOneSummary() throws Exception {
    String to = Inbox.uniqueAddress("storm");
    List<AlertNotice> notices = new ArrayList<>();
    String prefix = Api.unique("storm");
    for (int i = 0; i < 25; i++) {
      notices.add(
          notice(prefix + "-" + i, AlertNotice.Level.CRITICAL, clock.instant(), to, false, false));
    }
    observe(notices);
    clock.advance(Duration.ofSeconds(30));
    deliver();
    List<MimeMessage> received = Inbox.of(mail, to);
    assertEquals(1, received.size());
    assertEquals("[CRITICAL] 25 alerts fired at once", received.get(0).getSubject());
  }

  @Test
  void aSilencedAlertIsNotNotifiedUntilTheSilenceEnds() throws Exception {
    String to = Inbox.uniqueAddress("silence");
    String id = Api.unique("silenced");
    Instant t0 = clock.instant();
    observe(List.of(notice(id, AlertNotice.Level.CRITICAL, t0, to, false, true)));
    clock.advance(Duration.ofMinutes(30));
    observe(List.of(notice(id, AlertNotice.Level.CRITICAL, t0, to, false, true)));
    deliver();
    assertEquals(List.of(), subjects(mail, to));
    observe(List.of(notice(id, AlertNotice.Level.CRITICAL, t0, to, false, false)));
    clock.advance(Duration.ofSeconds(30));
    deliver();
    assertEquals(List.of("[CRITICAL] Alert " + id), subjects(mail, to));
  }

  @Test
  void flappingIsSaidOnceAndItsTransitionsAreNot() throws Exception {
    String to = Inbox.uniqueAddress("flap");
    String id = Api.unique("flap");
    AlertNotice flapping =
        new AlertNotice(
            id,
            "Alert " + id,
            AlertNotice.Level.CRITICAL,
            clock.instant(),
            97.0,
            80.0,
            95.0,
            "above",
            null,
            null,
            null,
            new TreeMap<>(),
            List.of(to),
            false,
            false,
            true,
            "t");
    observe(List.of(flapping), Set.of(id));
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(1));
      observe(List.of(flapping));
      deliver();
    }
    assertEquals(List.of("[FLAPPING] Alert " + id), subjects(mail, to));
  }
}

package io.opsroom.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.Api;
import io.opsroom.testing.InjectMail;
import io.opsroom.testing.MailResource;
import io.opsroom.testing.MutableClock;
import io.opsroom.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SMTP outage loses nothing: a failed send stays queued and is retried with backoff until the
 * server is back, or until the attempts are spent. The class has its own application and SMTP
 * server, which it stops and starts; the shared one keeps running for the other tests.
 */
@QuarkusTest
@TestProfile(OutboxRetryTest.OwnSmtpServer.class)
class OutboxRetryTest {

  /**
   * Its own PostgreSQL and GreenMail, and no pooled SMTP connections; the production number of
   * attempts, so an outage is seen as it would be lived.
   */
  public static class OwnSmtpServer implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // Without pooled connections, each attempt connects anew and sees the server's state.
      return Map.of("quarkus.mailer.keep-alive", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(PostgresResource.class), new TestResourceEntry(MailResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  /** The production drain interval, which tests that let time pass step through. */
  private static final Duration DRAIN_INTERVAL = Duration.ofSeconds(10);

  @Inject NotificationOutbox outbox;
  @Inject OutboxDrainJob drainJob;
  @Inject MutableClock clock;
  @Inject NotifyConfig config;
  @Inject EntityManager entityManager;

  @InjectMail GreenMail mail;

  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void pinClock() {
    clock.set(start);
    // A row a failed test left retrying would be sent by the next test's drains and counted there.
    QuarkusTransaction.requiringNew()
        .run(() -> entityManager.createNativeQuery("delete from notification").executeUpdate());
  }

  @AfterEach
  void restore() {
    clock.reset();
    if (!mail.isRunning()) {
      mail.start();
    }
  }

  @Test
  void aSendThatFailsIsRetriedLaterAndDeliveredOnce() {
    String hostmaster = Inbox.uniqueAddress("hostmaster");
    String key = queue(hostmaster);
    mail.stop();

    assertEquals(0, drainJob.drain());

    Notification failed = row(key);
    assertEquals(Notification.Status.PENDING, failed.status);
    assertEquals(1, failed.attempts);
    assertEquals(start.plus(RetryPolicy.FIRST_DELAY), failed.nextAttemptAt);
    assertFalse(failed.lastError.isBlank());
    assertTrue(failed.lastError.length() <= OutboxDrainJob.MAX_ERROR_LENGTH);
    assertNull(failed.sentAt);

    mail.start();
    clock.advance(RetryPolicy.FIRST_DELAY.minusSeconds(1));
    assertEquals(0, drainJob.drain(), "not due before its backoff has passed");
    assertEquals(1, row(key).attempts);
    assertEquals(List.of(), Inbox.of(mail, hostmaster));

    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, drainJob.drain());
    await().atMost(Duration.ofSeconds(10)).until(() -> Inbox.of(mail, hostmaster).size() == 1);
    Notification sent = row(key);
    assertEquals(Notification.Status.SENT, sent.status);
    assertEquals(2, sent.attempts);
    assertEquals(clock.instant(), sent.sentAt);

    clock.advance(Duration.ofHours(2));
    assertEquals(0, drainJob.drain());
    assertEquals(1, Inbox.of(mail, hostmaster).size(), "sent exactly once");
  }

  @Test
  void anSmtpServerRefusingConnectionsForTenMinutesDelaysTheMailsAndLosesNone() {
    List<String> recipients =
        List.of(
            Inbox.uniqueAddress("hostmaster"),
            Inbox.uniqueAddress("oncall"),
            Inbox.uniqueAddress("requester"));
    mail.stop();
    List<String> keys = recipients.stream().map(this::queue).toList();

    // The drain runs every 10 s as in production. A drain whose send fails tries no more emails,
    // so the three are first tried 10 s apart, each then after 30 s, 60 s, 120 s, 240 s: tries at
    // 0:00, 0:30, 1:30, 3:30 and 7:30 for the first, 10 s and 20 s later for the others.
    List<Duration> firstRow =
        List.of(
            Duration.ZERO,
            Duration.ofSeconds(30),
            Duration.ofSeconds(90),
            Duration.ofSeconds(210),
            Duration.ofSeconds(450));
    Duration outage = Duration.ofMinutes(10);
    for (Duration now = Duration.ZERO; now.compareTo(outage) < 0; now = now.plus(DRAIN_INTERVAL)) {
      clock.set(start.plus(now));
      assertEquals(0, drainJob.drain(), "nothing is sent at " + now);
      for (int i = 0; i < keys.size(); i++) {
        Duration elapsed = now.minus(DRAIN_INTERVAL.multipliedBy(i));
        int tried = (int) firstRow.stream().filter(at -> at.compareTo(elapsed) <= 0).count();
        Notification row = row(keys.get(i));
        assertEquals(Notification.Status.PENDING, row.status, "not dead: " + keys.get(i));
        assertEquals(tried, row.attempts, "attempts of " + keys.get(i) + " at " + now);
        assertNull(row.sentAt);
        if (tried > 0) {
          assertTrue(row.lastError.contains("Connection refused"), row.lastError);
        }
      }
    }
    // After the fifth refusal each waits 480 s: next tries at 15:30, 15:40 and 15:50.
    for (int i = 0; i < keys.size(); i++) {
      Notification row = row(keys.get(i));
      assertEquals(5, row.attempts);
      assertEquals(
          start.plus(Duration.ofSeconds(930)).plus(DRAIN_INTERVAL.multipliedBy(i)),
          row.nextAttemptAt);
    }

    // The server is back at 10:00; each mail goes at its next try, once.
    mail.start();
    int sent = 0;
    for (Duration now = outage;
        now.compareTo(Duration.ofMinutes(20)) < 0;
        now = now.plus(DRAIN_INTERVAL)) {
      clock.set(start.plus(now));
      sent += drainJob.drain();
    }
    assertEquals(keys.size(), sent);
    for (int i = 0; i < keys.size(); i++) {
      Notification row = row(keys.get(i));
      assertEquals(Notification.Status.SENT, row.status);
      assertEquals(6, row.attempts);
      assertEquals(
          start.plus(Duration.ofSeconds(930)).plus(DRAIN_INTERVAL.multipliedBy(i)), row.sentAt);
    }
    clock.advance(Duration.ofHours(2));
    assertEquals(0, drainJob.drain());
    for (String recipient : recipients) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !Inbox.of(mail, recipient).isEmpty());
      assertEquals(1, Inbox.of(mail, recipient).size(), "sent exactly once: " + recipient);
    }
  }

  @Test
  void afterTheLastAllowedAttemptANotificationIsDead() {
    String hostmaster = Inbox.uniqueAddress("hostmaster");
    String key = queue(hostmaster);
    mail.stop();

    for (int attempt = 1; attempt < config.maxAttempts(); attempt++) {
      drainJob.drain();
      Notification waiting = row(key);
      assertEquals(Notification.Status.PENDING, waiting.status);
      assertEquals(attempt, waiting.attempts);
      clock.set(waiting.nextAttemptAt);
    }
    drainJob.drain();

    Notification dead = row(key);
    assertEquals(Notification.Status.DEAD, dead.status);
    assertEquals(config.maxAttempts(), dead.attempts);
    assertFalse(dead.lastError.isBlank());

    mail.start();
    clock.advance(Duration.ofDays(1));
    drainJob.drain();
    assertEquals(config.maxAttempts(), row(key).attempts);
    assertEquals(List.of(), Inbox.of(mail, hostmaster), "a dead notification is not sent");
  }

  private String queue(String recipient) {
    String key = Api.unique("outage");
    EmailMessage message = new EmailMessage(List.of(recipient), "Outage", "<p>x</p>", "x");
    assertTrue(QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(key, message)));
    return key;
  }

  private Notification row(String key) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Notification.findByDedupeKey(key))
        .orElseThrow();
  }
}

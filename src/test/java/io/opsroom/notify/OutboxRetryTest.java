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

  /** Its own PostgreSQL and GreenMail, three attempts, and no pooled SMTP connections. */
  public static class OwnSmtpServer implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // Without pooled connections, each attempt connects anew and sees the server's state.
      return Map.of("opsroom.notify.max-attempts", "3", "quarkus.mailer.keep-alive", "false");
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

  @Inject NotificationOutbox outbox;
  @Inject OutboxDrainJob drainJob;
  @Inject MutableClock clock;

  @InjectMail GreenMail mail;

  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void pinClock() {
    clock.set(start);
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
  void afterTheLastAllowedAttemptANotificationIsDead() {
    String hostmaster = Inbox.uniqueAddress("hostmaster");
    String key = queue(hostmaster);
    mail.stop();

    drainJob.drain();
    assertEquals(Notification.Status.PENDING, row(key).status);
    clock.advance(Duration.ofSeconds(30));
    drainJob.drain();
    Notification second = row(key);
    assertEquals(Notification.Status.PENDING, second.status);
    assertEquals(2, second.attempts);
    assertEquals(clock.instant().plus(Duration.ofMinutes(1)), second.nextAttemptAt);
    clock.advance(Duration.ofMinutes(1));
    drainJob.drain();

    Notification dead = row(key);
    assertEquals(Notification.Status.DEAD, dead.status);
    assertEquals(3, dead.attempts);
    assertFalse(dead.lastError.isBlank());

    mail.start();
    clock.advance(Duration.ofDays(1));
    drainJob.drain();
    assertEquals(3, row(key).attempts);
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

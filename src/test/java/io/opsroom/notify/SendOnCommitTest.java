package io.opsroom.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.Api;
import io.opsroom.testing.InjectMail;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With send-on-commit on, as outside tests, a notification leaves as soon as its transaction
 * commits, without waiting for the scheduled drain (which is off here).
 */
@QuarkusTest
@TestProfile(SendOnCommitTest.SendOnCommit.class)
class SendOnCommitTest {

  /**
   * GreenMail now and then accepts a connection and stays silent until its 30 s socket timeout; the
   * mailer then retries on a new connection (EmailNotifier). A send that takes that detour still
   * arrives, so the wait outlasts it.
   */
  static final Duration MAIL_ARRIVES = Duration.ofSeconds(75);

  /** The test profile with the send after commit switched back on. */
  public static class SendOnCommit implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("opsroom.notify.send-on-commit", "true");
    }
  }

  @Inject NotificationOutbox outbox;

  @InjectMail GreenMail mail;

  @Test
  void aCommittedNotificationIsSentWithoutADrain() {
    String hostmaster = Inbox.uniqueAddress("hostmaster");
    String key = Api.unique("at-once");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                assertTrue(
                    outbox.enqueue(
                        key, new EmailMessage(List.of(hostmaster), "At once", "<p>x</p>", "x"))));

    await().atMost(MAIL_ARRIVES).until(() -> Inbox.of(mail, hostmaster).size() == 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                QuarkusTransaction.requiringNew()
                        .call(() -> Notification.findByDedupeKey(key))
                        .orElseThrow()
                        .status
                    == Notification.Status.SENT);
    assertEquals("At once", subject(Inbox.of(mail, hostmaster).get(0)));
  }

  @Test
  void aRolledBackNotificationIsNeitherKeptNorSent() {
    String hostmaster = Inbox.uniqueAddress("hostmaster");
    String rolledBack = Api.unique("rolled-back");
    assertThrows(
        IllegalStateException.class,
        () ->
            QuarkusTransaction.requiringNew()
                .run(
                    () -> {
                      outbox.enqueue(
                          rolledBack,
                          new EmailMessage(List.of(hostmaster), "Rolled back", null, "x"));
                      throw new IllegalStateException("the business write failed");
                    }));
    // A committed notification to the same mailbox, queued after it, marks when sends are done.
    String committed = Api.unique("committed");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    committed, new EmailMessage(List.of(hostmaster), "Committed", null, "x")));

    await().atMost(MAIL_ARRIVES).until(() -> !Inbox.of(mail, hostmaster).isEmpty());
    assertEquals(
        List.of("Committed"), Inbox.of(mail, hostmaster).stream().map(this::subject).toList());
    assertEquals(
        0L,
        QuarkusTransaction.requiringNew().call(() -> Notification.count("dedupeKey", rolledBack)));
  }

  private String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}

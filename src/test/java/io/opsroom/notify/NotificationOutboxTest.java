package io.opsroom.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.Api;
import io.opsroom.testing.InjectMail;
import io.opsroom.testing.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on real PostgreSQL and a real SMTP server: what is queued in a committed transaction
 * is sent once by the drain, what is rolled back is never sent.
 */
@QuarkusTest
class NotificationOutboxTest {

  @Inject NotificationOutbox outbox;
  @Inject OutboxDrainJob drainJob;
  @Inject MutableClock clock;
  @Inject EntityManager entityManager;

  @InjectMail GreenMail mail;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void aQueuedEmailIsSentByTheDrainAsHtmlWithATextAlternative() throws Exception {
    String hostmaster = Inbox.uniqueAddress("hostmaster");
    String deputy = Inbox.uniqueAddress("deputy");
    String requester = Inbox.uniqueAddress("alice");
    String key = Api.unique("alias-request");
    EmailMessage message =
        new EmailMessage(
            List.of(hostmaster, "Deputy Hostmaster <" + deputy + ">"),
            "Alias request: www.opsroom.test",
            "<p>Please add <b>www.opsroom.test</b>.</p>",
            "Please add www.opsroom.test.",
            requester);

    assertTrue(QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(key, message)));
    Notification queued = row(key);
    assertEquals(Notification.Status.PENDING, queued.status);
    assertEquals(Notification.Channel.EMAIL, queued.channel);
    assertEquals(0, queued.attempts);
    assertEquals(List.of(), Inbox.of(mail, hostmaster), "nothing is sent before the drain");

    assertTrue(drainJob.drain() >= 1);

    await().atMost(Duration.ofSeconds(10)).until(() -> Inbox.of(mail, deputy).size() == 1);
    List<MimeMessage> received = Inbox.of(mail, hostmaster);
    assertEquals(1, received.size());
    MimeMessage email = received.get(0);
    assertEquals("Alias request: www.opsroom.test", email.getSubject());
    assertEquals(
        List.of(hostmaster, deputy),
        Arrays.stream(email.getRecipients(MimeMessage.RecipientType.TO))
            .map(address -> ((InternetAddress) address).getAddress())
            .toList());
    Address[] replyTo = email.getReplyTo();
    assertEquals(requester, ((InternetAddress) replyTo[0]).getAddress());
    assertTrue(email.getContentType().startsWith("multipart/alternative"), email.getContentType());
    Multipart alternatives = (Multipart) email.getContent();
    assertEquals(2, alternatives.getCount());
    assertTrue(alternatives.getBodyPart(0).isMimeType("text/plain"));
    assertEquals(
        "Please add www.opsroom.test.",
        alternatives.getBodyPart(0).getContent().toString().strip());
    assertTrue(alternatives.getBodyPart(1).isMimeType("text/html"));
    assertTrue(
        alternatives.getBodyPart(1).getContent().toString().contains("<b>www.opsroom.test</b>"));

    Notification sent = row(key);
    assertEquals(Notification.Status.SENT, sent.status);
    assertEquals(1, sent.attempts);
    assertNotNull(sent.sentAt);
  }

  @Test
  void theSameDedupeKeyIsQueuedAndSentOnce() {
    String hostmaster = Inbox.uniqueAddress("hostmaster");
    String key = Api.unique("alias-request");
    EmailMessage message = new EmailMessage(List.of(hostmaster), "Once", null, "Only once.");

    assertTrue(QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(key, message)));
    assertFalse(QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(key, message)));
    drainJob.drain();
    await().atMost(Duration.ofSeconds(10)).until(() -> Inbox.of(mail, hostmaster).size() == 1);

    assertFalse(
        QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(key, message)),
        "a key that was sent is still taken");
    clock.advance(Duration.ofDays(1));
    drainJob.drain();
    assertEquals(1, Inbox.of(mail, hostmaster).size());
    assertEquals(1L, count(key));
  }

  @Test
  void aRolledBackTransactionLeavesNoNotification() {
    String hostmaster = Inbox.uniqueAddress("hostmaster");
    String key = Api.unique("alias-request");
    EmailMessage message = new EmailMessage(List.of(hostmaster), "Never", null, "Never sent.");

    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          assertTrue(outbox.enqueue(key, message));
                          throw new IllegalStateException("the business write failed");
                        }));
    assertEquals("the business write failed", failure.getMessage());

    assertEquals(0L, count(key));
    drainJob.drain();
    assertEquals(List.of(), Inbox.of(mail, hostmaster));
    assertTrue(
        QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(key, message)),
        "the key of a rolled-back notification is free again");
  }

  @Test
  void queuingOutsideATransactionIsRefused() {
    EmailMessage message =
        new EmailMessage(List.of(Inbox.uniqueAddress("hostmaster")), "No tx", null, "x");
    String key = Api.unique("no-transaction");
    assertThrows(TransactionalException.class, () -> outbox.enqueue(key, message));
    assertEquals(0L, count(key));
  }

  @Test
  void aBadDedupeKeyIsRefused() {
    EmailMessage message =
        new EmailMessage(List.of(Inbox.uniqueAddress("hostmaster")), "Key", null, "x");
    for (String key : new String[] {"", " ", "a\nb", "k".repeat(201)}) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class,
              () -> QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(key, message)));
      assertTrue(refused.getMessage().contains("dedupe key"), refused.getMessage());
    }
  }

  @Test
  void aSubjectWithCrLfNeverReachesTheOutbox() {
    String hostmaster = Inbox.uniqueAddress("hostmaster");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            QuarkusTransaction.requiringNew()
                .run(
                    () ->
                        outbox.enqueue(
                            Api.unique("injection"),
                            new EmailMessage(
                                List.of(hostmaster),
                                "Alias request\r\nBcc: victim@evil.test",
                                null,
                                "x"))));
  }

  @Test
  void aRowWithAnUnreadablePayloadIsMarkedFailedAndNotRetried() {
    String key = Api.unique("hand-written");
    Instant now = clock.instant();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                entityManager
                    .createNativeQuery(
                        "insert into notification (dedupe_key, channel, payload, status, attempts,"
                            + " next_attempt_at, created_at) values (:key, 'email',"
                            + " '{\"subject\": \"no recipients\"}', 'pending', 0, :now, :now)")
                    .setParameter("key", key)
                    .setParameter("now", now)
                    .executeUpdate());

    drainJob.drain();

    Notification failed = row(key);
    assertEquals(Notification.Status.FAILED, failed.status);
    assertEquals(1, failed.attempts);
    assertTrue(failed.lastError.contains("not a valid email"), failed.lastError);
    clock.advance(Duration.ofDays(1));
    drainJob.drain();
    assertEquals(1, row(key).attempts);
  }

  @Test
  void drainsRunningTogetherSendEachNotificationOnce() throws Exception {
    List<String> recipients = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      recipients.add(Inbox.uniqueAddress("parallel"));
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (String recipient : recipients) {
                outbox.enqueue(
                    Api.unique("parallel"),
                    new EmailMessage(List.of(recipient), "Parallel", null, "x"));
              }
            });

    // Two drains, as two instances would run them, each starting on its own thread at once.
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Integer>> drains = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      drains.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return drainJob.drain();
              }));
    }
    start.countDown();
    int sent = 0;
    for (CompletableFuture<Integer> drain : drains) {
      sent += drain.get();
    }

    // A send that the test SMTP server stalls on fails and waits for its retry: that is the
    // outbox doing its job, not a second delivery. Let the retries run; each mail must still
    // arrive exactly once.
    for (int retry = 0; sent < recipients.size() && retry < 3; retry++) {
      clock.advance(Duration.ofDays(1));
      sent += drainJob.drain();
    }
    assertTrue(sent >= recipients.size(), "sent " + sent);
    for (String recipient : recipients) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !Inbox.of(mail, recipient).isEmpty());
      assertEquals(1, Inbox.of(mail, recipient).size(), recipient);
    }
  }

  @Test
  void theMetricsCountAttemptsAndUnsentNotifications() {
    String key = Api.unique("metrics");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    key,
                    new EmailMessage(
                        List.of(Inbox.uniqueAddress("metrics")), "Metrics", null, "x")));
    drainJob.drain();

    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("opsroom_notifications_unsent{status=\"pending\"}"))
        .body(containsString("opsroom_notifications_unsent{status=\"dead\"}"))
        .body(
            containsString(
                "opsroom_notifications_attempts_total{channel=\"email\",outcome=\"sent\"}"));
  }

  private Notification row(String key) {
    Optional<Notification> row =
        QuarkusTransaction.requiringNew().call(() -> Notification.findByDedupeKey(key));
    assertTrue(row.isPresent(), "no notification " + key);
    return row.get();
  }

  private long count(String key) {
    return QuarkusTransaction.requiringNew().call(() -> Notification.count("dedupeKey", key));
  }
}

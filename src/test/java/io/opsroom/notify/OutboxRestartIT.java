package io.opsroom.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.AppProcess;
import io.opsroom.testing.AppProcesses;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notifications outlive a crash: emails queued by an instance that could not send them and was then
 * killed with SIGKILL are sent by the next instance on the same database, each exactly once.
 */
class OutboxRestartIT {

  private static final int REQUESTS = 15;
  private static final int EMAILS = 2 * REQUESTS;

  /**
   * Long enough for the first retry, which comes 30 seconds after a failed send
   * (RetryPolicy.FIRST_DELAY) by the real clock of another process, plus an instance start.
   */
  private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(3);

  @RegisterExtension final AppProcesses apps = new AppProcesses();

  private final OutboxProbe outbox = new OutboxProbe(apps);

  @Test
  void pendingEmailsSurviveKillNineAndAreSentOnceByTheNextInstance() throws Exception {
    // The SMTP server is down: every send of instance A fails, and the rows wait for a retry.
    AppProcess a = apps.start("a", Map.of());
    Set<String> expected = AliasRequests.request(a, REQUESTS);
    assertEquals(EMAILS, expected.size());
    await("A has tried and failed to send all " + EMAILS + " emails")
        .atMost(OutboxProbe.DRAIN_DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(outbox::pendingAfterFailedSend, n -> n == EMAILS);
    assertEquals(Map.of("pending", (long) EMAILS), outbox.statuses());

    a.kill();
    assertFalse(a.isAlive());
    assertEquals(
        Map.of("pending", (long) EMAILS),
        outbox.statuses(),
        "a killed instance loses no queued email");

    GreenMail mail = apps.startMail();
    AppProcess b = apps.start("b", Map.of());
    await("B has delivered all " + EMAILS + " emails to the SMTP server")
        .atMost(DELIVERY_DEADLINE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> mail.getReceivedMessages().length >= EMAILS);
    await("B has marked every row sent")
        .atMost(OutboxProbe.DRAIN_DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(outbox::statuses, statuses -> !statuses.containsKey("pending"));
    // Were anything to be sent twice, the next drains would send it: wait for two more of B's.
    outbox.awaitWholeDrains(2, b);

    assertEquals(EMAILS, mail.getReceivedMessages().length, "emails received");
    Map<String, Long> received = OutboxProbe.received(mail);
    assertEquals(expected, received.keySet(), "each hostmaster mail and requester copy");
    received.forEach((email, times) -> assertEquals(1L, times, email));
    assertEquals(Map.of("sent", (long) EMAILS), outbox.statuses());
    assertEquals(EMAILS, OutboxProbe.sentBy(b), "sends B counted");
  }
}

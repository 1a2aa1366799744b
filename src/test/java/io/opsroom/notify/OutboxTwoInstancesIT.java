package io.opsroom.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.AppProcess;
import io.opsroom.testing.AppProcesses;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances on one database drain the same outbox at the same time, and each email is still
 * sent exactly once.
 */
class OutboxTwoInstancesIT {

  private static final int REQUESTS = 40;
  private static final int EMAILS = 2 * REQUESTS;

  /**
   * Five emails per drain and a drain a second: eighty emails that fall due within a few seconds of
   * each other are more than one instance sends before the other's next drain, so both claim rows
   * from the same due set.
   */
  private static final Map<String, String> SETTINGS = Map.of("OPSROOM_NOTIFY_BATCH_SIZE", "5");

  /** The first retry comes 30 seconds after the failed send, by the real clock. */
  private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(3);

  @RegisterExtension final AppProcesses apps = new AppProcesses();

  private final OutboxProbe outbox = new OutboxProbe(apps);

  @Test
  void twoInstancesDrainingTogetherSendEachEmailOnce() throws Exception {
    // Both start at once on an empty database: migrations and the first admin are theirs to share.
    AppProcess a = apps.launch("a", SETTINGS);
    AppProcess b = apps.launch("b", SETTINGS);
    a.awaitReady();
    b.awaitReady();

    // The SMTP server is down while the requests come in: the sends after commit and the drains of
    // both instances fail, and every row waits for its retry.
    Set<String> expected = AliasRequests.request(a, REQUESTS);
    assertEquals(EMAILS, expected.size());
    await("the first send of all " + EMAILS + " emails has failed")
        .atMost(OutboxProbe.DRAIN_DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(outbox::pendingAfterFailedSend, n -> n == EMAILS);

    GreenMail mail = apps.startMail();
    await("all " + EMAILS + " emails delivered to the SMTP server")
        .atMost(DELIVERY_DEADLINE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> mail.getReceivedMessages().length >= EMAILS);
    await("every row marked sent")
        .atMost(OutboxProbe.DRAIN_DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(outbox::statuses, statuses -> !statuses.containsKey("pending"));
    // Were anything to be sent twice, the next drains would send it: wait for two more of each.
    outbox.awaitWholeDrains(2, a, b);

    double sentByA = OutboxProbe.sentBy(a);
    double sentByB = OutboxProbe.sentBy(b);
    System.out.printf(
        "OutboxTwoInstancesIT: instance a sent %.0f, instance b sent %.0f of %d emails%n",
        sentByA, sentByB, EMAILS);
    assertEquals(EMAILS, mail.getReceivedMessages().length, "emails received");
    Map<String, Long> received = OutboxProbe.received(mail);
    assertEquals(expected, received.keySet(), "each hostmaster mail and requester copy");
    received.forEach((email, times) -> assertEquals(1L, times, email));
    assertEquals(Map.of("sent", (long) EMAILS), outbox.statuses());
    assertEquals(EMAILS, sentByA + sentByB, "sends counted by the two instances together");

    a.stop();
    b.stop();
  }
}

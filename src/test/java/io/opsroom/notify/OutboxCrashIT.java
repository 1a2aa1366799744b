package io.opsroom.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.opsroom.testing.AppProcess;
import io.opsroom.testing.AppProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one duplicate the outbox allows: an instance killed with SIGKILL after a webhook receiver got
 * the message and before the row was marked sent leaves the row pending, and the next instance
 * sends it again, so the receiver gets it twice and it is never lost.
 */
class OutboxCrashIT {

  private static final String HOOK = "/hook";

  /**
   * The receiver reads the message at once and answers only after this long, which holds instance A
   * between the send and the commit of "sent" for as long as the test needs: until instance B has
   * started and drained, and A is killed. It must outlast B's start (at most {@link
   * AppProcess#START_DEADLINE}), and A's HTTP timeout must outlast it, or A would give up first and
   * record a failed attempt instead of crashing mid-send.
   */
  private static final Duration RECEIVER_DELAY = Duration.ofMinutes(5);

  private static final Duration HTTP_TIMEOUT = RECEIVER_DELAY.plusMinutes(1);

  @RegisterExtension final AppProcesses apps = new AppProcesses();

  private final OutboxProbe outbox = new OutboxProbe(apps);

  @TempDir Path alerts;

  private WireMockServer receiver;
  private Map<String, String> settings;

  @BeforeEach
  void startReceiver() throws Exception {
    // Delayed answers are scheduled rather than slept on a server thread, so the answer still owed
    // to the killed instance does not hold up stopping the server.
    receiver =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .asynchronousResponseEnabled(true));
    receiver.start();
    Files.writeString(
        alerts.resolve("routes.yaml"),
        "channels:\n  receiver: {webhook: {url: \"" + receiver.baseUrl() + HOOK + "\"}}\n");
    settings =
        Map.of(
            "OPSROOM_ALERTS_DIR",
            alerts.toString(),
            "OPSROOM_NOTIFY_HTTP_TIMEOUT",
            HTTP_TIMEOUT.toSeconds() + "s");
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop();
  }

  @Test
  void killNineBetweenTheReceiversAcceptAndMarkingSentSendsOnceMoreAndLosesNothing()
      throws Exception {
    // WireMock lists a request in its journal as soon as it has read it, before the delayed answer
    // is written: "received" can be seen while A still waits for the answer.
    StubMapping slow =
        receiver.stubFor(
            post(HOOK)
                .willReturn(
                    aResponse().withStatus(200).withFixedDelay((int) RECEIVER_DELAY.toMillis())));
    AppProcess a = apps.start("a", settings);

    String key =
        a.asAdmin()
            .post("/api/notification-channels/receiver/test")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("dedupeKey");
    assertNotNull(key);
    await("the receiver has A's request")
        .atMost(OutboxProbe.DRAIN_DEADLINE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> requests().size() == 1);
    // What is sent from now on is answered at once; A's request keeps the delay it matched.
    receiver.removeStub(slow);
    receiver.stubFor(post(HOOK).willReturn(aResponse().withStatus(200)));

    // While A waits for the answer it holds the row's lock, so B's drains skip the row.
    AppProcess b = apps.start("b", settings);
    outbox.awaitWholeDrains(2, b);
    assertEquals(1, requests().size(), "B does not send a row A is sending");
    OutboxProbe.Row sending = outbox.row(key);
    assertEquals(
        "pending", sending.status(), "not sent while the receiver has not answered A: " + sending);
    assertEquals(0, sending.attempts(), "A's attempt is not committed yet: " + sending);

    a.kill();
    assertFalse(a.isAlive());
    OutboxProbe.Row afterCrash = outbox.row(key);
    assertEquals("pending", afterCrash.status(), "the killed instance's send is not lost");
    assertEquals(0, afterCrash.attempts(), "A's attempt died with its transaction");
    assertNull(afterCrash.lastError());

    // The row is due as it was queued (A's transaction never moved next_attempt_at), so B's next
    // drain sends it.
    await("B has sent the message again")
        .atMost(OutboxProbe.DRAIN_DEADLINE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> outbox.row(key).status().equals("sent"));
    // Were it to be sent a third time, the next drains would send it: wait for two more of B's.
    outbox.awaitWholeDrains(2, b);

    List<LoggedRequest> received = requests();
    assertEquals(2, received.size(), "one duplicate for one crash");
    assertEquals(
        received.get(0).getBodyAsString(),
        received.get(1).getBodyAsString(),
        "the same message both times");
    assertTrue(received.get(0).getBodyAsString().contains("opsroom-test"));
    OutboxProbe.Row sent = outbox.row(key);
    assertEquals(1, sent.attempts(), "B's attempt is the only one recorded: " + sent);
    assertNull(sent.lastError());
    assertEquals(Map.of("sent", 1L), outbox.statuses(), "one row for the one message");
    assertEquals(1, OutboxProbe.sentBy(b, "webhook"), "sends B counted");
  }

  private List<LoggedRequest> requests() {
    return receiver.findAll(postRequestedFor(urlEqualTo(HOOK)));
  }
}

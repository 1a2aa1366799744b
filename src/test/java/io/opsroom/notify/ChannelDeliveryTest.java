package io.opsroom.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.opsroom.notify.ChannelReceivers.PAGERDUTY_PATH;
import static io.opsroom.notify.ChannelReceivers.SLACK_PATH;
import static io.opsroom.notify.ChannelReceivers.WEBHOOK_PATH;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.InjectMail;
import io.opsroom.testing.MutableClock;
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
 * Slack, PagerDuty and webhooks through the real outbox and drain, with WireMock answering as each
 * service does: what arrives is exactly the formatted JSON, and each kind of answer leads to the
 * retry (or the dead row) it should. Time only moves when the test moves the clock.
 */
@QuarkusTest
@TestProfile(ChannelDeliveryTest.Channels.class)
class ChannelDeliveryTest {

  /**
   * WireMock for the three services, a one-second HTTP timeout (so a hanging receiver costs a
   * second), and the production jitter, to see it at work in the drain.
   */
  public static class Channels implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "opsroom.notify.http-timeout", "1s",
          "opsroom.notify.retry-jitter", "0.1");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(ChannelReceivers.class));
    }
  }

  private static final ChannelSpec.Slack SLACK =
      new ChannelSpec.Slack("ops-slack", "TEST_SLACK_URL", null);
  private static final ChannelSpec.PagerDuty PAGER =
      new ChannelSpec.PagerDuty("pd-web", "TEST_PD_KEY", false);
  private static final ChannelSpec.Webhook WEBHOOK =
      new ChannelSpec.Webhook("tickets", null, "TEST_WEBHOOK_URL", "TEST_WEBHOOK_TOKEN");

  @Inject NotificationOutbox outbox;
  @Inject OutboxDrainJob drainJob;
  @Inject MutableClock clock;
  @Inject EntityManager entityManager;
  @Inject SlackFormatter slackFormatter;
  @Inject PagerDutyFormatter pagerDutyFormatter;
  @Inject WebhookFormatter webhookFormatter;

  @ChannelReceivers.InjectReceivers WireMockServer receivers;
  @InjectMail GreenMail mail;

  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private int dispatches;

  @BeforeEach
  void reset() {
    clock.set(start);
    receivers.resetAll();
    // Rows a previous test left retrying would be sent by this test's drains.
    QuarkusTransaction.requiringNew()
        .run(() -> entityManager.createNativeQuery("delete from notification").executeUpdate());
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void aSlackMessageArrivesExactlyAsFormatted() {
    answer(SLACK_PATH, aResponse().withStatus(200).withBody("ok"));
    Outbound row = slackFormatter.format(Notices.group(nextKey()), SLACK).get(0);
    assertTrue(queue(row));
    assertFalse(queue(row), "the same key is queued once");

    Notification queued = row(row.dedupeKey());
    assertEquals(Notification.Channel.SLACK, queued.channel);
    assertEquals("ops-slack", queued.channelName);
    assertEquals("[CRITICAL] 2 alerts: Disk full on web1, Load on web2", queued.summary);

    assertEquals(1, drainJob.drain());

    receivers.verify(
        1,
        postRequestedFor(urlEqualTo(SLACK_PATH))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(Notices.fixture("slack-group.json"))));
    Notification sent = row(row.dedupeKey());
    assertEquals(Notification.Status.SENT, sent.status);
    assertEquals(1, sent.attempts);
    assertEquals(start, sent.sentAt);
  }

  @Test
  void slackRateLimitingIsWaitedOutAsSlackAsked() {
    answer(
        SLACK_PATH,
        aResponse().withStatus(429).withHeader("Retry-After", "120").withBody("rate_limited"));
    String key = queue(slackFormatter.format(Notices.group(nextKey()), SLACK)).get(0);

    assertEquals(0, drainJob.drain());

    Notification waiting = row(key);
    assertEquals(Notification.Status.PENDING, waiting.status);
    assertEquals(1, waiting.attempts);
    assertEquals(start.plusSeconds(120), waiting.nextAttemptAt);
    assertEquals("Slack answered 429: rate_limited", waiting.lastError);

    answer(SLACK_PATH, aResponse().withStatus(200).withBody("ok"));
    clock.advance(Duration.ofSeconds(119));
    assertEquals(0, drainJob.drain(), "not before the 120 seconds Slack asked for");
    assertEquals(1, requests(SLACK_PATH).size());

    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, drainJob.drain());
    assertEquals(2, requests(SLACK_PATH).size());
    Notification sent = row(key);
    assertEquals(Notification.Status.SENT, sent.status);
    assertEquals(2, sent.attempts);
  }

  @Test
  void aSlackServerErrorIsRetriedAfterTheBackoffWithJitter() {
    answer(SLACK_PATH, aResponse().withStatus(500).withBody("rollup_error"));
    String key = queue(slackFormatter.format(Notices.group(nextKey()), SLACK)).get(0);

    assertEquals(0, drainJob.drain());

    Notification failed = row(key);
    assertEquals(Notification.Status.PENDING, failed.status);
    assertEquals("Slack answered 500: rollup_error", failed.lastError);
    Duration backoff = Duration.between(start, failed.nextAttemptAt);
    assertTrue(
        backoff.compareTo(Duration.ofSeconds(27)) >= 0
            && backoff.compareTo(Duration.ofSeconds(33)) <= 0,
        "30 s ± 10 %: " + backoff);

    answer(SLACK_PATH, aResponse().withStatus(200).withBody("ok"));
    clock.set(failed.nextAttemptAt.minusMillis(1));
    assertEquals(0, drainJob.drain(), "not due before its backoff has passed");
    clock.set(failed.nextAttemptAt);
    assertEquals(1, drainJob.drain());
    assertEquals(Notification.Status.SENT, row(key).status);
    assertEquals(2, requests(SLACK_PATH).size());
  }

  @Test
  void anInvalidSlackPayloadIsDeadAtOnceWithSlacksReason() {
    answer(SLACK_PATH, aResponse().withStatus(400).withBody("invalid_payload"));
    String key = queue(slackFormatter.format(Notices.group(nextKey()), SLACK)).get(0);

    assertEquals(0, drainJob.drain());

    Notification dead = row(key);
    assertEquals(Notification.Status.DEAD, dead.status);
    assertEquals(1, dead.attempts);
    assertEquals("Slack answered 400: invalid_payload", dead.lastError);
    clock.advance(Duration.ofDays(1));
    drainJob.drain();
    assertEquals(1, requests(SLACK_PATH).size(), "a dead row is not tried again");
  }

  @Test
  void aMissingEnvironmentVariableMakesTheRowDeadWithAClearReason() {
    ChannelSpec.Slack unset = new ChannelSpec.Slack("unset", "TEST_UNSET_SLACK_URL", null);
    String key = queue(slackFormatter.format(Notices.group(nextKey()), unset)).get(0);

    drainJob.drain();

    Notification dead = row(key);
    assertEquals(Notification.Status.DEAD, dead.status);
    assertEquals("environment variable TEST_UNSET_SLACK_URL is not set", dead.lastError);
    assertEquals(0, receivers.getAllServeEvents().size());
  }

  @Test
  void theRetryButtonRequeuesADeadRowWhichThenGoesOut() {
    answer(SLACK_PATH, aResponse().withStatus(404).withBody("channel_not_found"));
    String key = queue(slackFormatter.format(Notices.group(nextKey()), SLACK)).get(0);
    drainJob.drain();
    Notification dead = row(key);
    assertEquals(Notification.Status.DEAD, dead.status);

    clock.advance(Duration.ofMinutes(5));
    assertTrue(outbox.retry(dead.id));
    assertFalse(outbox.retry(dead.id), "a pending row is not requeued");

    Notification requeued = row(key);
    assertEquals(Notification.Status.PENDING, requeued.status);
    assertEquals(0, requeued.attempts);
    assertEquals(clock.instant(), requeued.nextAttemptAt);
    assertEquals("Slack answered 404: channel_not_found", requeued.lastError, "kept as a trace");

    answer(SLACK_PATH, aResponse().withStatus(200).withBody("ok"));
    assertEquals(1, drainJob.drain());
    assertEquals(Notification.Status.SENT, row(key).status);
    assertFalse(outbox.retry(dead.id), "a sent row is not requeued");
    assertFalse(outbox.retry(-1), "nor one that does not exist");
  }

  @Test
  void pagerDutyIsTriggeredAndThenResolvedWithTheSameDedupKey() {
    answer(
        PAGERDUTY_PATH,
        aResponse()
            .withStatus(202)
            .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}"));
    List<String> firing = queue(pagerDutyFormatter.format(Notices.group(nextKey()), PAGER));
    assertEquals(2, firing.size(), "the disk's trigger and the load's resolve");
    assertEquals(2, drainJob.drain());

    AlertNotice diskOk =
        new AlertNotice(
            "disk-web1",
            "Disk full on web1",
            AlertNotice.Level.OK,
            Instant.parse("2026-11-21T15:00:00Z"),
            70.0,
            80.0,
            95.0,
            "above",
            null,
            null,
            null,
            Notices.disk().labels(),
            null,
            false,
            false,
            false,
            null);
    queue(
        pagerDutyFormatter.format(
            Notices.alerts(nextKey(), new Dispatch.Item(diskOk, Dispatch.ItemKind.RECOVERED, null)),
            PAGER));
    assertEquals(1, drainJob.drain());

    ObjectNode trigger = (ObjectNode) Notices.json(Notices.fixture("pagerduty-trigger-disk.json"));
    trigger.put("routing_key", ChannelReceivers.ROUTING_KEY);
    List<LoggedRequest> events = requests(PAGERDUTY_PATH);
    assertEquals(3, events.size());
    assertEquals(trigger, Notices.json(events.get(0).getBodyAsString()));
    assertEquals(
        Notices.json(
            "{\"routing_key\": \""
                + ChannelReceivers.ROUTING_KEY
                + "\", \"event_action\": \"resolve\", \"dedup_key\": \"load-web2\"}"),
        Notices.json(events.get(1).getBodyAsString()));
    assertEquals(
        Notices.json(
            "{\"routing_key\": \""
                + ChannelReceivers.ROUTING_KEY
                + "\", \"event_action\": \"resolve\", \"dedup_key\": \"disk-web1\"}"),
        Notices.json(events.get(2).getBodyAsString()));
  }

  @Test
  void pagerDutyThrottlingAndErrorsAreRetriedAndAnInvalidEventIsDead() {
    answer(PAGERDUTY_PATH, aResponse().withStatus(429).withBody("{\"status\":\"throttled\"}"));
    Dispatch firing =
        Notices.alerts(
            nextKey(), new Dispatch.Item(Notices.disk(), Dispatch.ItemKind.FIRING, null));
    String key = queue(pagerDutyFormatter.format(firing, PAGER)).get(0);

    assertEquals(0, drainJob.drain());
    Notification throttled = row(key);
    assertEquals(Notification.Status.PENDING, throttled.status);
    assertEquals("PagerDuty answered 429: {\"status\":\"throttled\"}", throttled.lastError);

    answer(PAGERDUTY_PATH, aResponse().withStatus(500));
    clock.set(throttled.nextAttemptAt);
    assertEquals(0, drainJob.drain());
    Notification broken = row(key);
    assertEquals(Notification.Status.PENDING, broken.status);
    assertEquals(2, broken.attempts);
    assertEquals("PagerDuty answered 500", broken.lastError);
    Duration backoff = Duration.between(clock.instant(), broken.nextAttemptAt);
    assertTrue(
        backoff.compareTo(Duration.ofSeconds(54)) >= 0
            && backoff.compareTo(Duration.ofSeconds(66)) <= 0,
        "the second backoff, 1 min ± 10 %: " + backoff);

    answer(PAGERDUTY_PATH, aResponse().withStatus(202));
    clock.set(broken.nextAttemptAt);
    assertEquals(1, drainJob.drain());
    assertEquals(Notification.Status.SENT, row(key).status);
    assertEquals(3, requests(PAGERDUTY_PATH).size());

    answer(
        PAGERDUTY_PATH,
        aResponse()
            .withStatus(400)
            .withBody(
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                    + "\"errors\":[\"'payload.severity' is invalid\"]}"));
    String invalid =
        queue(
                pagerDutyFormatter.format(
                    Notices.alerts(
                        nextKey(),
                        new Dispatch.Item(Notices.disk(), Dispatch.ItemKind.REPEAT, null)),
                    PAGER))
            .get(0);
    drainJob.drain();
    Notification dead = row(invalid);
    assertEquals(Notification.Status.DEAD, dead.status);
    assertEquals(
        "PagerDuty answered 400: Event object is invalid ('payload.severity' is invalid)",
        dead.lastError);
  }

  @Test
  void aWebhookReceivesAlertmanagersVersionFourBodyWithItsToken() {
    answer(WEBHOOK_PATH, aResponse().withStatus(200));
    String key = queue(webhookFormatter.format(Notices.group("g-42"), WEBHOOK)).get(0);

    assertEquals(1, drainJob.drain());

    receivers.verify(
        1,
        postRequestedFor(urlEqualTo(WEBHOOK_PATH))
            .withHeader("Authorization", equalTo("Bearer " + ChannelReceivers.TOKEN))
            .withRequestBody(equalToJson(Notices.fixture("webhook-group.json"))));
    assertEquals(Notification.Status.SENT, row(key).status);
  }

  @Test
  void aWebhookThatHangsTimesOutAndIsRetried() {
    answer(WEBHOOK_PATH, aResponse().withStatus(200).withFixedDelay(60_000));
    String key = queue(webhookFormatter.format(Notices.group(nextKey()), WEBHOOK)).get(0);

    long began = System.nanoTime();
    assertEquals(0, drainJob.drain());
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "gave up after " + took);

    Notification timedOut = row(key);
    assertEquals(Notification.Status.PENDING, timedOut.status);
    assertEquals(1, timedOut.attempts);
    assertTrue(
        timedOut.lastError.startsWith("The webhook did not answer within 1s"), timedOut.lastError);
    assertNotNull(timedOut.nextAttemptAt);
    assertNull(timedOut.sentAt);

    answer(WEBHOOK_PATH, aResponse().withStatus(200));
    clock.set(timedOut.nextAttemptAt);
    assertEquals(1, drainJob.drain());
    assertEquals(Notification.Status.SENT, row(key).status);
  }

  @Test
  void aSlackOutageHoldsBackSlackButNotEmail() {
    answer(SLACK_PATH, aResponse().withStatus(503));
    String first = queue(slackFormatter.format(Notices.group(nextKey()), SLACK)).get(0);
    String second = queue(slackFormatter.format(Notices.group(nextKey()), SLACK)).get(0);
    String recipient = Inbox.uniqueAddress("oncall");
    String email = nextKey();
    assertTrue(
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    outbox.enqueue(
                        email,
                        new EmailMessage(List.of(recipient), "Disk full on web1", null, "x"))));

    assertEquals(1, drainJob.drain(), "the email");

    assertEquals(1, requests(SLACK_PATH).size(), "one failed Slack send stops Slack for now");
    assertEquals(1, row(first).attempts);
    assertEquals(0, row(second).attempts);
    assertEquals(Notification.Status.SENT, row(email).status);
    await().atMost(Duration.ofSeconds(10)).until(() -> Inbox.of(mail, recipient).size() == 1);
  }

  private String nextKey() {
    return "dispatch-" + start.getEpochSecond() + "-" + ++dispatches;
  }

  private void answer(String path, ResponseDefinitionBuilder response) {
    receivers.resetMappings();
    receivers.stubFor(post(path).willReturn(response));
  }

  private List<LoggedRequest> requests(String path) {
    return receivers.findAll(postRequestedFor(urlEqualTo(path)));
  }

  private boolean queue(Outbound row) {
    return QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(row));
  }

  /** Queues the rows in one transaction, as the dispatcher does, and returns their keys. */
  private List<String> queue(List<Outbound> rows) {
    QuarkusTransaction.requiringNew().run(() -> rows.forEach(outbox::enqueue));
    return rows.stream().map(Outbound::dedupeKey).toList();
  }

  private Notification row(String key) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Notification.findByDedupeKey(key))
        .orElseThrow(() -> new AssertionError("no notification " + key));
  }
}

package io.opsroom.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Slack notifier against a WireMock incoming webhook that answers as Slack does. */
class SlackNotifierTest {

  private static final String HOOK = "/services/T000/B000/XXXX";

  private WireMockServer slack;
  private final Map<String, String> environment = new HashMap<>();
  private SlackNotifier notifier;

  @BeforeEach
  void start() {
    slack = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    slack.start();
    environment.put("SLACK_OPS_URL", slack.baseUrl() + HOOK);
    notifier =
        new SlackNotifier(
            new HttpDelivery(Duration.ofSeconds(5)),
            name -> Optional.ofNullable(environment.get(name)));
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  @Test
  void theBodyIsPostedAsJsonToTheUrlTheVariableHolds() {
    answer(200, "ok");
    Outbound row =
        new SlackFormatter()
            .format(Notices.group("g-42"), new ChannelSpec.Slack("ops", "SLACK_OPS_URL", null))
            .get(0);

    notifier.send(row.payload());

    slack.verify(
        1,
        postRequestedFor(urlEqualTo(HOOK))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(Notices.fixture("slack-group.json"))));
  }

  @Test
  void tooManyRequestsIsRetriedAfterTheWaitSlackAsked() {
    slack.stubFor(
        post(HOOK)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "120")
                    .withBody("rate_limited")));

    DeliveryException failure = assertThrows(DeliveryException.class, this::send);

    assertFalse(failure.permanent());
    assertEquals(Optional.of(Duration.ofSeconds(120)), failure.retryAfter());
    assertEquals("Slack answered 429: rate_limited", failure.getMessage());
  }

  @Test
  void refusalsThatOnlyAChangeCanCureAreForGood() {
    Map<Integer, String> refusals =
        Map.of(
            400, "invalid_payload",
            403, "action_prohibited",
            404, "channel_not_found",
            410, "channel_is_archived");
    refusals.forEach(
        (status, reason) -> {
          answer(status, reason);
          DeliveryException failure = assertThrows(DeliveryException.class, this::send);
          assertTrue(failure.permanent(), reason);
          assertEquals("Slack answered " + status + ": " + reason, failure.getMessage());
        });
  }

  @Test
  void slackInTroubleIsRetriedWithTheUsualBackoff() {
    answer(500, "rollup_error");

    DeliveryException failure = assertThrows(DeliveryException.class, this::send);

    assertFalse(failure.permanent());
    assertEquals(Optional.empty(), failure.retryAfter());
  }

  @Test
  void aMissingVariableIsForGoodAndNothingIsSent() {
    environment.remove("SLACK_OPS_URL");

    DeliveryException failure = assertThrows(DeliveryException.class, this::send);

    assertTrue(failure.permanent());
    assertEquals("environment variable SLACK_OPS_URL is not set", failure.getMessage());
    assertEquals(0, slack.getAllServeEvents().size());
  }

  @Test
  void aVariableWithoutAUrlIsForGoodAndItsValueIsNotQuoted() {
    environment.put("SLACK_OPS_URL", "xoxb-secret-token");

    DeliveryException failure = assertThrows(DeliveryException.class, this::send);

    assertTrue(failure.permanent());
    assertEquals(
        "environment variable SLACK_OPS_URL does not hold an http(s) URL", failure.getMessage());
  }

  @Test
  void slackDownIsRetriedAndTheSecretUrlIsNotInTheReason() {
    slack.stop();

    DeliveryException failure = assertThrows(DeliveryException.class, this::send);

    assertFalse(failure.permanent());
    assertTrue(failure.getMessage().startsWith("Slack could not be reached"), failure.getMessage());
    assertFalse(
        OutboxDrainJob.describe(failure).contains("XXXX"), OutboxDrainJob.describe(failure));
  }

  private void answer(int status, String body) {
    slack.stubFor(post(HOOK).willReturn(aResponse().withStatus(status).withBody(body)));
  }

  private void send() {
    notifier.send("{\"urlEnv\": \"SLACK_OPS_URL\", \"body\": {\"text\": \"hello\"}}");
  }
}

package io.opsroom.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PagerDuty notifier against a WireMock Events API v2 that answers as PagerDuty does. */
class PagerDutyNotifierTest {

  private static final String KEY = "R0UT1NGK3Y0000000000000000000000";

  private WireMockServer pagerDuty;
  private PagerDutyNotifier notifier;

  @BeforeEach
  void start() {
    pagerDuty = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    pagerDuty.start();
    notifier =
        new PagerDutyNotifier(
            new HttpDelivery(Duration.ofSeconds(5)),
            URI.create(pagerDuty.baseUrl() + "/v2/enqueue"),
            name -> Optional.ofNullable(Map.of("PD_KEY", KEY).get(name)));
  }

  @AfterEach
  void stop() {
    pagerDuty.stop();
  }

  @Test
  void theEventIsSentWithTheRoutingKeyFromTheEnvironment() {
    answer(
        202,
        "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"disk-web1\"}");
    Outbound row =
        new PagerDutyFormatter()
            .format(Notices.group("g-42"), new ChannelSpec.PagerDuty("pd", "PD_KEY", false))
            .get(0);

    notifier.send(row.payload());

    ObjectNode expected = (ObjectNode) Notices.json(Notices.fixture("pagerduty-trigger-disk.json"));
    expected.put("routing_key", KEY);
    pagerDuty.verify(
        1,
        postRequestedFor(urlEqualTo("/v2/enqueue"))
            .withRequestBody(equalToJson(expected.toString())));
  }

  @Test
  void anInvalidEventIsRefusedForGoodWithPagerDutysReason() {
    answer(
        400,
        "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}");

    DeliveryException failure = assertThrows(DeliveryException.class, this::send);

    assertTrue(failure.permanent());
    assertEquals(
        "PagerDuty answered 400: Event object is invalid"
            + " (Length of 'routing_key' is incorrect (should be 32 characters))",
        failure.getMessage());
  }

  @Test
  void throttlingAndServerErrorsAreRetried() {
    for (int status : new int[] {429, 500, 502, 503}) {
      answer(status, "");
      DeliveryException failure = assertThrows(DeliveryException.class, this::send);
      assertFalse(failure.permanent(), "status " + status);
      assertEquals("PagerDuty answered " + status, failure.getMessage());
    }
  }

  @Test
  void aMissingRoutingKeyIsForGood() {
    DeliveryException failure =
        assertThrows(
            DeliveryException.class,
            () ->
                notifier.send(
                    "{\"routingKeyEnv\": \"PD_OTHER_KEY\", \"body\": {\"event_action\": \"resolve\","
                        + " \"dedup_key\": \"x\"}}"));

    assertTrue(failure.permanent());
    assertEquals("environment variable PD_OTHER_KEY is not set", failure.getMessage());
    assertEquals(0, pagerDuty.getAllServeEvents().size());
  }

  @Test
  void anUnreadablePayloadIsForGood() {
    DeliveryException failure =
        assertThrows(DeliveryException.class, () -> notifier.send("{\"body\": 3}"));

    assertTrue(failure.permanent());
    assertEquals("the payload is not a valid PagerDuty event", failure.getMessage());
  }

  private void answer(int status, String body) {
    pagerDuty.stubFor(
        post("/v2/enqueue").willReturn(aResponse().withStatus(status).withBody(body)));
  }

  private void send() {
    notifier.send(
        "{\"routingKeyEnv\": \"PD_KEY\", \"body\": {\"event_action\": \"resolve\","
            + " \"dedup_key\": \"disk-web1\"}}");
  }
}

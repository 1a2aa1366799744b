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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook notifier against a WireMock receiver: answers, a bearer token, a hanging receiver.
 */
class WebhookNotifierTest {

  private WireMockServer receiver;
  private WebhookNotifier notifier;

  @BeforeEach
  void start() {
    // Delayed answers are scheduled rather than slept on a server thread, so stopping the server
    // after the hanging test does not wait for its minute to pass.
    receiver =
        new WireMockServer(
            WireMockConfiguration.options().dynamicPort().asynchronousResponseEnabled(true));
    receiver.start();
    Map<String, String> environment =
        Map.of("HOOK_URL", receiver.baseUrl() + "/hooks/opsroom", "HOOK_TOKEN", "s3cr3t");
    notifier =
        new WebhookNotifier(
            new HttpDelivery(Duration.ofSeconds(1)),
            name -> Optional.ofNullable(environment.get(name)));
  }

  @AfterEach
  void stop() {
    receiver.stop();
  }

  @Test
  void theVersionFourBodyIsPostedWithTheBearerToken() {
    receiver.stubFor(post("/hooks/opsroom").willReturn(aResponse().withStatus(200)));
    Outbound row =
        new WebhookFormatter()
            .format(
                Notices.group("g-42"),
                new ChannelSpec.Webhook("tickets", null, "HOOK_URL", "HOOK_TOKEN"))
            .get(0);

    notifier.send(row.payload());

    receiver.verify(
        1,
        postRequestedFor(urlEqualTo("/hooks/opsroom"))
            .withHeader("Authorization", equalTo("Bearer s3cr3t"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(equalToJson(Notices.fixture("webhook-group.json"))));
  }

  @Test
  void aUrlWrittenInRoutesIsUsedAsItIsWithoutAToken() {
    receiver.stubFor(post("/plain").willReturn(aResponse().withStatus(204)));

    notifier.send(
        "{\"url\": \"" + receiver.baseUrl() + "/plain\", \"body\": {\"version\": \"4\"}}");

    receiver.verify(
        1,
        postRequestedFor(urlEqualTo("/plain"))
            .withoutHeader("Authorization")
            .withRequestBody(equalToJson("{\"version\": \"4\"}")));
  }

  @Test
  void timeoutsThrottlingAndServerErrorsAreRetriedAfterTheWaitAsked() {
    answer(429, Map.of("Retry-After", "30"));
    DeliveryException throttled = assertThrows(DeliveryException.class, this::send);
    assertFalse(throttled.permanent());
    assertEquals(Optional.of(Duration.ofSeconds(30)), throttled.retryAfter());

    answer(408, Map.of());
    assertFalse(assertThrows(DeliveryException.class, this::send).permanent());

    answer(503, Map.of("Retry-After", "7"));
    DeliveryException unavailable = assertThrows(DeliveryException.class, this::send);
    assertFalse(unavailable.permanent());
    assertEquals(Optional.of(Duration.ofSeconds(7)), unavailable.retryAfter());

    answer(500, Map.of());
    DeliveryException broken = assertThrows(DeliveryException.class, this::send);
    assertFalse(broken.permanent());
    assertEquals(Optional.empty(), broken.retryAfter());
  }

  @Test
  void otherClientErrorsAndRedirectsAreForGood() {
    for (int status : new int[] {400, 401, 404, 301}) {
      answer(status, Map.of("Location", "http://elsewhere.test/"));
      DeliveryException failure = assertThrows(DeliveryException.class, this::send);
      assertTrue(failure.permanent(), "status " + status);
      assertEquals("The webhook answered " + status, failure.getMessage());
    }
  }

  @Test
  void aReceiverThatHangsForAMinuteFailsAfterTheTimeout() {
    receiver.stubFor(
        post("/hooks/opsroom").willReturn(aResponse().withStatus(200).withFixedDelay(60_000)));

    DeliveryException failure =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> assertThrows(DeliveryException.class, this::send));

    assertFalse(failure.permanent());
    assertEquals(Optional.empty(), failure.retryAfter());
    assertEquals("The webhook did not answer within 1s", failure.getMessage());
  }

  @Test
  void aMissingTokenIsForGoodAndNothingIsSent() {
    DeliveryException failure =
        assertThrows(
            DeliveryException.class,
            () ->
                notifier.send(
                    "{\"urlEnv\": \"HOOK_URL\", \"bearerTokenEnv\": \"HOOK_OTHER_TOKEN\","
                        + " \"body\": {}}"));

    assertTrue(failure.permanent());
    assertEquals("environment variable HOOK_OTHER_TOKEN is not set", failure.getMessage());
    assertEquals(0, receiver.getAllServeEvents().size());
  }

  private void answer(int status, Map<String, String> headers) {
    var response = aResponse().withStatus(status);
    headers.forEach(response::withHeader);
    receiver.stubFor(post("/hooks/opsroom").willReturn(response));
  }

  private void send() {
    notifier.send(
        "{\"urlEnv\": \"HOOK_URL\", \"bearerTokenEnv\": \"HOOK_TOKEN\", \"body\": {\"a\": 1}}");
  }
}

package io.opsroom.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The PagerDuty channel: sends a {@link PagerDutyFormatter} event to the Events API v2 with the
 * routing key the payload's environment variable holds, and reads the answer: 202 accepted, 400
 * refused for good (with PagerDuty's reason), 429 and 5xx to be retried.
 */
@Singleton
public class PagerDutyNotifier implements Notifier {

  private final HttpDelivery http;
  private final URI endpoint;
  private final Function<String, Optional<String>> secrets;

  @Inject
  PagerDutyNotifier(HttpDelivery http, NotifyConfig config) {
    this(http, HttpDelivery.url(config.pagerdutyUrl()), Secrets::get);
  }

  PagerDutyNotifier(HttpDelivery http, URI endpoint, Function<String, Optional<String>> secrets) {
    this.http = http;
    this.endpoint = endpoint;
    this.secrets = secrets;
  }

  @Override
  public Notification.Channel type() {
    return Notification.Channel.PAGERDUTY;
  }

  @Override
  public void send(String payload) {
    ObjectNode stored = HttpDelivery.read(payload, "PagerDuty event");
    String routingKeyEnv = HttpDelivery.text(stored, "routingKeyEnv");
    JsonNode body = stored.get("body");
    if (routingKeyEnv == null || body == null || !body.isObject()) {
      throw DeliveryException.permanent("the payload is not a valid PagerDuty event");
    }
    // The routing key goes first, as in PagerDuty's examples; the stored event never holds it.
    ObjectNode event = HttpDelivery.PAYLOAD.createObjectNode();
    event.put("routing_key", HttpDelivery.secret(secrets, routingKeyEnv));
    event.setAll((ObjectNode) body);
    HttpDelivery.Answer answer =
        http.post("PagerDuty", endpoint, Map.of(), HttpDelivery.write(event));
    if (answer.ok()) {
      return;
    }
    throw failure(answer);
  }

  /**
   * What a refusal means. PagerDuty answers 400 for an invalid event (a wrong routing key, a
   * missing field) with a message and a list of errors, 429 when the integration sends too much,
   * and 5xx when it is in trouble itself; its documentation says to retry the latter two.
   */
  static DeliveryException failure(HttpDelivery.Answer answer) {
    int status = answer.status();
    String reason = "PagerDuty answered " + status + explanation(answer);
    if (status == 408 || status == 429 || status >= 500) {
      return answer
          .retryAfter()
          .map(wait -> DeliveryException.retryAfter(reason, wait))
          .orElseGet(() -> DeliveryException.transientFailure(reason, null));
    }
    return DeliveryException.permanent(reason);
  }

  /** PagerDuty's message and errors from its JSON answer, or the body as it came. */
  private static String explanation(HttpDelivery.Answer answer) {
    try {
      JsonNode json = HttpDelivery.PAYLOAD.readTree(answer.body());
      if (json != null && json.has("message")) {
        List<String> errors = new ArrayList<>();
        json.path("errors").forEach(error -> errors.add(error.asText()));
        return ": "
            + json.get("message").asText()
            + (errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")");
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Not PagerDuty's JSON (a proxy's error page, say): quoted as it is.
    }
    String body = answer.quotedBody();
    return body.isEmpty() ? "" : ": " + body;
  }
}

package io.opsroom.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Slack channel: posts a {@link SlackFormatter} message to the incoming webhook whose URL the
 * payload's environment variable holds, and reads Slack's answer as sent, retry (later), or refused
 * for good.
 */
@Singleton
public class SlackNotifier implements Notifier {

  private final HttpDelivery http;
  private final Function<String, Optional<String>> secrets;

  @Inject
  SlackNotifier(HttpDelivery http) {
    this(http, Secrets::get);
  }

  SlackNotifier(HttpDelivery http, Function<String, Optional<String>> secrets) {
    this.http = http;
    this.secrets = secrets;
  }

  @Override
  public Notification.Channel type() {
    return Notification.Channel.SLACK;
  }

  @Override
  public void send(String payload) {
    ObjectNode message = HttpDelivery.read(payload, "Slack message");
    String urlEnv = HttpDelivery.text(message, "urlEnv");
    JsonNode body = message.get("body");
    if (urlEnv == null || body == null || !body.isObject()) {
      throw DeliveryException.permanent("the payload is not a valid Slack message");
    }
    // The secret is read at send time, so a fixed variable fixes the messages still queued.
    URI url = HttpDelivery.urlFrom(secrets, urlEnv);
    HttpDelivery.Answer answer = http.post("Slack", url, Map.of(), HttpDelivery.write(body));
    if (answer.ok()) {
      return;
    }
    throw failure(answer);
  }

  /**
   * What a refusal means. Slack answers 429 with Retry-After when a webhook posts more than about
   * one message a second; 400, 403, 404 and 410 with a reason in the body ({@code invalid_payload},
   * {@code action_prohibited}, {@code no_service}, {@code channel_not_found}, {@code
   * channel_is_archived}) that only a change of the message or the webhook can cure.
   */
  static DeliveryException failure(HttpDelivery.Answer answer) {
    int status = answer.status();
    String reason = "Slack answered " + status + quoted(answer);
    if (status == 429) {
      return answer
          .retryAfter()
          .map(wait -> DeliveryException.retryAfter(reason, wait))
          .orElseGet(() -> DeliveryException.transientFailure(reason, null));
    }
    if (status == 408 || status >= 500) {
      return DeliveryException.transientFailure(reason, null);
    }
    return DeliveryException.permanent(reason);
  }

  private static String quoted(HttpDelivery.Answer answer) {
    String body = answer.quotedBody();
    return body.isEmpty() ? "" : ": " + body;
  }
}

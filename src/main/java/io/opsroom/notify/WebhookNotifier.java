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
 * The webhook channel: posts a {@link WebhookFormatter} body (Alertmanager's version 4 JSON) to the
 * receiver, with a bearer token when the channel names one, and reads the answer as Alertmanager
 * does: 2xx sent, 408, 429 and 5xx retried, any other answer refused for good.
 */
@Singleton
public class WebhookNotifier implements Notifier {

  private final HttpDelivery http;
  private final Function<String, Optional<String>> secrets;

  @Inject
  WebhookNotifier(HttpDelivery http) {
    this(http, Secrets::get);
  }

  WebhookNotifier(HttpDelivery http, Function<String, Optional<String>> secrets) {
    this.http = http;
    this.secrets = secrets;
  }

  @Override
  public Notification.Channel type() {
    return Notification.Channel.WEBHOOK;
  }

  @Override
  public void send(String payload) {
    ObjectNode stored = HttpDelivery.read(payload, "webhook message");
    String url = HttpDelivery.text(stored, "url");
    String urlEnv = HttpDelivery.text(stored, "urlEnv");
    String tokenEnv = HttpDelivery.text(stored, "bearerTokenEnv");
    JsonNode body = stored.get("body");
    if ((url == null) == (urlEnv == null) || body == null || !body.isObject()) {
      throw DeliveryException.permanent("the payload is not a valid webhook message");
    }
    URI target = url != null ? HttpDelivery.url(url) : HttpDelivery.urlFrom(secrets, urlEnv);
    Map<String, String> headers =
        tokenEnv == null
            ? Map.of()
            : Map.of("Authorization", "Bearer " + HttpDelivery.secret(secrets, tokenEnv));
    HttpDelivery.Answer answer =
        http.post("The webhook", target, headers, HttpDelivery.write(body));
    if (answer.ok()) {
      return;
    }
    throw failure(answer);
  }

  /** What a refusal means; the receiver's Retry-After is honoured when it gives one. */
  static DeliveryException failure(HttpDelivery.Answer answer) {
    int status = answer.status();
    String body = answer.quotedBody();
    String reason = "The webhook answered " + status + (body.isEmpty() ? "" : ": " + body);
    if (status == 408 || status == 429 || status >= 500) {
      return answer
          .retryAfter()
          .map(wait -> DeliveryException.retryAfter(reason, wait))
          .orElseGet(() -> DeliveryException.transientFailure(reason, null));
    }
    return DeliveryException.permanent(reason);
  }
}

package io.opsroom.notify;

import java.util.List;
import java.util.Objects;

/**
 * A channel as {@code alerts/routes.yaml} declares it: where messages go and how. Secrets (webhook
 * URLs with tokens, routing keys) are never in the file, only the names of the environment
 * variables that hold them; they are read when a message is sent.
 */
public sealed interface ChannelSpec
    permits ChannelSpec.Email, ChannelSpec.Slack, ChannelSpec.PagerDuty, ChannelSpec.Webhook {

  /**
   * The name routes use; an alert's own address becomes a channel named {@code mailto:<address>}.
   */
  String name();

  /** The outbox channel that carries this channel's messages. */
  Notification.Channel type();

  /** Email to one or more addresses (or lists). */
  record Email(String name, List<String> to) implements ChannelSpec {
    public Email {
      Objects.requireNonNull(name, "name");
      to = List.copyOf(to);
    }

    @Override
    public Notification.Channel type() {
      return Notification.Channel.EMAIL;
    }
  }

  /**
   * A Slack incoming webhook.
   *
   * @param urlEnv the environment variable that holds the webhook URL
   * @param channel overrides the webhook's channel (e.g. {@code #ops}), or null
   */
  record Slack(String name, String urlEnv, String channel) implements ChannelSpec {
    public Slack {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(urlEnv, "urlEnv");
    }

    @Override
    public Notification.Channel type() {
      return Notification.Channel.SLACK;
    }
  }

  /**
   * PagerDuty's Events API v2.
   *
   * @param routingKeyEnv the environment variable that holds the integration's routing key
   * @param warnings whether WARNING triggers an incident too (default: only CRITICAL does)
   */
  record PagerDuty(String name, String routingKeyEnv, boolean warnings) implements ChannelSpec {
    public PagerDuty {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(routingKeyEnv, "routingKeyEnv");
    }

    @Override
    public Notification.Channel type() {
      return Notification.Channel.PAGERDUTY;
    }
  }

  /**
   * A generic webhook that receives Alertmanager's version 4 JSON.
   *
   * @param url the receiver's URL when it holds no secret, or null
   * @param urlEnv the environment variable that holds the URL, or null (exactly one of the two)
   * @param bearerTokenEnv the environment variable with a bearer token to send, or null
   */
  record Webhook(String name, String url, String urlEnv, String bearerTokenEnv)
      implements ChannelSpec {
    public Webhook {
      Objects.requireNonNull(name, "name");
      if ((url == null) == (urlEnv == null)) {
        throw new IllegalArgumentException("A webhook has either url or url_env.");
      }
    }

    @Override
    public Notification.Channel type() {
      return Notification.Channel.WEBHOOK;
    }
  }
}

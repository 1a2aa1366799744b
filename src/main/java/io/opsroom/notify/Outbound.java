package io.opsroom.notify;

import java.util.Objects;

/**
 * A message in a channel's shape, ready for the outbox.
 *
 * @param channel the outbox channel that sends it
 * @param channelName the routes.yaml channel (or {@code mailto:<address>})
 * @param dedupeKey the outbox key: the same key is never sent twice
 * @param payload what the channel's notifier reads back (JSON)
 * @param summary one line for the admin page, such as the email's subject
 */
public record Outbound(
    Notification.Channel channel,
    String channelName,
    String dedupeKey,
    String payload,
    String summary) {

  public Outbound {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(payload, "payload");
  }
}

package io.opsroom.notify;

import java.util.List;

/**
 * Puts a {@link Dispatch} in one kind of channel's shape: an email, a Slack message, PagerDuty
 * events (one per alert), an Alertmanager webhook body. One implementation per channel type.
 */
public interface ChannelFormatter {

  /** The channel type this formats for. */
  Notification.Channel type();

  /**
   * The outbox rows for this message on this channel. Keys derive from {@code dispatch.key()} and
   * the channel's name, so formatting the same dispatch twice gives the same keys.
   */
  List<Outbound> format(Dispatch dispatch, ChannelSpec channel);
}

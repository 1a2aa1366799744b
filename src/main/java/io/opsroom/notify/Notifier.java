package io.opsroom.notify;

/**
 * Sends one outbox payload through one channel type. Implementations throw {@link
 * DeliveryException} to say whether trying again can help.
 */
public interface Notifier {

  /** The channel type this sends. */
  Notification.Channel type();

  /**
   * Sends the payload; returns when the channel accepted it.
   *
   * @throws DeliveryException when it did not; any other runtime exception counts as transient
   */
  void send(String payload);
}

package io.opsroom.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * A channel did not take a message. Permanent failures (a 400 for a malformed payload, a missing
 * secret) make the notification dead at once; transient ones (429, 5xx, timeouts) are retried,
 * after the channel's {@code Retry-After} when it gave one.
 */
public class DeliveryException extends RuntimeException {

  private final boolean permanent;
  private final Duration retryAfter;

  private DeliveryException(
      String message, Throwable cause, boolean permanent, Duration retryAfter) {
    super(message, cause);
    this.permanent = permanent;
    this.retryAfter = retryAfter;
  }

  /** Trying again cannot help: the notification is dead with this reason. */
  public static DeliveryException permanent(String message) {
    return new DeliveryException(message, null, true, null);
  }

  /** Trying again later may work, after the usual backoff. */
  public static DeliveryException transientFailure(String message, Throwable cause) {
    return new DeliveryException(message, cause, false, null);
  }

  /** Trying again may work, but not before {@code retryAfter} (the channel said so). */
  public static DeliveryException retryAfter(String message, Duration retryAfter) {
    return new DeliveryException(message, null, false, retryAfter);
  }

  public boolean permanent() {
    return permanent;
  }

  /** The wait the channel asked for, when it asked. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}

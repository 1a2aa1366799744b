package io.opsroom.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** How the notification outbox is sent: how often, how much at a time, and how long it retries. */
@ConfigMapping(prefix = "opsroom.notify")
public interface NotifyConfig {

  /**
   * How often the outbox is drained: a duration such as {@code 10s}, or {@code off} (default 10s).
   * A string, not a Duration, because the scheduler reads it and accepts {@code off}.
   */
  @WithDefault("10s")
  String drainInterval();

  /** Send attempts before a notification is given up as dead (default 12, about five hours). */
  @WithDefault("12")
  @Min(1)
  int maxAttempts();

  /** Notifications one drain sends at most (default 50). */
  @WithDefault("50")
  @Min(1)
  int batchSize();

  /** Whether a notification is also sent at once when the transaction that queued it commits. */
  @WithDefault("true")
  boolean sendOnCommit();
}

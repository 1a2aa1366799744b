package io.opsroom.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;

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

  /**
   * How long Slack, PagerDuty and webhooks get to connect, and then to answer, before the attempt
   * counts as failed and is retried (default 10s).
   */
  @WithDefault("10s")
  Duration httpTimeout();

  /** PagerDuty's Events API v2 endpoint (default https://events.pagerduty.com/v2/enqueue). */
  @WithDefault("https://events.pagerduty.com/v2/enqueue")
  String pagerdutyUrl();

  /**
   * How much each retry's backoff varies at random, as a fraction (default 0.1: ±10 %), so rows
   * that failed together during an outage do not all come back in the same second.
   */
  @WithDefault("0.1")
  @DecimalMin("0")
  @DecimalMax("0.5")
  double retryJitter();
}

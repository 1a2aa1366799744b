package io.opsroom.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.context.api.ManagedExecutorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

/**
 * Sends the notification outbox. Every few seconds, and once right after a notification's
 * transaction commits, it claims due rows one at a time with {@code FOR UPDATE SKIP LOCKED}, sends
 * each through its channel's {@link Notifier} and records the outcome: sent; a later retry with
 * exponential backoff (or after the wait the channel asked for); or dead, once the attempts are
 * spent or at once when the channel refused the message for good. Several instances may drain
 * together; a row locked by one is skipped by the others, so no row is sent by two of them.
 *
 * <p>Each row is claimed, sent and recorded in one short transaction that holds the row's lock
 * while the channel answers. The lock is what keeps other drains away, so no "sending" state or
 * lease is needed; and since only one row is held at a time, a crash between the channel's accept
 * and the commit, or a channel that accepts only after our timeout, can repeat at most that one
 * message. Delivery is at least once: without a transaction shared with the channel, no scheme can
 * promise more.
 */
@ApplicationScoped
public class OutboxDrainJob {

  private static final Logger LOG = Logger.getLogger(OutboxDrainJob.class);

  static final int MAX_ERROR_LENGTH = 2000;

  /**
   * Only channels this version has a notifier for are claimed, so during a rolling upgrade an older
   * instance leaves a newer channel's rows to the instances that know it.
   */
  private static final String DUE =
      "status = 'pending' and channel in (:channels) and next_attempt_at <= :now";

  private static final String CLAIM_NEXT_DUE =
      "select * from notification where "
          + DUE
          + " order by next_attempt_at, id limit 1 for update skip locked";

  private static final String CLAIM_BY_KEY =
      "select * from notification where dedupe_key = :key and " + DUE + " for update skip locked";

  private static final List<Notification.Status> UNSENT =
      List.of(Notification.Status.PENDING, Notification.Status.FAILED, Notification.Status.DEAD);

  /** What one attempt came to. */
  enum Outcome {
    NOTHING_DUE,
    SENT,
    /** The send failed and will be tried again. */
    RETRY,
    /** The send failed and it was the last allowed attempt. */
    DEAD,
    /** The channel refused the message for good; it is dead at once. */
    REJECTED,
    /** The payload cannot be read. */
    FAILED;

    /**
     * Whether the channel looks down or asked us to slow down: the rest of its rows wait for the
     * next drain rather than each waiting out its own timeout now. A refusal of one message says
     * nothing about the next, so it does not count.
     */
    boolean channelUnavailable() {
      return this == RETRY || this == DEAD;
    }
  }

  /** An attempt's outcome and the channel it went to. */
  private record Attempt(Outcome outcome, Notification.Channel channel) {
    static final Attempt NONE = new Attempt(Outcome.NOTHING_DUE, null);
  }

  @Inject Clock clock;
  @Inject NotifyConfig config;
  @Inject EntityManager entityManager;
  @Inject Instance<Notifier> notifierBeans;
  @Inject MeterRegistry registry;

  /**
   * Runs the send that follows a commit. It starts with no context of the committing thread: that
   * transaction is over, and the send opens its own.
   */
  @Inject
  @ManagedExecutorConfig(
      propagated = {},
      cleared = ThreadContext.ALL_REMAINING)
  ManagedExecutor executor;

  /** The blocking mailer gives up after this long; a send's transaction must outlast it. */
  @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "60s")
  Duration mailerTimeout;

  private RetryPolicy retryPolicy;
  private final Map<Notification.Channel, Notifier> notifiers =
      new EnumMap<>(Notification.Channel.class);
  private final Map<Notification.Status, AtomicLong> unsent =
      new EnumMap<>(Notification.Status.class);

  /** When the oldest pending row was queued, as of the last drain; null when none is pending. */
  private volatile java.time.Instant oldestPending;

  @PostConstruct
  void init() {
    retryPolicy = new RetryPolicy(config.maxAttempts());
    for (Notifier notifier : notifierBeans) {
      Notifier other = notifiers.put(notifier.type(), notifier);
      if (other != null) {
        throw new IllegalStateException(
            "Two notifiers for " + notifier.type() + ": " + other + " and " + notifier);
      }
    }
    // Counts of the whole table, refreshed by each drain: every instance reports the same figure.
    for (Notification.Status status : UNSENT) {
      unsent.put(
          status,
          registry.gauge(
              "opsroom.notifications.unsent", Tags.of("status", status.value()), new AtomicLong()));
    }
    // Measured against the clock when read, so it keeps growing while the drain is stuck.
    io.micrometer.core.instrument.Gauge.builder(
            "opsroom.notifications.oldest.pending",
            this,
            job ->
                job.oldestPending == null
                    ? 0
                    : Math.max(
                        0,
                        Duration.between(job.oldestPending, clock.instant()).toMillis() / 1000.0))
        .description("Age of the oldest pending notification as of the last drain (0 when none)")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  @Scheduled(
      identity = "notification-outbox-drain",
      every = "{opsroom.notify.drain-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledDrain() {
    drain();
  }

  /**
   * Sends the due notifications, at most {@code opsroom.notify.batch-size}, and returns how many
   * were sent. Tests call it to deliver what they queued.
   */
  public int drain() {
    int sent = 0;
    // A channel that failed is left out for the rest of the batch: a Slack outage must not hold
    // back email, nor should each of Slack's rows wait out its own timeout now.
    Set<Notification.Channel> available = EnumSet.noneOf(Notification.Channel.class);
    available.addAll(notifiers.keySet());
    for (int i = 0; i < config.batchSize() && !available.isEmpty(); i++) {
      List<String> channels = values(available);
      Attempt attempt =
          inNewTransaction(
              () ->
                  claim(CLAIM_NEXT_DUE, Map.of("channels", channels))
                      .map(this::attempt)
                      .orElse(Attempt.NONE));
      if (attempt.outcome() == Outcome.NOTHING_DUE) {
        break;
      }
      if (attempt.outcome() == Outcome.SENT) {
        sent++;
      }
      if (attempt.outcome().channelUnavailable()) {
        available.remove(attempt.channel());
      }
    }
    refreshUnsentCounts();
    return sent;
  }

  /** Sends the notification with this key if it is due and no drain holds it; true when sent. */
  boolean sendNow(String dedupeKey) {
    List<String> channels = values(notifiers.keySet());
    return inNewTransaction(
                () ->
                    claim(CLAIM_BY_KEY, Map.of("key", dedupeKey, "channels", channels))
                        .map(this::attempt)
                        .orElse(Attempt.NONE))
            .outcome()
        == Outcome.SENT;
  }

  /**
   * Sends a new notification as soon as its transaction has committed, so it normally leaves at
   * once and the scheduled drain is the safety net. The send runs on a worker, so the caller (a web
   * request, say) does not wait for the channel; if it fails, the row is left to the retries.
   */
  void sendAfterCommit(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationOutbox.Queued queued) {
    executor.execute(
        () -> {
          try {
            sendNow(queued.dedupeKey());
          } catch (RuntimeException e) {
            LOG.warnf("Sending notification %s after commit failed: %s", queued.dedupeKey(), e);
          }
        });
  }

  private static List<String> values(Set<Notification.Channel> channels) {
    return channels.stream().map(Notification.Channel::value).toList();
  }

  private Optional<Notification> claim(String sql, Map<String, Object> parameters) {
    var query =
        entityManager
            .createNativeQuery(sql, Notification.class)
            .setParameter("now", clock.instant());
    parameters.forEach(query::setParameter);
    @SuppressWarnings("unchecked")
    List<Notification> rows = query.getResultList();
    return rows.stream().findFirst();
  }

  private Attempt attempt(Notification notification) {
    notification.attempts++;
    Outcome outcome;
    try {
      notifiers.get(notification.channel).send(notification.payload);
      notification.status = Notification.Status.SENT;
      notification.sentAt = clock.instant();
      outcome = Outcome.SENT;
    } catch (EmailNotifier.UnreadablePayloadException e) {
      notification.status = Notification.Status.FAILED;
      notification.lastError = describe(e);
      LOG.errorf(
          "Notification %d (%s) cannot be sent and is marked failed: %s",
          notification.id, notification.dedupeKey, notification.lastError);
      outcome = Outcome.FAILED;
    } catch (DeliveryException e) {
      if (e.permanent()) {
        notification.status = Notification.Status.DEAD;
        notification.lastError = describe(e);
        LOG.errorf(
            "Notification %d (%s) was refused by %s and is dead: %s",
            notification.id,
            notification.dedupeKey,
            notification.channel.value(),
            notification.lastError);
        outcome = Outcome.REJECTED;
      } else {
        outcome = failed(notification, e, e.retryAfter());
      }
    } catch (RuntimeException e) {
      outcome = failed(notification, e, Optional.empty());
    }
    registry
        .counter(
            "opsroom.notifications.attempts",
            "channel",
            notification.channel.value(),
            "outcome",
            outcome.name().toLowerCase(Locale.ROOT))
        .increment();
    return new Attempt(outcome, notification.channel);
  }

  /**
   * Records a send that may work later: the next attempt after the wait the channel asked for
   * (capped, so a bogus header cannot park a row for a week), or after the backoff with jitter;
   * dead when the attempts are spent either way.
   */
  private Outcome failed(Notification notification, RuntimeException e, Optional<Duration> asked) {
    notification.lastError = describe(e);
    Optional<Duration> backoff = retryPolicy.delayAfter(notification.attempts);
    if (backoff.isEmpty()) {
      notification.status = Notification.Status.DEAD;
      LOG.errorf(
          "Notification %d (%s) is dead after %d failed attempts: %s",
          notification.id, notification.dedupeKey, notification.attempts, notification.lastError);
      return Outcome.DEAD;
    }
    Duration delay =
        asked
            .map(wait -> wait.compareTo(RetryPolicy.MAX_DELAY) > 0 ? RetryPolicy.MAX_DELAY : wait)
            .orElseGet(
                () -> jitter(backoff.get(), config.retryJitter(), ThreadLocalRandom.current()));
    notification.nextAttemptAt = clock.instant().plus(delay);
    LOG.warnf(
        "Notification %d (%s) failed attempt %d of %d, next at %s: %s",
        notification.id,
        notification.dedupeKey,
        notification.attempts,
        retryPolicy.maxAttempts(),
        notification.nextAttemptAt,
        notification.lastError);
    return Outcome.RETRY;
  }

  /**
   * The delay moved at random by up to {@code fraction} either way, so that rows which failed
   * together in an outage are not all retried in the same second when the channel comes back.
   */
  static Duration jitter(Duration delay, double fraction, RandomGenerator random) {
    if (fraction <= 0) {
      return delay;
    }
    double factor = 1 + fraction * (2 * random.nextDouble() - 1);
    return Duration.ofMillis(Math.round(delay.toMillis() * factor));
  }

  private void refreshUnsentCounts() {
    List<?> rows =
        inNewTransaction(
            () ->
                entityManager
                    .createNativeQuery(
                        "select status, count(*), min(created_at) from notification"
                            + " where status in ('pending', 'failed', 'dead') group by status")
                    .getResultList());
    unsent.values().forEach(count -> count.set(0));
    java.time.Instant oldest = null;
    for (Object row : rows) {
      Object[] columns = (Object[]) row;
      Notification.Status status = Notification.Status.parse((String) columns[0]);
      unsent.get(status).set(((Number) columns[1]).longValue());
      if (status == Notification.Status.PENDING) {
        oldest = toInstant(columns[2]);
      }
    }
    oldestPending = oldest;
  }

  /** A native query's timestamp column, as the JDBC driver hands it over. */
  private static java.time.Instant toInstant(Object value) {
    if (value instanceof java.time.Instant instant) {
      return instant;
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime time) {
      return time.toInstant();
    }
    return null;
  }

  private <T> T inNewTransaction(Callable<T> work) {
    // The transaction holds the row while the channel answers, so it outlasts the slower of the
    // mailer's and the HTTP channels' timeouts.
    Duration longest =
        mailerTimeout.compareTo(config.httpTimeout()) > 0 ? mailerTimeout : config.httpTimeout();
    int timeoutSeconds = (int) longest.plusSeconds(30).toSeconds();
    return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(work);
  }

  /** The exception and its causes in one line, short enough for the table and the log. */
  static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    // A channel's own reason reads best as it is; other exceptions are named by their class.
    if (error instanceof DeliveryException && error.getMessage() != null) {
      text.append(error.getMessage());
    } else {
      text.append(error.getClass().getSimpleName());
      if (error.getMessage() != null) {
        text.append(": ").append(error.getMessage());
      }
    }
    // Wrappers tend to repeat their cause's message; a cause is added only when it says more.
    for (Throwable e = error.getCause(); e != null && text.length() < MAX_ERROR_LENGTH; ) {
      if (e.getMessage() != null && text.indexOf(e.getMessage()) < 0) {
        text.append(" <- ")
            .append(e.getClass().getSimpleName())
            .append(": ")
            .append(e.getMessage());
      }
      e = e.getCause();
    }
    String line = text.toString().replaceAll("\\s+", " ");
    return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH);
  }
}

package io.opsroom.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Queues notifications inside the caller's transaction, so a notification exists exactly when the
 * change that caused it is committed; {@link OutboxDrainJob} sends it afterwards, and keeps trying
 * while the channel is down.
 */
@ApplicationScoped
public class NotificationOutbox {

  static final int MAX_DEDUPE_KEY_LENGTH = 200;

  /** Fired in the queuing transaction, for the send that follows its commit. */
  record Queued(String dedupeKey) {}

  @Inject Clock clock;
  @Inject EntityManager entityManager;
  @Inject NotifyConfig config;
  @Inject Event<Queued> queued;

  /**
   * Queues an email, unless a notification with this dedupe key was ever queued.
   *
   * <p>It joins the caller's transaction and refuses to run without one ({@code MANDATORY}): the
   * caller's change and its notification commit or roll back together. A caller with nothing else
   * to write wraps the call in {@code @Transactional} or {@code QuarkusTransaction}.
   *
   * @param dedupeKey names the cause, such as {@code alias-request:42}: 1 to 200 characters, one
   *     line. Queuing the same key again, even after the first was sent, queues nothing.
   * @return true when queued, false when the key already existed
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean enqueue(String dedupeKey, EmailMessage message) {
    requireDedupeKey(dedupeKey);
    Objects.requireNonNull(message, "message");
    Instant now = clock.instant();
    // ON CONFLICT waits for a concurrent transaction holding the same key and then skips, so two
    // callers racing with one key queue one notification and neither fails.
    int inserted =
        entityManager
            .createNativeQuery(
                """
                insert into notification
                    (dedupe_key, channel, payload, status, attempts, next_attempt_at, created_at)
                values (:key, :channel, cast(:payload as jsonb), :status, 0, :now, :now)
                on conflict (dedupe_key) do nothing""")
            .setParameter("key", dedupeKey)
            .setParameter("channel", Notification.Channel.EMAIL.value())
            .setParameter("payload", EmailNotifier.toPayload(message))
            .setParameter("status", Notification.Status.PENDING.value())
            .setParameter("now", now)
            .executeUpdate();
    if (inserted == 1 && config.sendOnCommit()) {
      queued.fire(new Queued(dedupeKey));
    }
    return inserted == 1;
  }

  private static void requireDedupeKey(String dedupeKey) {
    if (dedupeKey == null
        || dedupeKey.isBlank()
        || dedupeKey.length() > MAX_DEDUPE_KEY_LENGTH
        || dedupeKey.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "A dedupe key has 1 to " + MAX_DEDUPE_KEY_LENGTH + " characters on one line.");
    }
  }
}

package io.opsroom.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Queues notifications inside the caller's transaction, so a notification exists exactly when the
 * change that caused it is committed; {@link OutboxDrainJob} sends it afterwards, and keeps trying
 * while the channel is down.
 */
@ApplicationScoped
public class NotificationOutbox {

  static final int MAX_DEDUPE_KEY_LENGTH = 200;

  /** The admin page shows one line; a longer summary is cut here. */
  static final int MAX_SUMMARY_LENGTH = 500;

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
    return enqueue(
        new Outbound(
            Notification.Channel.EMAIL,
            null,
            dedupeKey,
            EmailNotifier.toPayload(message),
            message.subject()));
  }

  /**
   * Queues a message of any channel, as a {@link ChannelFormatter} made it, unless a notification
   * with its dedupe key was ever queued. The same rules as for an email apply: it needs the
   * caller's transaction, and the key is 1 to 200 characters on one line.
   *
   * @return true when queued, false when the key already existed
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean enqueue(Outbound outbound) {
    Objects.requireNonNull(outbound, "outbound");
    requireDedupeKey(outbound.dedupeKey());
    Instant now = clock.instant();
    // ON CONFLICT waits for a concurrent transaction holding the same key and then skips, so two
    // callers racing with one key queue one notification and neither fails.
    int inserted =
        entityManager
            .createNativeQuery(
                """
                insert into notification
                    (dedupe_key, channel, channel_name, summary, payload, status, attempts,
                     next_attempt_at, created_at)
                values (:key, :channel, cast(:channelName as text), cast(:summary as text),
                        cast(:payload as jsonb), :status, 0, :now, :now)
                on conflict (dedupe_key) do nothing""")
            .setParameter("key", outbound.dedupeKey())
            .setParameter("channel", outbound.channel().value())
            .setParameter("channelName", outbound.channelName())
            .setParameter("summary", summary(outbound.summary()))
            .setParameter("payload", outbound.payload())
            .setParameter("status", Notification.Status.PENDING.value())
            .setParameter("now", now)
            .executeUpdate();
    if (inserted == 1 && config.sendOnCommit()) {
      queued.fire(new Queued(outbound.dedupeKey()));
    }
    return inserted == 1;
  }

  /**
   * Puts a dead or failed notification back in the queue for the admin page's retry button: it is
   * pending again with its attempts reset and due now; its last error stays as a trace.
   *
   * @return true when requeued; false when there is no such notification or it is pending or sent
   */
  @Transactional
  public boolean retry(long id) {
    return entityManager
            .createNativeQuery(
                """
                update notification
                   set status = :pending, attempts = 0, next_attempt_at = :now
                 where id = :id and status in (:dead, :failed)""")
            .setParameter("pending", Notification.Status.PENDING.value())
            .setParameter("now", clock.instant())
            .setParameter("id", id)
            .setParameter("dead", Notification.Status.DEAD.value())
            .setParameter("failed", Notification.Status.FAILED.value())
            .executeUpdate()
        == 1;
  }

  /**
   * A dedupe key from its parts, joined with {@code :}, such as {@code <dispatch>:<channel>}. A key
   * that would be too long keeps its start and ends with a hash of the whole, so it stays unique
   * and the same every time it is made.
   */
  static String dedupeKey(String... parts) {
    String key = String.join(":", parts).replaceAll("\\p{Cntrl}", " ");
    if (key.length() <= MAX_DEDUPE_KEY_LENGTH) {
      return key;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      String suffix = "#" + HexFormat.of().formatHex(hash, 0, 16);
      return key.substring(0, MAX_DEDUPE_KEY_LENGTH - suffix.length()) + suffix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  private static String summary(String summary) {
    if (summary == null) {
      return null;
    }
    String line = summary.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_SUMMARY_LENGTH ? line : line.substring(0, MAX_SUMMARY_LENGTH);
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

package io.opsroom.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One row of the notification outbox: what to send through which channel, and how sending it has
 * gone so far. Rows are inserted by {@link NotificationOutbox} and updated by {@link
 * OutboxDrainJob}.
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

  /** Where a notification stands; the database stores the lower-case name. */
  public enum Status {
    /** Waiting for its next attempt at {@code nextAttemptAt}. */
    PENDING,
    /** Delivered to the channel (for email: accepted by the SMTP server). */
    SENT,
    /** Cannot be sent at all, because its payload cannot be read; never retried. */
    FAILED,
    /** Every allowed attempt failed; kept for people to look at and requeue. */
    DEAD;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /** How a notification is delivered; the database stores the lower-case name. */
  public enum Channel {
    EMAIL,
    SLACK,
    PAGERDUTY,
    WEBHOOK;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Channel parse(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The cause of the notification; a second notification with the same key is never queued. */
  @Column(name = "dedupe_key", updatable = false)
  public String dedupeKey;

  @Column(updatable = false)
  public Channel channel;

  /** The channel's message as JSON text (for email, an {@link EmailMessage}). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(updatable = false)
  public String payload;

  public Status status;

  /** The routes.yaml channel it goes to, or {@code mailto:<address>}; null for older rows. */
  @Column(name = "channel_name", updatable = false)
  public String channelName;

  /** One line saying what it is (an email's subject), for the admin page. */
  @Column(updatable = false)
  public String summary;

  public int attempts;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  /** The error of the last failed attempt; kept after a later success, as a trace. */
  @Column(name = "last_error")
  public String lastError;

  @Column(name = "created_at", updatable = false)
  public Instant createdAt;

  @Column(name = "sent_at")
  public Instant sentAt;

  public static Optional<Notification> findByDedupeKey(String dedupeKey) {
    return find("dedupeKey", dedupeKey).firstResultOptional();
  }

  /** Stores statuses as their lower-case names, which the table's check constraint lists. */
  @Converter(autoApply = true)
  public static class StatusConverter implements AttributeConverter<Status, String> {

    @Override
    public String convertToDatabaseColumn(Status status) {
      return status == null ? null : status.value();
    }

    @Override
    public Status convertToEntityAttribute(String value) {
      return value == null ? null : Status.parse(value);
    }
  }

  /** Stores channels as their lower-case names, which the table's check constraint lists. */
  @Converter(autoApply = true)
  public static class ChannelConverter implements AttributeConverter<Channel, String> {

    @Override
    public String convertToDatabaseColumn(Channel channel) {
      return channel == null ? null : channel.value();
    }

    @Override
    public Channel convertToEntityAttribute(String value) {
      return value == null ? null : Channel.parse(value);
    }
  }
}

package io.opsroom.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the notifications page and API show: the outbox by status, the messages that need a person
 * (dead or failed), the recent ones, and the channels of the routing in force.
 */
@ApplicationScoped
public class NotificationAdmin {

  static final int PAGE_SIZE = 50;

  @Inject EntityManager entityManager;
  @Inject RoutesRegistry routing;
  @Inject Clock clock;

  /** One outbox row as people and scripts read it. */
  public record NotificationView(
      long id,
      String dedupeKey,
      String channel,
      String channelName,
      String summary,
      String status,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant sentAt) {

    static NotificationView of(Notification n) {
      return new NotificationView(
          n.id,
          n.dedupeKey,
          n.channel.value(),
          n.channelName,
          n.summary,
          n.status.value(),
          n.attempts,
          n.status == Notification.Status.PENDING ? n.nextAttemptAt : null,
          n.lastError,
          n.createdAt,
          n.sentAt);
    }

    /** Whether a person can send it again. */
    public boolean retryable() {
      return "dead".equals(status) || "failed".equals(status);
    }
  }

  /** A channel of the routing in force, with where it sends (never a secret). */
  public record ChannelView(String name, String type, String target) {}

  /** The outbox in numbers. */
  public record Summary(Map<String, Long> byStatus, Duration oldestPending) {}

  public Summary summary() {
    Map<Notification.Status, Long> counts = new EnumMap<>(Notification.Status.class);
    for (Notification.Status status : Notification.Status.values()) {
      counts.put(status, 0L);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery("select status, count(*) from notification group by status")
            .getResultList();
    rows.forEach(
        r -> counts.put(Notification.Status.parse((String) r[0]), ((Number) r[1]).longValue()));
    Map<String, Long> byStatus = new java.util.LinkedHashMap<>();
    counts.forEach((status, count) -> byStatus.put(status.value(), count));
    Optional<Notification> oldest =
        Notification.<Notification>find(
                "status = ?1 order by createdAt", Notification.Status.PENDING)
            .firstResultOptional();
    return new Summary(
        byStatus, oldest.map(n -> Duration.between(n.createdAt, clock.instant())).orElse(null));
  }

  /**
   * Outbox rows newest first, one page of {@link #PAGE_SIZE}; {@code status} filters when given.
   *
   * @throws IllegalArgumentException for a status that does not exist
   */
  public List<NotificationView> list(String status, int page) {
    var query =
        status == null || status.isBlank()
            ? Notification.<Notification>find("order by id desc")
            : Notification.<Notification>find("status = ?1 order by id desc", parseStatus(status));
    return query.page(Math.max(0, page), PAGE_SIZE).list().stream()
        .map(NotificationView::of)
        .toList();
  }

  public Optional<NotificationView> find(long id) {
    return Notification.<Notification>findByIdOptional(id).map(NotificationView::of);
  }

  static Notification.Status parseStatus(String status) {
    try {
      return Notification.Status.parse(status.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown status " + status + ": use pending, sent, failed or dead.");
    }
  }

  /** The channels of routes.yaml (and the default route's addresses), by name. */
  public List<ChannelView> channels() {
    Routes routes = routing.current();
    List<ChannelView> views = new ArrayList<>();
    routes.channels().values().stream()
        .sorted(java.util.Comparator.comparing(ChannelSpec::name))
        .forEach(c -> views.add(view(c)));
    for (String name : routes.defaultRoute().channels()) {
      if (name.startsWith(Routes.MAILTO)) {
        routes.channel(name).ifPresent(c -> views.add(view(c)));
      }
    }
    return views;
  }

  private static ChannelView view(ChannelSpec channel) {
    String type = channel.type().value();
    String target;
    if (channel instanceof ChannelSpec.Email e) {
      target = String.join(", ", e.to());
    } else if (channel instanceof ChannelSpec.Slack s) {
      target = "webhook in $" + s.urlEnv() + (s.channel() == null ? "" : ", " + s.channel());
    } else if (channel instanceof ChannelSpec.PagerDuty p) {
      target =
          "routing key in $"
              + p.routingKeyEnv()
              + (p.warnings() ? ", warnings too" : ", critical only");
    } else {
      ChannelSpec.Webhook w = (ChannelSpec.Webhook) channel;
      target = w.url() != null ? w.url() : "URL in $" + w.urlEnv();
    }
    return new ChannelView(channel.name(), type.toLowerCase(Locale.ROOT), target);
  }
}

package io.opsroom.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message to be said on a channel, before it is put in that channel's shape: a group of alerts
 * from one route, a storm summary, a notice about Opsroom itself, or a test.
 *
 * @param key unique for this message; each channel's outbox row is keyed by it and the channel
 * @param kind what sort of message
 * @param route the route it comes from, or null for system and test messages
 * @param items the alerts it is about, in order (storms list them all, system and test none)
 * @param title a headline for system, storm and test messages, or null for alert groups
 * @param text a paragraph for system, storm and test messages, or null
 * @param at when it was decided
 * @param baseUrl Opsroom's address, for links ({@code OPSROOM_BASE_URL}), without a trailing slash
 */
public record Dispatch(
    String key,
    Kind kind,
    String route,
    List<Item> items,
    String title,
    String text,
    Instant at,
    String baseUrl) {

  /** What sort of message. */
  public enum Kind {
    /** Alerts of one route that fired, repeated or recovered together. */
    ALERTS,
    /** More alerts than the storm cap at once: one summary with the list. */
    STORM,
    /** Opsroom's own condition, such as Graphite unreachable or back. */
    SYSTEM,
    /** A test message from the channels page. */
    TEST
  }

  /** Why an alert is in a message. */
  public enum ItemKind {
    /** It started failing (after its {@code for}). */
    FIRING,
    /** Its level changed while failing: WARNING to CRITICAL, or back to WARNING. */
    ESCALATED,
    /** It is still failing, and the repeat schedule says to say so again. */
    REPEAT,
    /** It is OK again. */
    RECOVERED,
    /** It started flapping; transitions are not notified while it flaps. */
    FLAPPING
  }

  /**
   * One alert in a message.
   *
   * @param graphPng the last 24 hours as a PNG with the thresholds, or null (no graph: not among
   *     the first few of a group, a composite, or Graphite could not draw it)
   */
  public record Item(AlertNotice notice, ItemKind kind, byte[] graphPng) {
    public Item {
      Objects.requireNonNull(notice, "notice");
      Objects.requireNonNull(kind, "kind");
    }

    /** The alert's page, where the message links to. */
    public String alertUrl(String baseUrl) {
      return baseUrl + "/alerts/" + notice.alertId();
    }
  }

  public Dispatch {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    items = List.copyOf(items);
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  /** The worst level among the items that are failing, or OK when every item recovered. */
  public AlertNotice.Level worstLevel() {
    return worstLevel(items);
  }

  /** The worst level among these items that are failing, or OK when every one recovered. */
  public static AlertNotice.Level worstLevel(List<Item> items) {
    AlertNotice.Level worst = AlertNotice.Level.OK;
    for (Item item : items) {
      if (item.kind() != ItemKind.RECOVERED
          && item.notice().level().severity() > worst.severity()) {
        worst = item.notice().level();
      }
    }
    return worst;
  }
}

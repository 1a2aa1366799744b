package io.opsroom.alerting;

import io.opsroom.events.EventInput;
import io.opsroom.events.EventService;
import io.opsroom.events.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an alert's level change or flapping change looks like in the changelog: the title, the
 * markdown body and the fixed tags ({@code alert}, {@code alert=<id>}, {@code level=}, {@code
 * from=}, and the alert's {@code app} and {@code server} labels) that the outage tracker and the
 * graph markers read. Plain Java, so every input an alert file can hold is checked without a
 * database; whatever the labels say, the result is a valid event.
 */
public final class AlertEvents {

  /** The tag every alert event has: a search for it lists what the alerts did. */
  public static final String TAG = "alert";

  /** The labels that link an alert to inventory objects, and the tag keys they become. */
  static final List<String> LINK_LABELS = List.of("app", "server");

  /** Longer messages (a Graphite traceback) are cut: the alert page has the rest. */
  static final int MAX_MESSAGE = 2_000;

  private static final ValueView VALUES = new ValueView();

  private AlertEvents() {}

  /** The event of a level change: "Web 5xx: OK → CRITICAL". */
  public static EventInput transition(
      AlertDefinition alert, Level from, Level to, Instant at, Double value, String message) {
    String title = title(alert.name(), from + " → " + to);
    StringBuilder body = new StringBuilder();
    body.append("**").append(from).append(" → ").append(to).append("**");
    if (value != null) {
      body.append(", value ").append(VALUES.format(value));
    }
    String limits = limits(alert);
    if (!limits.isEmpty()) {
      body.append(" (").append(limits).append(')');
    }
    body.append(".\n\n");
    if (message != null && !message.isBlank()) {
      body.append(cut(message.strip(), MAX_MESSAGE)).append("\n\n");
    }
    body.append("[Alert page](/alerts/").append(alert.id()).append(')');
    List<String> tags = baseTags(alert);
    tags.add(Tags.pair("level", to.name().toLowerCase(Locale.ROOT)));
    tags.add(Tags.pair("from", from.name().toLowerCase(Locale.ROOT)));
    tags.addAll(linkTags(alert));
    return new EventInput(at, null, title, body.toString(), tags);
  }

  /** The event of flapping starting or stopping. */
  public static EventInput flapping(
      AlertDefinition alert, boolean started, Level level, Instant at) {
    String title = title(alert.name(), started ? "flapping" : "stopped flapping");
    String body =
        (started
                ? "The level changed too often over the last checks; notifications are held back"
                    + " until it settles."
                : "The level has settled; notifications follow the level again.")
            + " Level now: "
            + level
            + ".\n\n[Alert page](/alerts/"
            + alert.id()
            + ")";
    List<String> tags = baseTags(alert);
    tags.add("flapping");
    tags.addAll(linkTags(alert));
    return new EventInput(at, null, title, body, tags);
  }

  /**
   * The {@code app=} and {@code server=} tags of an alert's labels, made valid: white space becomes
   * {@code _}; a value that still cannot be a tag is left out rather than failing the cycle.
   */
  public static List<String> linkTags(AlertDefinition alert) {
    List<String> tags = new ArrayList<>();
    for (String key : LINK_LABELS) {
      String tag = tagOf(key, alert.labels().get(key));
      if (tag != null) {
        tags.add(tag);
      }
    }
    return tags;
  }

  /** {@code key=value} as a valid tag, or null when the value cannot be made one. */
  static String tagOf(String key, String value) {
    return Tags.validPair(key, value);
  }

  private static List<String> baseTags(AlertDefinition alert) {
    List<String> tags = new ArrayList<>();
    tags.add(TAG);
    String id = tagOf(TAG, alert.id());
    if (id != null) {
      tags.add(id);
    }
    return tags;
  }

  private static String limits(AlertDefinition alert) {
    List<String> parts = new ArrayList<>();
    String side = alert.direction() == null ? "" : alert.direction().word() + " ";
    if (alert.warning() != null) {
      parts.add("warning " + side + VALUES.format(alert.warning()));
    }
    if (alert.critical() != null) {
      parts.add("critical " + side + VALUES.format(alert.critical()));
    }
    return String.join(", ", parts);
  }

  /** "name: what", the name cut so that the title fits. */
  private static String title(String name, String what) {
    String suffix = ": " + what;
    String oneLine = name == null ? "" : name.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    return cut(oneLine, EventService.MAX_TITLE - suffix.length()) + suffix;
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(1, max - 1)) + "…";
  }
}

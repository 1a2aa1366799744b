package io.opsroom.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the alert engine tells the notify side about one alert after a check: its current level and
 * everything a message needs to say about it. The notify side never reads alerting's tables; it
 * decides from these records and its own memory whom to tell what.
 *
 * @param alertId the alert's stable id
 * @param name what people read
 * @param level the level after this check
 * @param since when the alert entered that level
 * @param value the value that decided the level, or null
 * @param warning the warning threshold, or null
 * @param critical the critical threshold, or null
 * @param direction {@code above} or {@code below}, or null for a composite
 * @param message why (Graphite's error, a composite's failing condition), or null
 * @param description the alert's Markdown description, or null
 * @param runbook a link to the runbook, or null
 * @param labels the alert's labels (sorted); routes match on them and on {@code alert} (the id)
 * @param recipients extra addresses or channel names from the alert's {@code notify:} and {@code
 *     email_to}
 * @param silenced whether a silence covers the alert now
 * @param acknowledged whether someone has acknowledged it and the acknowledgement has not expired
 * @param flapping whether the alert is flapping
 * @param ackToken the token for the email's acknowledge link, or null when there is no problem
 */
public record AlertNotice(
    String alertId,
    String name,
    Level level,
    Instant since,
    Double value,
    Double warning,
    Double critical,
    String direction,
    String message,
    String description,
    String runbook,
    SortedMap<String, String> labels,
    List<String> recipients,
    boolean silenced,
    boolean acknowledged,
    boolean flapping,
    String ackToken) {

  /** The alert levels, as the engine names them; the notify side keeps its own copy. */
  public enum Level {
    OK,
    PENDING,
    WARNING,
    CRITICAL,
    UNKNOWN,
    ERROR;

    /** WARNING, CRITICAL and UNKNOWN are the levels that notify as a problem. */
    public boolean isProblem() {
      return this == WARNING || this == CRITICAL || this == UNKNOWN;
    }

    /** How bad: OK and PENDING 0, UNKNOWN 1, WARNING 2, CRITICAL 3 (ERROR is not notified). */
    public int severity() {
      switch (this) {
        case CRITICAL:
          return 3;
        case WARNING:
          return 2;
        case UNKNOWN:
          return 1;
        default:
          return 0;
      }
    }
  }

  public AlertNotice {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(level, "level");
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }

  /** The labels routes and silences match: the alert's own plus {@code alert} = its id. */
  public Map<String, String> matchLabels() {
    Map<String, String> all = new TreeMap<>(labels);
    all.put("alert", alertId);
    return all;
  }
}

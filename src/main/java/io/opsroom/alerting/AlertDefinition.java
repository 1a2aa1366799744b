package io.opsroom.alerting;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert as the evaluation cycle runs it, read from a file in {@code alerts/} (see
 * docs/alerts.md). Defaults are merged in and {@code for_each} placeholders are filled, so every
 * value here is final.
 *
 * <p>A threshold alert has a {@code target}, at least one of {@code warning} and {@code critical},
 * a {@code direction}, a {@code reduce} and a {@code window}. A composite alert has a {@code
 * composite} rule instead, and then {@code target}, the thresholds, {@code direction}, {@code
 * reduce} and {@code window} are null.
 *
 * @param id stable and unique across all files; used in URLs and the history
 * @param name what people read; the id when the file gives none
 * @param target the Graphite expression; a wildcard may return several series, each checked
 * @param warning the warning threshold, or null for none
 * @param critical the critical threshold, or null for none
 * @param direction on which side of a threshold a value is bad
 * @param reduce how the points of the window become one value
 * @param window how far back each check reads, e.g. 5 minutes ({@code from=-5min})
 * @param forChecks consecutive failing checks before the alert fires (1: at the first)
 * @param noData the level when the target returns no series or only empty points
 * @param interval how often this alert is checked, when not the global interval
 * @param labels routing and grouping labels (team, app, server, severity, email_to, ...), sorted
 * @param runbook link to the runbook, or null
 * @param description Markdown shown on the alert page and in notifications, or null
 * @param graph ranges to draw on the alert page and in emails, e.g. {@code -24h}, {@code -7d}
 * @param source where the alert is written
 * @param composite the rule of a composite alert, or null for a threshold alert
 * @param notifyTo (the file's {@code notify:}) channel names (from {@code alerts/routes.yaml}) and
 *     email addresses this alert is sent to besides what its routes say
 */
public record AlertDefinition(
    String id,
    String name,
    String target,
    Double warning,
    Double critical,
    Direction direction,
    Reduce reduce,
    Duration window,
    int forChecks,
    NoData noData,
    Optional<Duration> interval,
    SortedMap<String, String> labels,
    String runbook,
    String description,
    List<String> graph,
    Source source,
    CompositeRule composite,
    List<String> notifyTo) {

  /** The graph ranges an alert gets when its file names none: a day and a week, as Hound drew. */
  public static final List<String> DEFAULT_GRAPH = List.of("-24h", "-7d");

  /** Which side of a threshold is bad. Thresholds are inclusive: reaching one is enough. */
  public enum Direction {
    /** High values are bad: a threshold is reached when the value is at or above it. */
    ABOVE,
    /** Low values are bad: a threshold is reached when the value is at or below it. */
    BELOW;

    /** Whether {@code value} has reached {@code threshold} on this side. */
    public boolean reached(double value, double threshold) {
      return this == ABOVE ? value >= threshold : value <= threshold;
    }

    /** The word used in files: {@code above} or {@code below}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How the points of a series in the window become the one value that is compared. */
  public enum Reduce {
    /** The last point that is not null. */
    LAST,
    /** The mean of the points that are not null. */
    AVG,
    MIN,
    MAX,
    /** The sum of the points that are not null. */
    SUM;

    /** The word used in files, e.g. {@code avg}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The level an alert takes when its target returns no data (no series, or only nulls). */
  public enum NoData {
    OK,
    WARNING,
    CRITICAL,
    UNKNOWN;

    /** The word used in files, e.g. {@code unknown}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Where an alert is written: the file (relative to the alerts folder) and the line where the
   * alert starts. Alerts made by {@code for_each} point to the alert they were made from.
   */
  public record Source(String file, int line) {
    public Source {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
      return line > 0 ? file + ":" + line : file;
    }
  }

  public AlertDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(noData, "noData");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(source, "source");
    if (composite == null) {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(reduce, "reduce");
      Objects.requireNonNull(window, "window");
    }
    if (forChecks < 1) {
      throw new IllegalArgumentException("forChecks must be 1 or more: " + forChecks);
    }
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels == null ? Map.of() : labels));
    graph = graph == null ? List.of() : List.copyOf(graph);
    notifyTo = notifyTo == null ? List.of() : List.copyOf(notifyTo);
  }

  /** Whether this alert takes its state from other alerts rather than from a Graphite target. */
  public boolean isComposite() {
    return composite != null;
  }
}

package io.opsroom.alerting;

import io.opsroom.alerting.AlertDefinition.Direction;
import io.opsroom.alerting.AlertDefinition.NoData;
import io.opsroom.alerting.AlertDefinition.Reduce;
import io.opsroom.alerting.AlertDefinition.Source;
import io.opsroom.platform.SourceTree.Entry;
import io.opsroom.platform.SourceTree.ListNode;
import io.opsroom.platform.SourceTree.MapNode;
import io.opsroom.platform.SourceTree.Node;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hound's {@code config.json} (github.com/ccnmtl/hound), read as it is, so a team can move its
 * alerts over by copying the file into {@code alerts/}. docs/alerts.md has the mapping:
 *
 * <ul>
 *   <li>{@code Name} becomes the name, and the id is made from it ({@code Capsim Smoketests Failed}
 *       → {@code capsim-smoketests-failed});
 *   <li>{@code Metric} becomes the target, its whitespace removed as Hound removed it;
 *   <li>{@code Threshold} becomes the critical threshold of an {@code Alert}, and the warning
 *       threshold of a {@code Notice} (Hound's "you should know" type);
 *   <li>{@code Direction} is kept; Hound's thresholds were inclusive, as ours are;
 *   <li>{@code EmailTo} becomes the label {@code email_to} (the file's top-level {@code EmailTo}
 *       where an alert has none), which routes can match;
 *   <li>{@code RunBookLink} becomes the runbook.
 * </ul>
 *
 * Like Hound, each check takes the last value over the last 10 minutes (or the file's {@code
 * Window}) and fires at the first failing check. Keys match in any case, as Go's JSON decoder
 * matches them. Hound's service settings (SMTP, ports, templates, throttle) are accepted and
 * ignored: Opsroom has its own.
 */
final class HoundFormat {

  static final Duration WINDOW = Duration.ofMinutes(10);

  static final List<String> SERVICE_KEYS =
      List.of(
          "GraphiteBase",
          "CarbonBase",
          "MetricBase",
          "EmailFrom",
          "EmailTo",
          "CheckInterval",
          "GlobalThrottle",
          "HttpPort",
          "TemplateFile",
          "AlertTemplateFile",
          "EmailOnError",
          "SMTPServer",
          "SMTPPort",
          "SMTPUser",
          "SMTPPassword",
          "LogLevel",
          "ReadTimeout",
          "WriteTimeout",
          "Window");

  static final List<String> ALERT_KEYS =
      List.of("Name", "Metric", "Type", "Threshold", "Direction", "EmailTo", "RunBookLink");

  /** Hound's two kinds of alert: something is broken now, or something to know about. */
  enum Type {
    ALERT,
    NOTICE
  }

  private HoundFormat() {}

  /**
   * Whether a JSON document is Hound's config: it has Hound's top-level {@code Alerts} or one of
   * its service settings, or its alerts have a {@code Metric}.
   */
  static boolean looksLikeHound(MapNode root) {
    if (root.get("Alerts") != null) {
      return true;
    }
    for (String key : root.entries().keySet()) {
      if (canonical(key, SERVICE_KEYS) != null) {
        return true;
      }
    }
    Entry alerts = root.get("alerts");
    if (alerts != null && alerts.value() instanceof ListNode list) {
      for (Node item : list.items()) {
        if (item instanceof MapNode alert && find(alert, "Metric") != null) {
          return true;
        }
      }
    }
    return false;
  }

  static void read(MapNode root, FileReading reading, List<AlertDefinition> out) {
    List<String> topKeys = new ArrayList<>(SERVICE_KEYS);
    topKeys.add(0, "Alerts");
    for (Entry entry : root.entries().values()) {
      if (canonical(entry.key(), topKeys) == null) {
        reading.unknownKey(entry, topKeys, null, "Hound's config", Map.of());
      }
    }
    Entry emailToEntry = find(root, "EmailTo");
    String defaultEmailTo =
        FileReading.absent(emailToEntry) ? null : reading.text(emailToEntry, null);
    Entry windowEntry = find(root, "Window");
    Duration window =
        FileReading.absent(windowEntry) ? WINDOW : reading.duration(windowEntry, null);
    Entry alertsEntry = find(root, "Alerts");
    if (FileReading.absent(alertsEntry)) {
      reading.problem(root.line(), null, "Hound's config has no Alerts list");
      return;
    }
    if (!(alertsEntry.value() instanceof ListNode list)) {
      reading.problem(
          alertsEntry.line(),
          null,
          "Alerts must be a list of alerts, not " + alertsEntry.value().describe());
      return;
    }
    Map<String, Integer> idLines = new HashMap<>();
    for (Node item : list.items()) {
      if (!(item instanceof MapNode alert)) {
        reading.problem(
            item.line(),
            null,
            "each entry of Alerts is an object with Name, Metric, Threshold and Direction, not "
                + item.describe());
        continue;
      }
      AlertDefinition definition =
          readAlert(alert, reading, defaultEmailTo, window == null ? WINDOW : window, idLines);
      if (definition != null) {
        out.add(definition);
      }
    }
  }

  private static AlertDefinition readAlert(
      MapNode alert,
      FileReading reading,
      String defaultEmailTo,
      Duration window,
      Map<String, Integer> idLines) {
    int before = reading.problemCount();
    Entry nameEntry = find(alert, "Name");
    String name = FileReading.absent(nameEntry) ? null : reading.text(nameEntry, null);
    String id = name == null ? null : slug(name);
    for (Entry entry : alert.entries().values()) {
      if (canonical(entry.key(), ALERT_KEYS) == null) {
        reading.unknownKey(entry, ALERT_KEYS, id, "a Hound alert", Map.of());
      }
    }
    if (name == null || name.isBlank()) {
      if (FileReading.absent(nameEntry) || name != null) {
        reading.problem(
            alert.line(),
            null,
            "the Hound alert has no Name (Opsroom makes the alert's id from it)");
      }
    } else if (id.isEmpty()) {
      reading.problem(
          nameEntry.line(),
          null,
          "Name \"" + name + "\" has no letters or digits to make the alert's id from");
    } else {
      Integer earlier = idLines.putIfAbsent(id, nameEntry.line());
      if (earlier != null) {
        reading.problem(
            nameEntry.line(),
            id,
            "Name \""
                + name
                + "\" gives the id "
                + id
                + ", which the alert at line "
                + earlier
                + " has already: give the alerts different names");
      }
    }

    Entry metricEntry = find(alert, "Metric");
    String target = FileReading.absent(metricEntry) ? null : reading.text(metricEntry, id);
    // Hound removed every space, tab and line break from the metric; so does the import.
    target = target == null ? null : target.replaceAll("\\s+", "");
    if (target == null || target.isEmpty()) {
      if (FileReading.absent(metricEntry) || target != null) {
        reading.problem(
            metricEntry == null ? alert.line() : metricEntry.line(),
            id,
            "the Hound alert has no Metric: the Graphite expression to check");
      }
    } else {
      String problem = AlertFileParser.targetProblem(target);
      if (problem != null) {
        reading.problem(metricEntry.line(), id, "Metric " + problem);
      }
    }

    Entry thresholdEntry = find(alert, "Threshold");
    Double threshold = null;
    if (FileReading.absent(thresholdEntry)) {
      reading.problem(alert.line(), id, "the Hound alert has no Threshold");
    } else {
      threshold = reading.number(thresholdEntry, id);
    }
    Entry directionEntry = find(alert, "Direction");
    Direction direction = null;
    if (FileReading.absent(directionEntry)) {
      reading.problem(
          alert.line(),
          id,
          "the Hound alert has no Direction: write \"above\" or \"below\" (Hound took a missing"
              + " one as below)");
    } else {
      direction = reading.word(directionEntry, id, Direction.class);
    }
    Entry typeEntry = find(alert, "Type");
    Type type =
        FileReading.absent(typeEntry) ? Type.ALERT : reading.word(typeEntry, id, Type.class);

    TreeMap<String, String> labels = new TreeMap<>();
    Entry emailEntry = find(alert, "EmailTo");
    String emailTo = FileReading.absent(emailEntry) ? defaultEmailTo : reading.text(emailEntry, id);
    if (emailTo != null && !emailTo.isBlank()) {
      labels.put("email_to", emailTo.strip());
    }
    Entry runbookEntry = find(alert, "RunBookLink");
    String runbook = null;
    if (!FileReading.absent(runbookEntry)) {
      String link = reading.text(runbookEntry, id);
      if (link != null && !link.isBlank()) {
        String problem = AlertFileParser.runbookProblem(link.strip());
        if (problem != null) {
          reading.problem(runbookEntry.line(), id, problem.replace("runbook", "RunBookLink"));
        } else {
          runbook = link.strip();
        }
      }
    }
    if (reading.problemCount() != before) {
      return null;
    }
    return new AlertDefinition(
        id,
        name.strip(),
        target,
        type == Type.NOTICE ? threshold : null,
        type == Type.ALERT ? threshold : null,
        direction,
        Reduce.LAST,
        window,
        1,
        NoData.UNKNOWN,
        Optional.empty(),
        labels,
        runbook,
        null,
        AlertDefinition.DEFAULT_GRAPH,
        new Source(reading.file, alert.line()),
        null,
        List.of());
  }

  /** An id made of a Hound name: lower-case words joined by dashes, accents dropped. */
  static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  /** The entry whose key is {@code key} in any case, as Go's JSON decoder matches fields. */
  private static Entry find(MapNode map, String key) {
    Entry exact = map.get(key);
    if (exact != null) {
      return exact;
    }
    for (Entry entry : map.entries().values()) {
      if (entry.key().equalsIgnoreCase(key)) {
        return entry;
      }
    }
    return null;
  }

  private static String canonical(String key, List<String> known) {
    for (String k : known) {
      if (k.equalsIgnoreCase(key)) {
        return k;
      }
    }
    return null;
  }
}

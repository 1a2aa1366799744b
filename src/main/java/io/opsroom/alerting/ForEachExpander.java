package io.opsroom.alerting;

import io.opsroom.alerting.AlertTemplate.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Makes the alerts of one {@code for_each} alert: one per inventory object, with the object's
 * properties put in place of the placeholders. An object that cannot make a usable alert (no value
 * for a placeholder of the id or target, an id that is not valid) is skipped with a problem, never
 * with an exception, so one odd server does not cost the others their alerts.
 */
final class ForEachExpander {

  /** The alerts made and the objects skipped. */
  record Expansion(List<AlertDefinition> alerts, List<AlertProblem> problems) {}

  private ForEachExpander() {}

  /** Expands {@code template} over {@code objects}, the inventory's answer to its filter. */
  static Expansion expand(AlertTemplate template, List<Map<String, String>> objects) {
    AlertDefinition pattern = template.pattern();
    Kind kind = template.forEach().kind();
    String file = pattern.source().file();
    int line = pattern.source().line();
    List<AlertDefinition> alerts = new ArrayList<>();
    List<AlertProblem> problems = new ArrayList<>();
    for (Map<String, String> object : objects) {
      String objectName = kind.placeholder() + " " + valueOr(object.get("name"), "(no name)");
      List<String> missing = new ArrayList<>();
      String id = fill(pattern.id(), kind, object, missing);
      String target = fill(pattern.target(), kind, object, missing);
      if (!missing.isEmpty()) {
        problems.add(
            AlertProblem.at(
                file,
                line,
                pattern.id(),
                objectName
                    + " has no "
                    + String.join(" and no ", missing.stream().distinct().toList())
                    + ", which the alert's id or target needs: no alert is made for it"));
        continue;
      }
      if (!AlertFileParser.ID.matcher(id).matches()) {
        problems.add(
            AlertProblem.at(
                file,
                line,
                pattern.id(),
                objectName
                    + " makes the id \""
                    + id
                    + "\", which is not valid (lower-case letters, digits, '.', '_' and '-'): no"
                    + " alert is made for it"));
        continue;
      }
      String targetProblem = AlertFileParser.targetProblem(target);
      if (targetProblem != null) {
        problems.add(
            AlertProblem.at(
                file,
                line,
                id,
                objectName
                    + " makes a target that "
                    + targetProblem
                    + ": no alert is made for it"));
        continue;
      }
      List<String> ignored = new ArrayList<>();
      String name = fill(pattern.name(), kind, object, ignored);
      String runbook =
          pattern.runbook() == null ? null : fill(pattern.runbook(), kind, object, ignored);
      if (runbook != null && runbook.isBlank()) {
        runbook = null;
      }
      if (runbook != null && AlertFileParser.runbookProblem(runbook) != null) {
        problems.add(
            AlertProblem.at(
                file,
                line,
                id,
                objectName
                    + ": "
                    + AlertFileParser.runbookProblem(runbook)
                    + "; the alert runs without it"));
        runbook = null;
      }
      String description =
          pattern.description() == null ? null : fill(pattern.description(), kind, object, ignored);
      TreeMap<String, String> labels = new TreeMap<>();
      pattern
          .labels()
          .forEach(
              (key, value) -> {
                String filled = fill(value, kind, object, ignored).strip();
                if (!filled.isEmpty()) {
                  labels.put(key, filled);
                }
              });
      // The server page and routes find a server's alerts by this label.
      String objectLabel = object.get("name");
      if (objectLabel != null && !objectLabel.isBlank()) {
        labels.putIfAbsent(kind.label(), objectLabel);
      }
      alerts.add(
          new AlertDefinition(
              id,
              name.isBlank() ? id : name,
              target,
              pattern.warning(),
              pattern.critical(),
              pattern.direction(),
              pattern.reduce(),
              pattern.window(),
              pattern.forChecks(),
              pattern.noData(),
              pattern.interval(),
              labels,
              runbook,
              description,
              pattern.graph(),
              pattern.source(),
              null,
              pattern.notifyTo()));
    }
    return new Expansion(alerts, problems);
  }

  /**
   * {@code text} with this kind's placeholders replaced by the object's values; the properties that
   * have no value are added to {@code missing} and replaced by nothing.
   */
  private static String fill(
      String text, Kind kind, Map<String, String> object, List<String> missing) {
    Matcher m = AlertFileParser.PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      if (!m.group(1).equals(kind.placeholder())) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String value = object.get(m.group(2));
      if (value == null || value.isBlank()) {
        missing.add(m.group(2));
        value = "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.strip()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String valueOr(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}

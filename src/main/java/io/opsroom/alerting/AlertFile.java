package io.opsroom.alerting;

import java.util.List;
import java.util.Objects;

/**
 * One alert file as read by {@link AlertFileParser}: the alerts that are valid on their own, the
 * {@code for_each} alerts still to be expanded, and what is wrong with the file. A file with any
 * problem is not valid as a whole, even when some of its alerts are.
 *
 * @param file the file, relative to the alerts folder
 * @param alerts the alerts that are valid on their own, in file order
 * @param templates the {@code for_each} alerts that are valid on their own, in file order
 * @param problems what is wrong, in file order; empty when the file is valid
 */
public record AlertFile(
    String file,
    List<AlertDefinition> alerts,
    List<AlertTemplate> templates,
    List<AlertProblem> problems) {

  public AlertFile {
    Objects.requireNonNull(file, "file");
    alerts = List.copyOf(alerts);
    templates = List.copyOf(templates);
    problems = List.copyOf(problems);
  }

  /** Whether the whole file is valid, so that it may replace the version that runs now. */
  public boolean valid() {
    return problems.isEmpty();
  }

  /** How many alerts the file writes, counting each {@code for_each} alert once. */
  public int size() {
    return alerts.size() + templates.size();
  }
}

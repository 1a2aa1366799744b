package io.opsroom.alerting;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@code for_each} alert as written: a pattern whose id, name, target, labels, runbook and
 * description still hold placeholders such as {@code {server.name}}, and the inventory objects to
 * repeat it over. The registry expands it into one {@link AlertDefinition} per object at every
 * reload, because the inventory changes between reloads.
 *
 * @param forEach what to repeat over
 * @param pattern the alert with its placeholders; its thresholds and durations are final
 */
public record AlertTemplate(ForEach forEach, AlertDefinition pattern) {

  public AlertTemplate {
    Objects.requireNonNull(forEach, "forEach");
    Objects.requireNonNull(pattern, "pattern");
  }

  /** The kinds of inventory objects an alert can be repeated over. */
  public enum Kind {
    SERVERS("server", ForEachSource.SERVER_PROPERTIES, "server"),
    APPLICATIONS("application", ForEachSource.APPLICATION_PROPERTIES, "app");

    private final String placeholder;
    private final List<String> properties;
    private final String label;

    Kind(String placeholder, List<String> properties, String label) {
      this.placeholder = placeholder;
      this.properties = properties;
      this.label = label;
    }

    /** The word in placeholders: {@code server} as in {@code {server.name}}. */
    public String placeholder() {
      return placeholder;
    }

    /** The properties filters and placeholders may use. */
    public List<String> properties() {
      return properties;
    }

    /** The label each expanded alert gets with the object's name, unless it sets it itself. */
    public String label() {
      return label;
    }

    /** The word in files: {@code servers} or {@code applications}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Every placeholder of this kind, for messages: {@code {server.name}, {server.kind}, ...}. */
    public String placeholderList() {
      StringBuilder list = new StringBuilder();
      for (String property : properties) {
        if (list.length() > 0) {
          list.append(", ");
        }
        list.append('{').append(placeholder).append('.').append(property).append('}');
      }
      return list.toString();
    }
  }

  /**
   * {@code for_each: {servers: {environment: production}}}: the objects of this kind whose
   * properties equal the filter. The filter holds {@code status: active} unless the file names a
   * status.
   *
   * @param line where {@code for_each} is written
   */
  public record ForEach(Kind kind, Map<String, String> filter, int line) {
    public ForEach {
      Objects.requireNonNull(kind, "kind");
      filter = Collections.unmodifiableSortedMap(new TreeMap<>(filter));
    }
  }
}

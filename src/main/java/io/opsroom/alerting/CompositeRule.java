package io.opsroom.alerting;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The rule of a composite ("business process") alert, as written under {@code composite:}: all or
 * any of a list of conditions, where a condition names one alert and the state it should be in, or
 * asks that at least a number or share of the alerts with some labels be in a state. Rules nest.
 * This is only the shape; the evaluation cycle decides what the rule comes to.
 */
public sealed interface CompositeRule {

  /** The states an alert can be in, as a condition names them ({@code state: ok}). */
  enum State {
    OK,
    PENDING,
    WARNING,
    CRITICAL,
    UNKNOWN,
    ERROR;

    /** The word used in files, e.g. {@code ok}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code all: [...]}: true when every rule in the list is. */
  record All(List<CompositeRule> rules) implements CompositeRule {
    public All {
      rules = List.copyOf(rules);
    }
  }

  /** {@code any: [...]}: true when at least one rule in the list is. */
  record Any(List<CompositeRule> rules) implements CompositeRule {
    public Any {
      rules = List.copyOf(rules);
    }
  }

  /** {@code {alert: web-5xx-percent, state: ok}}: that alert is in that state. */
  record AlertIs(String alert, State state) implements CompositeRule {
    public AlertIs {
      Objects.requireNonNull(alert, "alert");
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * {@code {at_least: 80%, of: {labels: {role: appserver}}, state: ok}}: enough of the alerts that
   * carry all these labels are in that state.
   */
  record AtLeast(Quota quota, Map<String, String> labels, State state) implements CompositeRule {
    public AtLeast {
      Objects.requireNonNull(quota, "quota");
      Objects.requireNonNull(state, "state");
      labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }
  }

  /** How many of the selected alerts must be in the state: a count, or a percentage. */
  record Quota(double amount, boolean percent) {

    public static Quota count(int count) {
      return new Quota(count, false);
    }

    public static Quota percent(double percent) {
      return new Quota(percent, true);
    }

    /**
     * Whether {@code matching} of {@code selected} alerts meet the quota. A percentage of no alerts
     * at all is not met: an empty selection proves nothing.
     */
    public boolean metBy(int matching, int selected) {
      if (!percent) {
        return matching >= amount;
      }
      return selected > 0 && matching * 100.0 >= amount * selected;
    }

    @Override
    public String toString() {
      String number =
          amount == Math.rint(amount) ? String.valueOf((long) amount) : String.valueOf(amount);
      return percent ? number + "%" : number;
    }
  }
}

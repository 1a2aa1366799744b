package io.opsroom.alerting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides a composite ("business process") alert from the levels of the alerts it names: OK while
 * its rule holds, CRITICAL when it does not, with a message saying which conditions failed. An
 * alert that was never checked counts as UNKNOWN; composites never count in an {@code at_least}.
 */
public final class CompositeCheck {

  private CompositeCheck() {}

  /** What the composite needs to know of every other alert. */
  public record Member(Level level, Map<String, String> labels, boolean composite) {}

  public static AlertCheck.Observation observe(CompositeRule rule, Map<String, Member> alerts) {
    List<String> failed = new ArrayList<>();
    boolean holds = holds(rule, alerts, failed);
    return new AlertCheck.Observation(
        holds ? Level.OK : Level.CRITICAL,
        null,
        holds ? null : "Not met: " + String.join("; ", failed),
        List.of());
  }

  static boolean holds(CompositeRule rule, Map<String, Member> alerts, List<String> failed) {
    if (rule instanceof CompositeRule.All all) {
      boolean result = true;
      for (CompositeRule r : all.rules()) {
        result &= holds(r, alerts, failed);
      }
      return result;
    }
    if (rule instanceof CompositeRule.Any any) {
      List<String> reasons = new ArrayList<>();
      boolean result = false;
      for (CompositeRule r : any.rules()) {
        result |= holds(r, alerts, reasons);
      }
      if (!result) {
        failed.add("none of: " + String.join(", ", reasons));
      }
      return result;
    }
    if (rule instanceof CompositeRule.AlertIs is) {
      Member member = alerts.get(is.alert());
      Level level = member == null ? Level.UNKNOWN : member.level();
      boolean result = level.name().equals(is.state().name());
      if (!result) {
        failed.add(is.alert() + " is " + level + ", not " + is.state());
      }
      return result;
    }
    CompositeRule.AtLeast atLeast = (CompositeRule.AtLeast) rule;
    int selected = 0;
    int matching = 0;
    for (Member m : alerts.values()) {
      if (m.composite() || !m.labels().entrySet().containsAll(atLeast.labels().entrySet())) {
        continue;
      }
      selected++;
      if (m.level().name().equals(atLeast.state().name())) {
        matching++;
      }
    }
    boolean result = atLeast.quota().metBy(matching, selected);
    if (!result) {
      failed.add(
          matching
              + " of "
              + selected
              + " alerts with "
              + atLeast.labels()
              + " are "
              + atLeast.state()
              + ", needed "
              + atLeast.quota());
    }
    return result;
  }
}

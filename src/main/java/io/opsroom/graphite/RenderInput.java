package io.opsroom.graphite;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks on render input made before anything is sent. graphite-web parses a target only as far as
 * it can and silently drops the rest ({@code a.b)} renders {@code a.b}), so a target with
 * unbalanced brackets would change meaning once wrapped for the request; and a time Graphite
 * rejects fails every target of a request at once, so the common slip ({@code -5m}) is caught here.
 */
final class RenderInput {

  private static final Pattern RELATIVE_TIME = Pattern.compile("(?:now)?[+-]?((?:\\d+[a-zA-Z]+)+)");
  private static final Pattern OFFSET_PART = Pattern.compile("\\d+([a-zA-Z]+)");

  private RenderInput() {}

  /** Why this target cannot be sent as one expression, or empty when it can. */
  static Optional<String> targetProblem(String target) {
    if (target == null || target.isBlank()) {
      return Optional.of("The target is empty");
    }
    int parens = 0;
    int braces = 0;
    char quote = 0;
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c == '\n' || c == '\r') {
        return Optional.of("The target contains a line break");
      }
      if (c == '\\') {
        i++; // An escaped character is never syntax, inside a string or in a metric path.
        continue;
      }
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'' -> quote = c;
        case '(' -> parens++;
        case ')' -> {
          if (--parens < 0) {
            return Optional.of("The target has a ')' without a matching '('");
          }
        }
        case '{' -> braces++;
        case '}' -> {
          if (--braces < 0) {
            return Optional.of("The target has a '}' without a matching '{'");
          }
        }
        case ',' -> {
          if (parens == 0 && braces == 0) {
            return Optional.of(
                "The target has a ',' outside any function: one target is one expression");
          }
        }
        default -> {}
      }
    }
    if (quote != 0) {
      return Optional.of("The target has a " + quote + " that is never closed");
    }
    if (parens > 0) {
      return Optional.of("The target has a '(' that is never closed");
    }
    if (braces > 0) {
      return Optional.of("The target has a '{' that is never closed");
    }
    return Optional.empty();
  }

  /**
   * Why Graphite would reject this {@code from} or {@code until}, as far as can be told here, or
   * empty. Relative times are checked against graphite-web's units; absolute forms go through.
   */
  static Optional<String> timeProblem(String name, String value) {
    if (value == null || value.isBlank()) {
      return Optional.of(name + " is empty");
    }
    // graphite-web reads times in lower case.
    Matcher relative = RELATIVE_TIME.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!relative.matches()) {
      return Optional.empty();
    }
    Matcher part = OFFSET_PART.matcher(relative.group(1));
    while (part.find()) {
      String unit = part.group(1);
      if (!knownUnit(unit)) {
        return Optional.of(
            name
                + "="
                + value
                + " has the unit '"
                + unit
                + "', which Graphite does not know (minutes are 'min', months 'mon')");
      }
    }
    return Optional.empty();
  }

  /** graphite-web's getUnitString: a unit is known by how it starts. */
  private static boolean knownUnit(String unit) {
    return unit.startsWith("s")
        || unit.startsWith("min")
        || unit.startsWith("h")
        || unit.startsWith("d")
        || unit.startsWith("w")
        || unit.startsWith("mon")
        || unit.startsWith("y");
  }
}

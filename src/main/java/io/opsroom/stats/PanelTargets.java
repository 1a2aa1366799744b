package io.opsroom.stats;

import java.util.Optional;

/**
 * Fills a panel's target template with an object's Graphite prefix, so that no prefix can change
 * what the target means. Inventory accepts only letters, digits, {@code -} and {@code _} between
 * dots; a prefix that reached the database some other way is still made safe here: the characters
 * graphite-web's target grammar treats as syntax ({@code ( ) { } , = ' " \}) are escaped with a
 * backslash, as that grammar allows, and a prefix with wildcards ({@code * ? [ ]}), white space,
 * control characters or empty path parts is refused, since no escape keeps a wildcard literal.
 */
public final class PanelTargets {

  /** Characters graphite-web's grammar reads as syntax unless escaped with a backslash. */
  private static final String SYNTAX = "(){},='\"\\";

  /** Characters Graphite's finders read as patterns: they cannot be escaped. */
  private static final String WILDCARDS = "*?[]";

  private PanelTargets() {}

  /** Why {@code prefix} cannot be used in a target, or empty when it can. */
  public static Optional<String> prefixProblem(String prefix) {
    if (prefix == null || prefix.isBlank()) {
      return Optional.of("It has no Graphite prefix.");
    }
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (WILDCARDS.indexOf(c) >= 0) {
        return Optional.of(
            "Its Graphite prefix holds the wildcard " + c + ", which would match other metrics.");
      }
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return Optional.of("Its Graphite prefix holds white space or a control character.");
      }
    }
    if (prefix.startsWith(".") || prefix.endsWith(".") || prefix.contains("..")) {
      return Optional.of("Its Graphite prefix has an empty part between dots.");
    }
    return Optional.empty();
  }

  /** The prefix with Graphite's syntax characters escaped; call {@link #prefixProblem} first. */
  public static String escape(String prefix) {
    StringBuilder out = new StringBuilder(prefix.length() + 8);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (SYNTAX.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * The panel's target for the object with this prefix.
   *
   * @throws IllegalArgumentException when the prefix cannot be used ({@link #prefixProblem})
   */
  public static String fill(Panel panel, String prefix) {
    Optional<String> problem = prefixProblem(prefix);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return panel.target().replace(Panel.PREFIX, escape(prefix));
  }
}

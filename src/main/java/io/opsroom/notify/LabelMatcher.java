package io.opsroom.notify;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on an alert's labels, as routes and silences write them: {@code label=value}
 * (equal), {@code label!=value}, {@code label=~regex} or {@code label!~regex}. A regex must match
 * the whole value, as in Alertmanager; a missing label is the empty string.
 */
public record LabelMatcher(String label, Op op, String value) {

  /** How the label's value is compared. */
  public enum Op {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean isRegex() {
      return this == REGEX || this == NOT_REGEX;
    }

    /** The operator written as {@code =}, {@code !=}, {@code =~} or {@code !~}. */
    public static Op parse(String symbol) {
      for (Op op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      throw new IllegalArgumentException(
          "Unknown matcher operator " + symbol + ": use =, !=, =~ or !~.");
    }
  }

  private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");

  /**
   * Checks the label name and compiles a regex at once, so a matcher that cannot work is refused
   * where it is written (a route file, a silence form), with the reason.
   */
  public LabelMatcher {
    Objects.requireNonNull(op, "op");
    if (label == null || !LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "A label name is a letter or _ followed by letters, digits, _, . or -: " + label);
    }
    value = value == null ? "" : value;
    if (op.isRegex()) {
      compile(value);
    }
  }

  /** Whether the labels satisfy this condition. */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(label, "");
    switch (op) {
      case EQUAL:
        return actual.equals(value);
      case NOT_EQUAL:
        return !actual.equals(value);
      case REGEX:
        return compile(value).matcher(actual).matches();
      default:
        return !compile(value).matcher(actual).matches();
    }
  }

  /** Whether the labels satisfy every matcher (true for none). */
  public static boolean all(Iterable<LabelMatcher> matchers, Map<String, String> labels) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return label + op.symbol + value;
  }

  /** Regexes come from route files and silences: few, and each is compiled once. */
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  private static Pattern compile(String regex) {
    try {
      return COMPILED.computeIfAbsent(regex, Pattern::compile);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "The regular expression " + regex + " does not compile: " + e.getDescription(), e);
    }
  }
}

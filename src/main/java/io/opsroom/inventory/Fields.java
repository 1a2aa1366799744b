package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the free-form fields of inventory input (forms, JSON, CSV all arrive as text) and records a
 * message per field for whatever it cannot accept.
 */
final class Fields {

  static final int SHORT = 200;
  static final int LONG = 4000;

  private static final Pattern GRAPHITE_PREFIX =
      Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final InvalidInputException.Collector problems;

  Fields(InvalidInputException.Collector problems) {
    this.problems = problems;
  }

  /** Trimmed text, null when blank; a single line of at most {@code max} characters. */
  String line(String field, String value, int max) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    problems.check(!Names.hasControl(v), field, "Use a single line without control characters.");
    problems.check(v.length() <= max, field, "Use at most " + max + " characters.");
    return v;
  }

  /** Trimmed text of several lines, null when blank. */
  String text(String field, String value, int max) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    problems.check(v.length() <= max, field, "Use at most " + max + " characters.");
    return v;
  }

  /** A positive whole number, null when blank. */
  Integer positive(String field, String value, String unit) {
    String v = blankToNull(value);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      problems.check(n > 0, field, "Enter a positive whole number of " + unit + ".");
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      problems.check(false, field, "Enter a whole number of " + unit + ", such as 8.");
      return null;
    }
  }

  /** One of {@code allowed}, lower-cased; {@code fallback} when blank. */
  String choice(String field, String value, java.util.List<String> allowed, String fallback) {
    String v = blankToNull(value);
    if (v == null) {
      return fallback;
    }
    v = v.toLowerCase(Locale.ROOT);
    problems.check(
        allowed.contains(v), field, "Choose one of: " + String.join(", ", allowed) + ".");
    return v;
  }

  /** An http(s) URL, null when blank. */
  String url(String field, String value) {
    String v = line(field, value, 1000);
    if (v == null) {
      return null;
    }
    boolean ok;
    try {
      URI uri = new URI(v);
      ok =
          uri.getScheme() != null
              && (uri.getScheme().equalsIgnoreCase("http")
                  || uri.getScheme().equalsIgnoreCase("https"))
              && uri.getHost() != null;
    } catch (URISyntaxException e) {
      ok = false;
    }
    problems.check(ok, field, "Enter a full http:// or https:// address.");
    return v;
  }

  /** A Graphite path prefix such as {@code servers.web01}; null when blank. */
  String graphitePrefix(String field, String value) {
    String v = line(field, value, SHORT);
    if (v == null) {
      return null;
    }
    problems.check(
        GRAPHITE_PREFIX.matcher(v).matches(),
        field,
        "Use a Graphite path of letters, digits, - and _, separated by dots (servers.web01).");
    return v;
  }

  String email(String field, String value) {
    String v = line(field, value, SHORT);
    if (v == null) {
      return null;
    }
    problems.check(
        EMAIL.matcher(v).matches(), field, "Enter an email address like name@example.org.");
    return v.toLowerCase(Locale.ROOT);
  }

  void check(boolean ok, String field, String message) {
    problems.check(ok, field, message);
  }

  boolean has(String field) {
    return problems.has(field);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

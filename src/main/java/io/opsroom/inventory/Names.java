package io.opsroom.inventory;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for names in the inventory: host names after RFC 1123, slugs for applications,
 * locations and roles. Everything is compared lower-case and trimmed, as DNS does.
 */
public final class Names {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern TOP_LEVEL = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern LOCATION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  private Names() {}

  /** Trimmed and lower-cased; null stays null. Inner whitespace is kept so that it is refused. */
  public static String normalize(String value) {
    return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
  }

  /** Why {@code name} is not a server name (a host name, one or more labels), or null if it is. */
  public static String serverNameProblem(String name) {
    if (name == null || name.isEmpty()) {
      return "Enter a name.";
    }
    String problem = hostnameProblem(name, false);
    return problem;
  }

  /** Why {@code hostname} is not a fully qualified DNS name for an alias, or null if it is. */
  public static String aliasProblem(String hostname) {
    if (hostname == null || hostname.isEmpty()) {
      return "Enter a host name such as wiki.example.org.";
    }
    return hostnameProblem(hostname, true);
  }

  private static String hostnameProblem(String name, boolean qualified) {
    if (hasControlOrSpace(name)) {
      return "A host name has no spaces, line breaks or other control characters.";
    }
    if (name.length() > 253) {
      return "A host name has at most 253 characters.";
    }
    String[] labels = name.split("\\.", -1);
    if (qualified && labels.length < 2) {
      return "Enter the full name including its domain, such as wiki.example.org.";
    }
    for (String label : labels) {
      if (label.isEmpty()) {
        return "A host name has no empty parts (two dots in a row, or a dot at the start).";
      }
      if (label.length() > 63) {
        return "Each part of a host name has at most 63 characters.";
      }
      if (!LABEL.matcher(label).matches()) {
        return "Use letters, digits and hyphens; a part may not start or end with a hyphen ("
            + label
            + ").";
      }
    }
    if (qualified && !TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
      return "The last part of a host name (the top-level domain) starts with a letter.";
    }
    return null;
  }

  /** A host name without a trailing dot. */
  public static String canonicalHostname(String hostname) {
    String value = normalize(hostname);
    return value != null && value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
  }

  public static boolean isSlug(String value) {
    return value != null && SLUG.matcher(value).matches();
  }

  public static boolean isLocationName(String value) {
    return value != null && LOCATION.matcher(value).matches();
  }

  /** A short lower-case word such as an environment or a deployment role. */
  public static boolean isWord(String value) {
    return value != null && WORD.matcher(value).matches();
  }

  /** True if {@code hostname} is {@code domain} or lies below it. */
  public static boolean inDomain(String hostname, String domain) {
    String d = canonicalHostname(domain);
    return hostname.equals(d) || hostname.endsWith("." + d);
  }

  public static boolean hasControlOrSpace(String value) {
    return value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
  }

  /** True if {@code value} holds a line break or another control character (tabs excepted). */
  public static boolean hasControl(String value) {
    return value != null && value.chars().anyMatch(c -> c != '\t' && Character.isISOControl(c));
  }
}

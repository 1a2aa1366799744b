package io.opsroom.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of event tags, in one place for every way in: a tag is a word ({@code deploy}) or a
 * {@code key=value} pair ({@code app=web}); it has no white space; keys are lower-case words; pairs
 * become the event's queryable attributes.
 */
public final class Tags {

  /** More tags than this on one event is a script gone wrong, not a changelog entry. */
  public static final int MAX_TAGS = 100;

  public static final int MAX_LENGTH = 200;

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,39}");
  private static final Pattern WHITE = Pattern.compile("[\\s\\p{Cntrl}]");
  private static final Pattern WHITE_RUN = Pattern.compile("[\\s\\p{Cntrl}]+");

  private Tags() {}

  /**
   * Splits what people type in a tags field: words separated by white space or commas. Empty parts
   * are dropped.
   */
  public static List<String> split(String text) {
    List<String> tags = new ArrayList<>();
    if (text == null) {
      return tags;
    }
    for (String part : text.split("[\\s,]+")) {
      if (!part.isEmpty()) {
        tags.add(part);
      }
    }
    return tags;
  }

  /**
   * The tags as stored: stripped, the key of a pair and a plain word lower-cased (values keep their
   * case), duplicates dropped, order kept. Call {@link #problem} first: this does not validate.
   */
  public static List<String> normalize(List<String> tags) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String tag : tags) {
      if (tag == null) {
        continue;
      }
      String t = tag.strip();
      int eq = t.indexOf('=');
      out.add(
          eq < 0
              ? t.toLowerCase(Locale.ROOT)
              : t.substring(0, eq).toLowerCase(Locale.ROOT) + t.substring(eq));
    }
    return List.copyOf(out);
  }

  /** Why these tags cannot be stored, or null when they can. */
  public static String problem(List<String> tags) {
    if (tags == null) {
      return null;
    }
    if (tags.size() > MAX_TAGS) {
      return "At most " + MAX_TAGS + " tags per event, not " + tags.size() + ".";
    }
    for (String tag : tags) {
      String problem = problemOf(tag);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** Why one tag cannot be stored, or null when it can. */
  public static String problemOf(String tag) {
    if (tag == null || tag.isBlank()) {
      return "A tag cannot be empty.";
    }
    String t = tag.strip();
    if (WHITE.matcher(t).find()) {
      return "Tag \""
          + t
          + "\" contains white space: tags are single words, like deploy or app=web.";
    }
    if (t.length() > MAX_LENGTH) {
      return "A tag has at most " + MAX_LENGTH + " characters: " + t.substring(0, 40) + "…";
    }
    int eq = t.indexOf('=');
    if (eq >= 0) {
      String key = t.substring(0, eq).toLowerCase(Locale.ROOT);
      String value = t.substring(eq + 1);
      if (!KEY.matcher(key).matches()) {
        return "Tag \""
            + t
            + "\": the part before = must be a word of letters, digits, _ . -, starting with a"
            + " letter.";
      }
      if (value.isEmpty()) {
        return "Tag \"" + t + "\" has no value after =.";
      }
    }
    return null;
  }

  /** The key=value tags as key to values, keys in order of first appearance. */
  public static Map<String, List<String>> attributes(List<String> tags) {
    Map<String, List<String>> attrs = new LinkedHashMap<>();
    for (String tag : tags) {
      int eq = tag.indexOf('=');
      if (eq > 0) {
        attrs
            .computeIfAbsent(tag.substring(0, eq), k -> new ArrayList<>())
            .add(tag.substring(eq + 1));
      }
    }
    attrs.replaceAll((k, v) -> List.copyOf(v));
    return attrs;
  }

  /**
   * {@code key=value} made a valid tag for hooks that tag events with names they did not choose (an
   * alert's labels, an inventory object's name): runs of white space become {@code _}; null when
   * the value is empty or still cannot be a tag (too long), so the hook leaves the tag out instead
   * of failing its write.
   */
  public static String validPair(String key, String value) {
    if (value == null) {
      return null;
    }
    String cleaned = WHITE_RUN.matcher(value.strip()).replaceAll("_");
    if (cleaned.isEmpty()) {
      return null;
    }
    String tag = pair(key, cleaned);
    return problemOf(tag) == null ? tag : null;
  }

  /** {@code key=value}. */
  public static String pair(String key, String value) {
    return key + "=" + value;
  }
}

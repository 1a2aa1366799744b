package io.opsroom.alerting;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way graphite-web's render API writes them ({@code 30s}, {@code 5min},
 * {@code 1h}, {@code 7d}), so that an alert's window can go into {@code from=-5min} unchanged.
 *
 * <p>graphite-web reads a unit by its first letters ({@code s}, {@code min}, {@code h}, {@code d},
 * {@code w}, {@code mon}, {@code y}) and refuses a lone {@code m}, because it could be minutes or
 * months. This parser takes the usual spellings of those units and refuses {@code m} with the same
 * reason, rather than letting Graphite refuse the alert's request at every check.
 */
public final class GraphiteDurations {

  private static final Pattern WHOLE = Pattern.compile("(\\d+[A-Za-z]+)+");
  private static final Pattern PART = Pattern.compile("(\\d+)([A-Za-z]+)");

  private static final Map<String, Long> UNIT_SECONDS =
      Map.ofEntries(
          Map.entry("s", 1L),
          Map.entry("sec", 1L),
          Map.entry("secs", 1L),
          Map.entry("second", 1L),
          Map.entry("seconds", 1L),
          Map.entry("min", 60L),
          Map.entry("mins", 60L),
          Map.entry("minute", 60L),
          Map.entry("minutes", 60L),
          Map.entry("h", 3_600L),
          Map.entry("hour", 3_600L),
          Map.entry("hours", 3_600L),
          Map.entry("d", 86_400L),
          Map.entry("day", 86_400L),
          Map.entry("days", 86_400L),
          Map.entry("w", 604_800L),
          Map.entry("week", 604_800L),
          Map.entry("weeks", 604_800L),
          // graphite-web counts a month as 30 days and a year as 365.
          Map.entry("mon", 2_592_000L),
          Map.entry("month", 2_592_000L),
          Map.entry("months", 2_592_000L),
          Map.entry("y", 31_536_000L),
          Map.entry("year", 31_536_000L),
          Map.entry("years", 31_536_000L));

  private GraphiteDurations() {}

  /**
   * Reads a positive duration such as {@code 5min} or {@code 1h30min}.
   *
   * @throws IllegalArgumentException with a message that starts with the quoted text and says what
   *     is wrong, e.g. {@code "5m": minutes are "min" in Graphite, as in 5min ...}
   */
  public static Duration parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("is empty: write a duration such as 30s, 5min, 1h or 1d");
    }
    String quoted = '"' + value + '"';
    if (value.matches("\\d+")) {
      throw new IllegalArgumentException(
          quoted + " has no unit: write " + value + "s, " + value + "min, " + value + "h ...");
    }
    if (!WHOLE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          quoted
              + " is not a Graphite duration: write a number and a unit, such as 30s, 5min,"
              + " 1h or 1d");
    }
    long seconds = 0;
    Matcher part = PART.matcher(value);
    while (part.find()) {
      String unit = part.group(2);
      Long unitSeconds = UNIT_SECONDS.get(unit);
      if (unitSeconds == null) {
        throw new IllegalArgumentException(quoted + unitProblem(unit, part.group(1)));
      }
      try {
        seconds =
            Math.addExact(seconds, Math.multiplyExact(Long.parseLong(part.group(1)), unitSeconds));
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException(quoted + " is too long");
      }
    }
    if (seconds == 0) {
      throw new IllegalArgumentException(quoted + " is zero: it must be longer than that");
    }
    return Duration.ofSeconds(seconds);
  }

  /**
   * Reads a graph range, a negative offset from now such as {@code -24h}; the minus may be left
   * out. Returns the range in its canonical form with the minus, as graphite-web's {@code from=}
   * takes it.
   */
  public static String parseRange(String text) {
    String value = text == null ? "" : text.strip();
    String body = value.startsWith("-") ? value.substring(1) : value;
    try {
      parse(body);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw new IllegalArgumentException(
          message.startsWith("\"" + body + "\"")
              ? "\"" + value + "\"" + message.substring(body.length() + 2)
              : message);
    }
    return "-" + body;
  }

  /**
   * Writes a duration in the largest Graphite unit that divides it exactly: {@code 1d}, {@code 2h},
   * {@code 5min}, {@code 90s}. Parts of a second are dropped.
   */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds != 0 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "min";
    }
    return seconds + "s";
  }

  private static String unitProblem(String unit, String number) {
    if (unit.equals("m")) {
      return ": minutes are \"min\" in Graphite, as in "
          + number
          + "min (graphite-web refuses \"m\": Invalid offset unit 'm')";
    }
    if (unit.equals("M")) {
      return ": Graphite units are lower-case: minutes are \"min\" ("
          + number
          + "min), months \"mon\" ("
          + number
          + "mon)";
    }
    if (UNIT_SECONDS.containsKey(unit.toLowerCase(Locale.ROOT))) {
      return ": Graphite units are lower-case, as in " + number + unit.toLowerCase(Locale.ROOT);
    }
    return ": unknown unit \""
        + unit
        + "\"; use s, min, h, d, w, mon or y (as in 30s, 5min, 1h, 1d)";
  }
}

package io.opsroom.platform;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * Reads a time the way graphite-web's {@code from=} and {@code until=} do (its {@code
 * render/attime.py}, version 1.1): {@code now}, epoch seconds, relative offsets such as {@code
 * -6h}, {@code -10min} or {@code now-1d+2h}, and absolute references such as {@code
 * 12:30_20240115}, {@code 20240115}, {@code 01/15/24}, {@code noon yesterday}, {@code 6pm today},
 * {@code jan15} or {@code monday}, in one time zone.
 *
 * <p>graphite-web's own quirks are kept, so a dashboard that works against Graphite works here:
 * units are read by their first letters ({@code s}, {@code min}, {@code h}, {@code d}, {@code w},
 * {@code mon}, {@code y}) and a lone {@code m} is refused; a month is 30 days and a year 365; an
 * eight-digit number that could be a date (19990101) is a date, any other number is epoch seconds;
 * {@code 12am} is noon and {@code 12pm} midnight, as graphite-web computes them.
 */
public final class GraphiteTime {

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  /** Python's weekday names from Sunday, which is where graphite-web starts counting. */
  private static final List<String> WEEKDAYS =
      List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  /** The last second Python's datetime (and so graphite-web) can represent: 9999-12-31T23:59:59. */
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  private GraphiteTime() {}

  /**
   * The instant {@code text} names, read relative to {@code now} and in {@code now}'s time zone.
   *
   * @throws IllegalArgumentException with a message that quotes the text and says what is wrong
   */
  public static Instant parse(String text, ZonedDateTime now) {
    String original = text == null ? "" : text;
    try {
      Instant instant = parseOrFail(original, now);
      if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
        throw new IllegalArgumentException("is outside the years 1 to 9999");
      }
      return instant;
    } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
      String reason = e.getMessage() == null ? "cannot be read" : e.getMessage();
      throw new IllegalArgumentException(
          "\"" + original + "\" is not a Graphite time: " + reason + ". " + EXAMPLES, e);
    }
  }

  /** What a caller is told after each refusal. */
  public static final String EXAMPLES =
      "Use epoch seconds (1700000000), now, a relative time (-6h, -10min, -1d, now-2w) or a date"
          + " (20240115, 12:30_20240115, 01/15/2024)";

  private static Instant parseOrFail(String text, ZonedDateTime now) {
    // graphite-web lower-cases and drops underscores, commas and spaces before reading anything.
    String s =
        text.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "").replace(" ", "");
    if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (!looksLikeDate(s)) {
        if (s.length() > 12) {
          throw new IllegalArgumentException("the number is too large for epoch seconds");
        }
        return Instant.ofEpochSecond(Long.parseLong(s));
      }
      // An eight-digit date (YYYYMMDD) falls through to the day references below.
    }
    String ref;
    String offset;
    int plus = s.indexOf('+');
    int minus = s.indexOf('-');
    if (plus >= 0) {
      ref = s.substring(0, plus);
      offset = s.substring(plus);
    } else if (minus >= 0) {
      ref = s.substring(0, minus);
      offset = s.substring(minus);
    } else {
      ref = s;
      offset = "";
    }
    return reference(ref, now).toInstant().plus(offset(offset));
  }

  /** graphite-web's test: a plausible year, month and day make eight digits a date. */
  private static boolean looksLikeDate(String digits) {
    return digits.length() == 8
        && Integer.parseInt(digits.substring(0, 4)) > 1900
        && Integer.parseInt(digits.substring(4, 6)) < 13
        && Integer.parseInt(digits.substring(6)) < 32;
  }

  private static ZonedDateTime reference(String text, ZonedDateTime now) {
    if (text.isEmpty() || text.equals("now")) {
      return now;
    }
    String ref = text;
    int hour = 0;
    int minute = 0;

    // Time of day: HH:MM, optionally followed by am or pm.
    int colon = ref.indexOf(':');
    if (colon > 0 && colon < 3) {
      hour = integer(ref.substring(0, colon), text);
      minute = integer(ref.substring(colon + 1, Math.min(ref.length(), colon + 3)), text);
      ref = ref.substring(Math.min(ref.length(), colon + 3));
      if (ref.startsWith("am")) {
        ref = ref.substring(2);
      } else if (ref.startsWith("pm")) {
        hour = (hour + 12) % 24;
        ref = ref.substring(2);
      }
    }
    // Xam or XXam, Xpm or XXpm.
    int am = ref.indexOf("am");
    if (am > 0 && am < 3) {
      hour = integer(ref.substring(0, am), text);
      ref = ref.substring(am + 2);
    }
    int pm = ref.indexOf("pm");
    if (pm > 0 && pm < 3) {
      hour = (integer(ref.substring(0, pm), text) + 12) % 24;
      ref = ref.substring(pm + 2);
    }
    if (ref.startsWith("noon")) {
      hour = 12;
      minute = 0;
      ref = ref.substring(4);
    } else if (ref.startsWith("midnight")) {
      hour = 0;
      minute = 0;
      ref = ref.substring(8);
    } else if (ref.startsWith("teatime")) {
      hour = 16;
      minute = 0;
      ref = ref.substring(7);
    }

    LocalDateTime date = now.toLocalDateTime().withHour(0).withMinute(0).withSecond(0).withNano(0);
    date = date.withHour(hour).withMinute(minute);

    if (ref.equals("yesterday")) {
      date = date.minusDays(1);
    } else if (ref.equals("tomorrow")) {
      date = date.plusDays(1);
    } else if (ref.equals("today")) {
      // Today at the time of day read above.
    } else if (ref.chars().filter(c -> c == '/').count() == 2) {
      String[] parts = ref.split("/", -1);
      int month = integer(parts[0], text);
      int day = integer(parts[1], text);
      int year = integer(parts[2], text);
      if (year < 1900) {
        year += 1900;
      }
      if (year < 1970) {
        year += 100;
      }
      date = LocalDateTime.of(year, month, day, hour, minute);
    } else if (ref.length() == 8 && ref.chars().allMatch(c -> c >= '0' && c <= '9')) {
      date =
          LocalDateTime.of(
              Integer.parseInt(ref.substring(0, 4)),
              Integer.parseInt(ref.substring(4, 6)),
              Integer.parseInt(ref.substring(6, 8)),
              hour,
              minute);
    } else if (ref.length() >= 3 && MONTHS.contains(ref.substring(0, 3))) {
      int day;
      if (ref.length() >= 2 && isDigits(ref.substring(ref.length() - 2))) {
        day = Integer.parseInt(ref.substring(ref.length() - 2));
      } else if (isDigits(ref.substring(ref.length() - 1))) {
        day = Integer.parseInt(ref.substring(ref.length() - 1));
      } else {
        throw new IllegalArgumentException("a day of the month must follow the month's name");
      }
      date =
          LocalDateTime.of(
              date.getYear(), MONTHS.indexOf(ref.substring(0, 3)) + 1, day, hour, minute);
    } else if (ref.length() >= 3 && WEEKDAYS.contains(ref.substring(0, 3))) {
      int today = weekdayIndex(date.getDayOfWeek());
      int dayOffset = today - WEEKDAYS.indexOf(ref.substring(0, 3));
      if (dayOffset < 0) {
        dayOffset += 7;
      }
      date = date.minusDays(dayOffset);
    } else if (!ref.isEmpty()) {
      throw new IllegalArgumentException("unknown day reference \"" + text + "\"");
    }
    return date.atZone(now.getZone());
  }

  private static Duration offset(String text) {
    if (text.isEmpty()) {
      return Duration.ZERO;
    }
    String offset = text;
    int sign = 1;
    if (offset.charAt(0) == '-') {
      sign = -1;
      offset = offset.substring(1);
    } else if (offset.charAt(0) == '+') {
      offset = offset.substring(1);
    } else if (!Character.isDigit(offset.charAt(0))) {
      throw new IllegalArgumentException("invalid offset \"" + text + "\"");
    }
    long seconds = 0;
    while (!offset.isEmpty()) {
      int digits = 0;
      while (digits < offset.length() && isAsciiDigit(offset.charAt(digits))) {
        digits++;
      }
      if (digits == 0) {
        throw new IllegalArgumentException(
            "a number must come before the unit in \"" + text + "\"");
      }
      if (digits > 12) {
        throw new IllegalArgumentException("the offset \"" + text + "\" is too large");
      }
      long number = Long.parseLong(offset.substring(0, digits));
      offset = offset.substring(digits);
      int letters = 0;
      while (letters < offset.length() && Character.isLetter(offset.charAt(letters))) {
        letters++;
      }
      String unit = offset.substring(0, letters);
      offset = offset.substring(letters);
      seconds = Math.addExact(seconds, Math.multiplyExact(sign * number, unitSeconds(unit)));
    }
    return Duration.ofSeconds(seconds);
  }

  /** graphite-web's getUnitString: the first letters decide, in this order. */
  private static long unitSeconds(String unit) {
    if (unit.startsWith("s")) {
      return 1;
    }
    if (unit.startsWith("min")) {
      return 60;
    }
    if (unit.startsWith("h")) {
      return 3_600;
    }
    if (unit.startsWith("d")) {
      return 86_400;
    }
    if (unit.startsWith("w")) {
      return 604_800;
    }
    if (unit.startsWith("mon")) {
      return 30 * 86_400L;
    }
    if (unit.startsWith("y")) {
      return 365 * 86_400L;
    }
    if (unit.equals("m")) {
      throw new IllegalArgumentException(
          "invalid offset unit 'm': minutes are \"min\" (-10min), months \"mon\"");
    }
    throw new IllegalArgumentException(
        "invalid offset unit '" + unit + "': use s, min, h, d, w, mon or y");
  }

  private static int weekdayIndex(DayOfWeek day) {
    return day == DayOfWeek.SUNDAY ? 0 : day.getValue();
  }

  private static int integer(String digits, String whole) {
    if (!isDigits(digits)) {
      throw new IllegalArgumentException("\"" + whole + "\" has no number where one is needed");
    }
    return Integer.parseInt(digits);
  }

  private static boolean isDigits(String text) {
    return !text.isEmpty()
        && text.length() < 10
        && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

package io.opsroom.notify;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words every channel uses for the same thing, so an email, a Slack message and a PagerDuty
 * incident say it alike: subject tags, values against thresholds, times, titles of groups.
 */
public final class NoticeText {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** How many alert names a group's title lists before "and N more". */
  static final int TITLE_NAMES = 3;

  /** The colour of each state, the same in emails and chat messages. */
  static final String CRITICAL_COLOR = "#d73a49";

  static final String WARNING_COLOR = "#e3a008";
  static final String UNKNOWN_COLOR = "#6b7280";
  static final String RECOVERED_COLOR = "#2da44e";
  static final String FLAPPING_COLOR = "#8250df";

  private NoticeText() {}

  /** An item's colour: recovered green, flapping purple, else its level's. */
  public static String color(Dispatch.Item item) {
    switch (item.kind()) {
      case RECOVERED:
        return RECOVERED_COLOR;
      case FLAPPING:
        return FLAPPING_COLOR;
      default:
        return color(item.notice().level());
    }
  }

  /** A level's colour; OK is the recovered green. */
  public static String color(AlertNotice.Level level) {
    switch (level) {
      case CRITICAL:
        return CRITICAL_COLOR;
      case WARNING:
        return WARNING_COLOR;
      case OK:
        return RECOVERED_COLOR;
      default:
        return UNKNOWN_COLOR;
    }
  }

  /**
   * {@code [CRITICAL]}, {@code [WARNING]}, {@code [UNKNOWN]}, {@code [RECOVERED]}, {@code
   * [FLAPPING]}.
   */
  public static String tag(Dispatch.Item item) {
    switch (item.kind()) {
      case RECOVERED:
        return "[RECOVERED]";
      case FLAPPING:
        return "[FLAPPING]";
      default:
        return "[" + item.notice().level().name() + "]";
    }
  }

  /** The tag of a whole message: the worst failing level, or RECOVERED when all recovered. */
  public static String tag(Dispatch dispatch) {
    AlertNotice.Level worst = dispatch.worstLevel();
    if (worst == AlertNotice.Level.OK) {
      boolean flapping =
          dispatch.items().stream().anyMatch(i -> i.kind() == Dispatch.ItemKind.FLAPPING);
      return flapping ? "[FLAPPING]" : "[RECOVERED]";
    }
    return "[" + worst.name() + "]";
  }

  /**
   * The one-line title of a message: {@code [CRITICAL] Disk full on web1} for one alert, {@code
   * [CRITICAL] 3 alerts: Disk full on web1, Load on web2, …} for several; system, storm and test
   * messages use their own title.
   */
  public static String title(Dispatch dispatch) {
    if (dispatch.kind() != Dispatch.Kind.ALERTS) {
      return dispatch.title();
    }
    List<Dispatch.Item> items = dispatch.items();
    if (items.size() == 1) {
      Dispatch.Item item = items.get(0);
      String still = item.kind() == Dispatch.ItemKind.REPEAT ? " (still failing)" : "";
      return tag(item) + " " + item.notice().name() + still;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < Math.min(TITLE_NAMES, items.size()); i++) {
      names.add(items.get(i).notice().name());
    }
    String more = items.size() > TITLE_NAMES ? ", …" : "";
    return tag(dispatch) + " " + items.size() + " alerts: " + String.join(", ", names) + more;
  }

  /** A value as people read it: up to three decimals, no exponent, or "no data". */
  public static String value(Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      return "no data";
    }
    DecimalFormat format =
        new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return format.format(value);
  }

  /**
   * The thresholds in words: {@code critical ≥ 95, warning ≥ 80} (≤ for alerts where low values are
   * bad); empty for a composite.
   */
  public static String thresholds(AlertNotice notice) {
    String op = "below".equals(notice.direction()) ? "≤" : "≥";
    List<String> parts = new ArrayList<>();
    if (notice.critical() != null) {
      parts.add("critical " + op + " " + value(notice.critical()));
    }
    if (notice.warning() != null) {
      parts.add("warning " + op + " " + value(notice.warning()));
    }
    return String.join(", ", parts);
  }

  /** The value against the thresholds: {@code 97.2 (critical ≥ 95, warning ≥ 80)}. */
  public static String valueAgainstThresholds(AlertNotice notice) {
    String thresholds = thresholds(notice);
    return value(notice.value()) + (thresholds.isEmpty() ? "" : " (" + thresholds + ")");
  }

  /** A moment as {@code 2026-11-21 14:05 UTC}. */
  public static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** A duration as {@code 2h 5m}, {@code 3d 4h}, {@code 45s}. */
  public static String duration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    if (days > 0) {
      return days + "d" + (hours > 0 ? " " + hours + "h" : "");
    }
    if (hours > 0) {
      return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
    }
    if (minutes > 0) {
      return minutes + "m";
    }
    return seconds + "s";
  }

  /** What an item says happened: "fired", "is still failing", "recovered", … */
  public static String verb(Dispatch.Item item) {
    switch (item.kind()) {
      case FIRING:
        return "fired";
      case ESCALATED:
        return "is " + item.notice().level().name() + " now";
      case REPEAT:
        return "is still failing";
      case RECOVERED:
        return "recovered";
      default:
        return "is flapping";
    }
  }
}

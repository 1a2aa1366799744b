package io.opsroom.alerting;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a silence is in force: between {@code startsAt} (inclusive) and {@code endsAt} (exclusive)
 * and, with a weekly recurrence, only inside one of its weekly windows.
 *
 * <p>Weekly windows are read on the wall clock of their time zone, so a window from 02:00 to 04:00
 * keeps its local hours across daylight-saving changes: on the night the clocks go forward it lasts
 * one hour (02:00–03:00 does not exist), on the night they go back it lasts three. A window whose
 * end is before its start crosses midnight: Sat 23:00–02:00 runs from Saturday 23:00 to Sunday
 * 02:00.
 *
 * @param startsAt when the silence begins
 * @param endsAt when it ends; after {@code startsAt}
 * @param weekly the weekly windows, or null for the whole period
 */
public record SilenceSchedule(Instant startsAt, Instant endsAt, Weekly weekly) {

  /** Where a silence stands at an instant. */
  public enum State {
    /** Not yet started. */
    PENDING,
    /** In force now. */
    ACTIVE,
    /** Within its period but outside its weekly windows. */
    WAITING,
    /** Ended. */
    EXPIRED;

    /** The lower-case word used on pages and in the API. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The state for a word of the API, such as {@code active}; empty for any other word. */
    public static Optional<State> parse(String word) {
      for (State state : values()) {
        if (state.word().equalsIgnoreCase(word == null ? "" : word.strip())) {
          return Optional.of(state);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Weekly windows: on each of {@code days}, from {@code start} to {@code end} on the wall clock of
   * {@code zone}; the window of a day crosses midnight when {@code end} is before {@code start}.
   */
  public record Weekly(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    public Weekly {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      Objects.requireNonNull(zone, "zone");
      if (days == null || days.isEmpty()) {
        throw new IllegalArgumentException("A weekly window needs at least one day.");
      }
      if (start.equals(end)) {
        throw new IllegalArgumentException("A weekly window's end must differ from its start.");
      }
      days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** Whether the window of a day reaches into the next day. */
    public boolean crossesMidnight() {
      return end.isBefore(start);
    }

    /** Whether {@code t} falls into one of the windows. */
    public boolean covers(Instant t) {
      ZonedDateTime local = t.atZone(zone);
      LocalTime time = local.toLocalTime();
      DayOfWeek day = local.getDayOfWeek();
      if (!crossesMidnight()) {
        return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
      }
      return (days.contains(day) && !time.isBefore(start))
          || (days.contains(day.minus(1)) && time.isBefore(end));
    }

    /** The end of the window that covers {@code t}; empty when none does. */
    public Optional<Instant> windowEnd(Instant t) {
      if (!covers(t)) {
        return Optional.empty();
      }
      ZonedDateTime local = t.atZone(zone);
      LocalDate endDate = local.toLocalDate();
      if (crossesMidnight() && !local.toLocalTime().isBefore(start)) {
        endDate = endDate.plusDays(1);
      }
      ZonedDateTime end = ZonedDateTime.of(endDate, this.end, zone);
      // In the hour the clocks go back, the wall-clock end may be the second of its two instants.
      if (!end.toInstant().isAfter(t)) {
        end = end.withLaterOffsetAtOverlap();
      }
      return Optional.of(end.toInstant());
    }

    /** The first window start at or after {@code t} (a window starts on one of the days). */
    public Instant nextStart(Instant t) {
      LocalDate date = t.atZone(zone).toLocalDate().minusDays(1);
      for (int i = 0; i < 9; i++, date = date.plusDays(1)) {
        if (days.contains(date.getDayOfWeek())) {
          Instant start = ZonedDateTime.of(date, this.start, zone).toInstant();
          if (!start.isBefore(t)) {
            return start;
          }
        }
      }
      throw new IllegalStateException("no window within a week: " + this);
    }

    /** The days as the API writes them: MON … SUN, in week order. */
    public List<String> dayCodes() {
      return days.stream().sorted().map(SilenceSchedule::dayCode).toList();
    }

    /** For people: {@code Mon, Sat 23:00–02:00 (Europe/Berlin)}. */
    public String describe() {
      return days.stream()
              .sorted()
              .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
              .collect(Collectors.joining(", "))
          + " "
          + TIME.format(start)
          + "–"
          + TIME.format(end)
          + " ("
          + zone.getId()
          + ")";
    }
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  public SilenceSchedule {
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("A silence must end after it starts.");
    }
  }

  /** Whether the silence is in force at {@code t}. */
  public boolean inForce(Instant t) {
    return !t.isBefore(startsAt) && t.isBefore(endsAt) && (weekly == null || weekly.covers(t));
  }

  public State state(Instant now) {
    if (!now.isBefore(endsAt)) {
      return State.EXPIRED;
    }
    if (now.isBefore(startsAt)) {
      return State.PENDING;
    }
    return inForce(now) ? State.ACTIVE : State.WAITING;
  }

  /** While in force: when this stretch ends (its window's end, or the period's). */
  public Optional<Instant> inForceUntil(Instant now) {
    if (!inForce(now)) {
      return Optional.empty();
    }
    if (weekly == null) {
      return Optional.of(endsAt);
    }
    Instant end = weekly.windowEnd(now).orElse(endsAt);
    return Optional.of(end.isBefore(endsAt) ? end : endsAt);
  }

  /** While pending or waiting: when it is next in force; empty when it never is again. */
  public Optional<Instant> nextInForce(Instant now) {
    Instant from = now.isBefore(startsAt) ? startsAt : now;
    if (!from.isBefore(endsAt) || inForce(now)) {
      return Optional.empty();
    }
    if (weekly == null || weekly.covers(from)) {
      return Optional.of(from);
    }
    Instant next = weekly.nextStart(from);
    return next.isBefore(endsAt) ? Optional.of(next) : Optional.empty();
  }

  /** Reads a day as the API and the form write it: MON … SUN, or the full English name. */
  public static DayOfWeek parseDay(String text) {
    String word = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().equals(word) || dayCode(day).equals(word)) {
        return day;
      }
    }
    throw new IllegalArgumentException(
        "Unknown day " + (word.isEmpty() ? "(empty)" : text.strip()) + ": use MON, TUE, … SUN.");
  }

  /** MON, TUE, … SUN. */
  public static String dayCode(DayOfWeek day) {
    return day.name().substring(0, 3);
  }

  /** Reads a time of day written {@code HH:MM} (seconds are not used). */
  public static LocalTime parseTime(String text) {
    String value = text == null ? "" : text.strip();
    try {
      if (value.matches("\\d{1,2}:\\d{2}")) {
        return LocalTime.parse(value.length() == 4 ? "0" + value : value);
      }
    } catch (DateTimeParseException e) {
      // reported below, with the shape that works
    }
    throw new IllegalArgumentException(
        (value.isEmpty() ? "Give a time" : value + " is not a time")
            + ": write HH:MM, such as 02:00 or 23:30.");
  }

  /** Reads a time zone by its name, such as {@code Europe/Berlin} or {@code UTC}. */
  public static ZoneId parseZone(String text) {
    String value = text == null ? "" : text.strip();
    try {
      if (!value.isEmpty()) {
        return ZoneId.of(value);
      }
    } catch (DateTimeException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        (value.isEmpty() ? "Give a time zone" : "Unknown time zone " + value)
            + ": use a name such as Europe/Berlin, America/New_York or UTC.");
  }

  /** A time for people, on the wall clock of {@code zone}: {@code 2026-03-28 23:00 UTC}. */
  public static String format(Instant t, ZoneId zone) {
    return t == null ? "" : DISPLAY.format(t.atZone(zone)) + " " + zone.getId();
  }

  private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
}

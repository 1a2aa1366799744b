package io.opsroom.events;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Event times as people and scripts write them and as the pages show them: one reader for the API,
 * the search filters and the form (ISO-8601 instants, local date-times and dates in a given zone,
 * epoch seconds), and the installation's display zone ({@code OPSROOM_TIME_ZONE}).
 */
@ApplicationScoped
@Named("eventTimes")
public class EventTimes {

  private static final Logger LOG = Logger.getLogger(EventTimes.class);

  /** What a {@code datetime-local} input holds. */
  static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  static final DateTimeFormatter LOCAL_INPUT_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);

  private static final DateTimeFormatter SHOWN_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

  private static final Pattern EPOCH = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,9})?");

  /** A date and a time separated by a space, as people paste them from logs. */
  private static final Pattern SPACED = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9].*");

  /** Epoch seconds beyond this (the year 5138) are milliseconds sent by mistake. */
  private static final long MAX_EPOCH_SECONDS = 99_999_999_999L;

  /** PostgreSQL stores years 4713 BC to 294276 AD; four-digit years are all anyone means. */
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  @ConfigProperty(name = "opsroom.time-zone", defaultValue = "UTC")
  String timeZone;

  private ZoneId zone = ZoneOffset.UTC;

  @PostConstruct
  void init() {
    try {
      zone = ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      LOG.warnf("opsroom.time-zone=%s is not a time zone; events are shown in UTC", timeZone);
      zone = ZoneOffset.UTC;
    }
  }

  /** The zone in which pages show times and read the form's local times. */
  public ZoneId zone() {
    return zone;
  }

  /** {@code 2026-03-01 15:05 CET}, with seconds when there are any. */
  public String format(Instant t) {
    if (t == null) {
      return "";
    }
    return (t.getEpochSecond() % 60 == 0 ? SHOWN : SHOWN_SECONDS).format(t.atZone(zone));
  }

  /** The value of a {@code datetime-local} input on this zone's wall clock. */
  public String input(Instant t) {
    return input(t, zone);
  }

  static String input(Instant t, ZoneId zone) {
    if (t == null) {
      return "";
    }
    return (t.getEpochSecond() % 60 == 0 ? LOCAL_INPUT : LOCAL_INPUT_SECONDS)
        .format(t.atZone(zone));
  }

  /** {@code 2 h 5 min}: how long an event lasted. */
  public static String duration(Instant start, Instant end) {
    if (start == null || end == null) {
      return "";
    }
    Duration d = Duration.between(start, end);
    if (d.isZero()) {
      return "0 s";
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    long seconds = d.toSecondsPart();
    StringBuilder text = new StringBuilder();
    if (days > 0) {
      text.append(days).append(" d ");
    }
    if (hours > 0) {
      text.append(hours).append(" h ");
    }
    if (minutes > 0) {
      text.append(minutes).append(" min ");
    }
    if (seconds > 0 && days == 0) {
      text.append(seconds).append(" s ");
    }
    return text.toString().strip();
  }

  /**
   * Reads a time: an ISO-8601 instant ({@code 2026-03-01T14:05:00Z}, or with an offset), a local
   * date-time or a date (start of that day) on the wall clock of {@code zone}, or epoch seconds.
   *
   * @return null for null or blank text
   * @throws IllegalArgumentException with a message for people when it is none of these
   */
  public static Instant parse(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    Instant instant = read(t, zone);
    if (instant == null) {
      throw new IllegalArgumentException(
          "\""
              + shorten(t)
              + "\" is not a time: write 2026-03-01T14:05:00Z (or with an offset, +01:00),"
              + " a date such as 2026-03-01, or epoch seconds.");
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new IllegalArgumentException("\"" + shorten(t) + "\" is outside the years 1 to 9999.");
    }
    return instant;
  }

  private static Instant read(String t, ZoneId zone) {
    if (EPOCH.matcher(t).matches()) {
      int dot = t.indexOf('.');
      long seconds = Long.parseLong(dot < 0 ? t : t.substring(0, dot));
      if (seconds > MAX_EPOCH_SECONDS) {
        throw new IllegalArgumentException(
            t + " looks like milliseconds: send epoch seconds (" + seconds / 1000 + ").");
      }
      long nanos =
          dot < 0 ? 0 : Long.parseLong((t.substring(dot + 1) + "000000000").substring(0, 9));
      return Instant.ofEpochSecond(seconds, nanos);
    }
    String iso = SPACED.matcher(t).matches() ? t.replaceFirst(" ", "T") : t;
    try {
      return Instant.parse(iso);
    } catch (DateTimeException e) {
      // not an instant with Z
    }
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeException e) {
      // not with an offset
    }
    try {
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      // not a local date-time
    }
    try {
      return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}

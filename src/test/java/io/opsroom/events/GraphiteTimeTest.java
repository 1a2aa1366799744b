package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.platform.GraphiteTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * graphite-web's time syntax, with the answers graphite-web 1.1.10's attime.py gives for the same
 * text and the same "now" (worked out with its parseATTime, TIME_ZONE UTC). Now is Wednesday
 * 2026-03-18 14:27:33 UTC.
 */
class GraphiteTimeTest {

  private static final ZonedDateTime NOW =
      ZonedDateTime.parse("2026-03-18T14:27:33Z").withZoneSameInstant(ZoneId.of("UTC"));

  @ParameterizedTest
  @CsvSource({
    // Now, epoch seconds, and the eight digits that read as a date rather than seconds.
    "now, 2026-03-18T14:27:33Z",
    "'', 2026-03-18T14:27:33Z",
    "1700000000, 2023-11-14T22:13:20Z",
    "0, 1970-01-01T00:00:00Z",
    "12345678, 1970-05-23T21:21:18Z",
    "20241315, 1970-08-23T06:35:15Z",
    "20240115, 2024-01-15T00:00:00Z",
    // Relative offsets: units by their first letters, several parts, months of 30 days.
    "-6h, 2026-03-18T08:27:33Z",
    "-10min, 2026-03-18T14:17:33Z",
    "-10minutes, 2026-03-18T14:17:33Z",
    "-1d, 2026-03-17T14:27:33Z",
    "-2w, 2026-03-04T14:27:33Z",
    "-30s, 2026-03-18T14:27:03Z",
    "-1mon, 2026-02-16T14:27:33Z",
    "-1y, 2025-03-18T14:27:33Z",
    "-1d12h, 2026-03-17T02:27:33Z",
    "now-1h, 2026-03-18T13:27:33Z",
    "now+1h, 2026-03-18T15:27:33Z",
    "+1h, 2026-03-18T15:27:33Z",
    " -6H , 2026-03-18T08:27:33Z",
    // Absolute references, with graphite-web's own underscores and separators.
    "12:30_20240115, 2024-01-15T12:30:00Z",
    "12:30 20240115, 2024-01-15T12:30:00Z",
    "9:05pm_20240115, 2024-01-15T21:05:00Z",
    "01/15/24, 2024-01-15T00:00:00Z",
    "01/15/2024, 2024-01-15T00:00:00Z",
    "01/15/69, 2069-01-15T00:00:00Z",
    "midnight, 2026-03-18T00:00:00Z",
    "noon yesterday, 2026-03-17T12:00:00Z",
    "teatime tomorrow, 2026-03-19T16:00:00Z",
    "6am today, 2026-03-18T06:00:00Z",
    "6pm, 2026-03-18T18:00:00Z",
    "12am, 2026-03-18T12:00:00Z",
    "12pm, 2026-03-18T00:00:00Z",
    "jan15, 2026-01-15T00:00:00Z",
    "march 5, 2026-03-05T00:00:00Z",
    "monday, 2026-03-16T00:00:00Z",
    "wednesday, 2026-03-18T00:00:00Z",
    "thursday, 2026-03-12T00:00:00Z",
    "midnight yesterday-1h, 2026-03-16T23:00:00Z",
    "20240115+1d, 2024-01-16T00:00:00Z",
  })
  void readsWhatGraphiteWebReads(String text, String expected) {
    assertEquals(Instant.parse(expected), GraphiteTime.parse(text, NOW), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-5m",
        "-5",
        "-h",
        "bogus",
        "yesterday-1q",
        "2024-01-15",
        "13/45/2024",
        "jan",
        "20240230",
        "1700000000.5",
        "-1.5h",
        "99999999999999999",
        "-99999999999y"
      })
  void refusesWhatGraphiteWebCannotRead(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GraphiteTime.parse(text, NOW));
    assertTrue(
        e.getMessage().startsWith("\"" + text + "\" is not a Graphite time: "), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"-5m, minutes are \"min\"", "bogus, unknown day reference"})
  void saysWhatIsWrong(String text, String reason) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GraphiteTime.parse(text, NOW));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"midnight, 2026-03-18T00:00:00+01:00", "12:30_20240115, 2024-01-15T12:30:00+01:00"})
  void wallClockTimesAreInTheConfiguredZone(String text, String expected) {
    ZonedDateTime berlin = NOW.withZoneSameInstant(ZoneId.of("Europe/Berlin"));
    assertEquals(Instant.from(ZonedDateTime.parse(expected)), GraphiteTime.parse(text, berlin));
  }
}

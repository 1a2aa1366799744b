package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.alerting.SilenceSchedule.State;
import io.opsroom.alerting.SilenceSchedule.Weekly;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a silence is in force: its period, weekly windows, midnight and daylight-saving changes. */
class SilenceScheduleTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Instant at(String utc) {
    return Instant.parse(utc);
  }

  static Weekly weekly(Set<DayOfWeek> days, String start, String end, ZoneId zone) {
    return new Weekly(days, LocalTime.parse(start), LocalTime.parse(end), zone);
  }

  /** A period of a year around the instants the tests look at. */
  static SilenceSchedule year(Weekly weekly) {
    return new SilenceSchedule(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), weekly);
  }

  @Test
  void thePeriodIncludesItsStartAndExcludesItsEnd() {
    var s = new SilenceSchedule(at("2026-05-04T10:00:00Z"), at("2026-05-04T12:00:00Z"), null);
    assertFalse(s.inForce(at("2026-05-04T09:59:59Z")));
    assertTrue(s.inForce(at("2026-05-04T10:00:00Z")));
    assertTrue(s.inForce(at("2026-05-04T11:59:59.999Z")));
    assertFalse(s.inForce(at("2026-05-04T12:00:00Z")));

    assertEquals(State.PENDING, s.state(at("2026-05-04T09:00:00Z")));
    assertEquals(State.ACTIVE, s.state(at("2026-05-04T10:00:00Z")));
    assertEquals(State.EXPIRED, s.state(at("2026-05-04T12:00:00Z")));
    assertEquals(
        Optional.of(at("2026-05-04T12:00:00Z")), s.inForceUntil(at("2026-05-04T11:00:00Z")));
    assertEquals(
        Optional.of(at("2026-05-04T10:00:00Z")), s.nextInForce(at("2026-05-04T09:00:00Z")));
    assertEquals(Optional.empty(), s.nextInForce(at("2026-05-04T12:00:00Z")));
  }

  @Test
  void aPeriodMustEndAfterItStarts() {
    Instant t = at("2026-05-04T10:00:00Z");
    assertThrows(IllegalArgumentException.class, () -> new SilenceSchedule(t, t, null));
    assertThrows(
        IllegalArgumentException.class, () -> new SilenceSchedule(t, t.minusSeconds(1), null));
  }

  @Test
  void aWeeklyWindowWithinADay() {
    // Mondays and Wednesdays, 02:00–04:00 UTC. 2026-05-04 is a Monday.
    var s =
        year(
            weekly(
                Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), "02:00", "04:00", ZoneOffset.UTC));
    assertFalse(s.inForce(at("2026-05-04T01:59:59Z")));
    assertTrue(s.inForce(at("2026-05-04T02:00:00Z")));
    assertTrue(s.inForce(at("2026-05-04T03:59:59Z")));
    assertFalse(s.inForce(at("2026-05-04T04:00:00Z")));
    assertFalse(s.inForce(at("2026-05-05T03:00:00Z")), "Tuesday is not one of the days");
    assertTrue(s.inForce(at("2026-05-06T03:00:00Z")));

    assertEquals(State.WAITING, s.state(at("2026-05-05T03:00:00Z")));
    assertEquals(State.ACTIVE, s.state(at("2026-05-06T03:00:00Z")));
    assertEquals(
        Optional.of(at("2026-05-06T04:00:00Z")), s.inForceUntil(at("2026-05-06T03:00:00Z")));
    assertEquals(
        Optional.of(at("2026-05-06T02:00:00Z")), s.nextInForce(at("2026-05-05T03:00:00Z")));
  }

  @Test
  void aWindowThatEndsBeforeItStartsCrossesMidnight() {
    // Saturdays 23:00 to Sunday 02:00. 2026-05-09 is a Saturday.
    var s = year(weekly(Set.of(DayOfWeek.SATURDAY), "23:00", "02:00", ZoneOffset.UTC));
    assertFalse(s.inForce(at("2026-05-09T22:59:59Z")));
    assertTrue(s.inForce(at("2026-05-09T23:00:00Z")));
    assertTrue(
        s.inForce(at("2026-05-10T00:30:00Z")), "Sunday morning belongs to Saturday's window");
    assertTrue(s.inForce(at("2026-05-10T01:59:59Z")));
    assertFalse(s.inForce(at("2026-05-10T02:00:00Z")));
    assertFalse(s.inForce(at("2026-05-10T23:30:00Z")), "Sunday evening is not a window");
    assertFalse(s.inForce(at("2026-05-09T00:30:00Z")), "Saturday morning belongs to Friday");
    assertTrue(s.inForce(at("2026-05-16T23:30:00Z")), "and again a week later");
    assertEquals(
        Optional.of(at("2026-05-10T02:00:00Z")), s.inForceUntil(at("2026-05-09T23:30:00Z")));
    assertEquals(
        Optional.of(at("2026-05-10T02:00:00Z")), s.inForceUntil(at("2026-05-10T01:00:00Z")));
    assertEquals(
        Optional.of(at("2026-05-16T23:00:00Z")), s.nextInForce(at("2026-05-10T02:00:00Z")));

    // Sunday 23:00 to Monday 01:00: the week wraps round.
    var sunday = year(weekly(Set.of(DayOfWeek.SUNDAY), "23:00", "01:00", ZoneOffset.UTC));
    assertTrue(sunday.inForce(at("2026-05-11T00:30:00Z")));
    assertFalse(sunday.inForce(at("2026-05-12T00:30:00Z")));
  }

  @Test
  void theWindowsFollowTheWallClockAcrossDaylightSavingChanges() {
    // Sundays 02:00–04:00 in Berlin.
    var s = year(weekly(Set.of(DayOfWeek.SUNDAY), "02:00", "04:00", BERLIN));

    // A normal winter Sunday (CET, UTC+1): 01:00Z–03:00Z, two hours.
    assertFalse(s.inForce(at("2026-03-22T00:59:59Z")));
    assertTrue(s.inForce(at("2026-03-22T01:00:00Z")));
    assertTrue(s.inForce(at("2026-03-22T02:59:59Z")));
    assertFalse(s.inForce(at("2026-03-22T03:00:00Z")));

    // 2026-03-29 the clocks go from 02:00 CET to 03:00 CEST: the window is 03:00–04:00 CEST,
    // 01:00Z–02:00Z, one hour.
    assertFalse(s.inForce(at("2026-03-29T00:59:59Z")));
    assertTrue(s.inForce(at("2026-03-29T01:00:00Z")));
    assertTrue(s.inForce(at("2026-03-29T01:59:59Z")));
    assertFalse(s.inForce(at("2026-03-29T02:00:00Z")));
    assertEquals(
        Optional.of(at("2026-03-29T02:00:00Z")), s.inForceUntil(at("2026-03-29T01:30:00Z")));
    assertEquals(
        Optional.of(at("2026-03-29T01:00:00Z")), s.nextInForce(at("2026-03-28T12:00:00Z")));

    // A summer Sunday (CEST, UTC+2): 00:00Z–02:00Z.
    assertTrue(s.inForce(at("2026-05-10T00:00:00Z")));
    assertFalse(s.inForce(at("2026-05-10T02:00:00Z")));

    // 2026-10-25 the clocks go from 03:00 CEST back to 02:00 CET: 02:00 CEST to 04:00 CET is
    // 00:00Z–03:00Z, three hours, and the window ends at its last 04:00.
    assertFalse(s.inForce(at("2026-10-24T23:59:59Z")));
    assertTrue(s.inForce(at("2026-10-25T00:00:00Z")));
    assertTrue(s.inForce(at("2026-10-25T01:30:00Z")));
    assertTrue(s.inForce(at("2026-10-25T02:59:59Z")));
    assertFalse(s.inForce(at("2026-10-25T03:00:00Z")));
    assertEquals(
        Optional.of(at("2026-10-25T03:00:00Z")), s.inForceUntil(at("2026-10-25T00:30:00Z")));
    assertEquals(
        Duration.ofHours(3),
        Duration.between(
            at("2026-10-25T00:00:00Z"), s.inForceUntil(at("2026-10-25T00:00:00Z")).get()));
  }

  @Test
  void aWindowAcrossMidnightOnTheNightTheClocksGoForward() {
    // Saturday 23:00 to Sunday 02:00 in Berlin; 02:00 does not exist on 2026-03-29, so the window
    // ends when the clocks jump: 22:00Z to 01:00Z.
    var s = year(weekly(Set.of(DayOfWeek.SATURDAY), "23:00", "02:00", BERLIN));
    assertFalse(s.inForce(at("2026-03-28T21:59:59Z")));
    assertTrue(s.inForce(at("2026-03-28T22:00:00Z")));
    assertTrue(s.inForce(at("2026-03-29T00:59:59Z")));
    assertFalse(s.inForce(at("2026-03-29T01:00:00Z")));
    assertEquals(
        Optional.of(at("2026-03-29T01:00:00Z")), s.inForceUntil(at("2026-03-28T23:00:00Z")));
  }

  @Test
  void thePeriodBoundsTheWindows() {
    // The period starts and ends inside Monday windows: it cuts them.
    var s =
        new SilenceSchedule(
            at("2026-05-04T03:00:00Z"),
            at("2026-05-11T03:00:00Z"),
            weekly(Set.of(DayOfWeek.MONDAY), "02:00", "04:00", ZoneOffset.UTC));
    assertEquals(
        State.PENDING, s.state(at("2026-05-04T02:30:00Z")), "in the window, before the start");
    assertTrue(s.inForce(at("2026-05-04T03:00:00Z")));
    assertEquals(State.WAITING, s.state(at("2026-05-05T03:00:00Z")));
    assertTrue(s.inForce(at("2026-05-11T02:59:59Z")));
    assertEquals(
        Optional.of(at("2026-05-11T03:00:00Z")),
        s.inForceUntil(at("2026-05-11T02:30:00Z")),
        "the period ends before the window");
    assertEquals(State.EXPIRED, s.state(at("2026-05-11T03:00:00Z")));
    assertEquals(
        Optional.of(at("2026-05-04T03:00:00Z")),
        s.nextInForce(at("2026-05-01T00:00:00Z")),
        "a pending silence starts inside a window: at its start");

    // A period with no window in it never holds.
    var never =
        new SilenceSchedule(
            at("2026-05-05T00:00:00Z"),
            at("2026-05-06T00:00:00Z"),
            weekly(Set.of(DayOfWeek.MONDAY), "02:00", "04:00", ZoneOffset.UTC));
    assertEquals(Optional.empty(), never.nextInForce(at("2026-05-04T12:00:00Z")));
  }

  @Test
  void aWeeklyWindowNeedsDaysAndTwoDifferentTimes() {
    assertThrows(
        IllegalArgumentException.class, () -> weekly(Set.of(), "02:00", "04:00", ZoneOffset.UTC));
    assertThrows(
        IllegalArgumentException.class,
        () -> weekly(Set.of(DayOfWeek.MONDAY), "02:00", "02:00", ZoneOffset.UTC));
  }

  @Test
  void daysTimesAndZonesAreReadWithReasons() {
    assertEquals(DayOfWeek.MONDAY, SilenceSchedule.parseDay("MON"));
    assertEquals(DayOfWeek.SATURDAY, SilenceSchedule.parseDay("saturday"));
    assertEquals(DayOfWeek.SUNDAY, SilenceSchedule.parseDay(" sun "));
    var day = assertThrows(IllegalArgumentException.class, () -> SilenceSchedule.parseDay("FRY"));
    assertEquals("Unknown day FRY: use MON, TUE, … SUN.", day.getMessage());

    assertEquals(LocalTime.of(2, 0), SilenceSchedule.parseTime("2:00"));
    assertEquals(LocalTime.of(23, 30), SilenceSchedule.parseTime("23:30"));
    var time =
        assertThrows(IllegalArgumentException.class, () -> SilenceSchedule.parseTime("25:00"));
    assertEquals("25:00 is not a time: write HH:MM, such as 02:00 or 23:30.", time.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SilenceSchedule.parseTime("2am"));

    assertEquals(BERLIN, SilenceSchedule.parseZone("Europe/Berlin"));
    var zone =
        assertThrows(IllegalArgumentException.class, () -> SilenceSchedule.parseZone("Mars/Base"));
    assertTrue(zone.getMessage().startsWith("Unknown time zone Mars/Base: "), zone.getMessage());

    assertEquals(
        "2026-03-29 03:00 Europe/Berlin",
        SilenceSchedule.format(at("2026-03-29T01:00:00Z"), BERLIN));
    assertEquals(
        "Mon, Sat 23:00–02:00 (UTC)",
        weekly(Set.of(DayOfWeek.SATURDAY, DayOfWeek.MONDAY), "23:00", "02:00", ZoneId.of("UTC"))
            .describe());
  }
}

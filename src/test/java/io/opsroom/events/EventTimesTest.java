package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How event times are read: the formats scripts and forms send, and the refusals. */
class EventTimesTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void readsInstantsOffsetsLocalTimesDatesAndEpochSeconds() {
    Instant t = Instant.parse("2026-03-01T14:05:00Z");
    assertEquals(t, EventTimes.parse("2026-03-01T14:05:00Z", BERLIN));
    assertEquals(t, EventTimes.parse("2026-03-01T15:05:00+01:00", ZoneOffset.UTC));
    assertEquals(t, EventTimes.parse("2026-03-01T15:05", BERLIN));
    assertEquals(t, EventTimes.parse("2026-03-01 14:05:00", ZoneOffset.UTC));
    assertEquals(t, EventTimes.parse(" 1772373900 ", BERLIN));
    assertEquals(t.plusMillis(500), EventTimes.parse("1772373900.5", BERLIN));
    assertEquals(
        Instant.parse("2026-03-01T00:00:00Z"), EventTimes.parse("2026-03-01", ZoneOffset.UTC));
    assertEquals(Instant.parse("2026-02-28T23:00:00Z"), EventTimes.parse("2026-03-01", BERLIN));
    assertNull(EventTimes.parse("  ", BERLIN));
  }

  @Test
  void refusesWhatIsNoTimeWithAMessageForPeople() {
    for (String bad :
        new String[] {
          "yesterday", "2026-13-45", "2026-02-30", "-6h", "12:00", "+10000-01-01T00:00:00Z"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> EventTimes.parse(bad, ZoneOffset.UTC), bad);
      assertTrue(e.getMessage().contains(bad.substring(0, 3)), e.getMessage());
    }
    IllegalArgumentException millis =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventTimes.parse("1772373900000", ZoneOffset.UTC));
    assertTrue(millis.getMessage().contains("milliseconds"), millis.getMessage());
  }

  @Test
  void durationsReadLikeSpeech() {
    Instant t = Instant.parse("2026-03-01T14:05:00Z");
    assertEquals("2 h 5 min", EventTimes.duration(t, t.plusSeconds(7500)));
    assertEquals("1 d 3 h", EventTimes.duration(t, t.plusSeconds(97200)));
    assertEquals("45 s", EventTimes.duration(t, t.plusSeconds(45)));
  }
}

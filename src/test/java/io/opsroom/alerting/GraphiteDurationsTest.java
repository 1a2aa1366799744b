package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GraphiteDurationsTest {

  @Test
  void readsGraphiteUnits() {
    assertEquals(Duration.ofSeconds(30), GraphiteDurations.parse("30s"));
    assertEquals(Duration.ofMinutes(5), GraphiteDurations.parse("5min"));
    assertEquals(Duration.ofMinutes(10), GraphiteDurations.parse("10mins"));
    assertEquals(Duration.ofHours(1), GraphiteDurations.parse("1h"));
    assertEquals(Duration.ofDays(1), GraphiteDurations.parse("1d"));
    assertEquals(Duration.ofDays(7), GraphiteDurations.parse("7days"));
    assertEquals(Duration.ofDays(14), GraphiteDurations.parse("2w"));
    assertEquals(Duration.ofDays(30), GraphiteDurations.parse("1mon"));
    assertEquals(Duration.ofDays(365), GraphiteDurations.parse("1y"));
    assertEquals(Duration.ofMinutes(90), GraphiteDurations.parse("1h30min"));
  }

  @Test
  void refusesMWithGraphitesReason() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GraphiteDurations.parse("5m"));
    assertEquals(
        "\"5m\": minutes are \"min\" in Graphite, as in 5min (graphite-web refuses \"m\": Invalid"
            + " offset unit 'm')",
        e.getMessage());
  }

  @Test
  void refusesWhatIsNotADuration() {
    assertThrows(IllegalArgumentException.class, () -> GraphiteDurations.parse(""));
    assertThrows(IllegalArgumentException.class, () -> GraphiteDurations.parse("5"));
    assertThrows(IllegalArgumentException.class, () -> GraphiteDurations.parse("0min"));
    assertThrows(IllegalArgumentException.class, () -> GraphiteDurations.parse("PT5M"));
    assertThrows(IllegalArgumentException.class, () -> GraphiteDurations.parse("5 min"));
    assertThrows(IllegalArgumentException.class, () -> GraphiteDurations.parse("-5min"));
  }

  @Test
  void rangesAreNegativeOffsets() {
    assertEquals("-24h", GraphiteDurations.parseRange("-24h"));
    assertEquals("-7d", GraphiteDurations.parseRange("7d"));
  }

  @Test
  void formatsInTheLargestExactUnit() {
    assertEquals("5min", GraphiteDurations.format(Duration.ofMinutes(5)));
    assertEquals("90s", GraphiteDurations.format(Duration.ofSeconds(90)));
    assertEquals("2h", GraphiteDurations.format(Duration.ofHours(2)));
    assertEquals("7d", GraphiteDurations.format(Duration.ofDays(7)));
  }
}

package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsroom.alerting.LevelHistory.Change;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LevelHistoryTest {

  static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");

  @Test
  void countsEachAlertOncePerBucketWithItsWorstLevel() {
    var buckets =
        LevelHistory.buckets(
            Map.of("a", Level.OK, "b", Level.OK),
            List.of(
                new Change("a", Level.CRITICAL, T0.plusSeconds(3600 + 60)),
                new Change("a", Level.OK, T0.plusSeconds(3600 + 120)),
                new Change("b", Level.WARNING, T0.plusSeconds(2 * 3600 + 5)),
                new Change("c", Level.UNKNOWN, T0.plusSeconds(3 * 3600))),
            T0,
            T0.plusSeconds(4 * 3600),
            4);
    assertEquals(4, buckets.size());
    assertEquals(2, buckets.get(0).count(Level.OK));
    // A two-minute burst of red shows in its hour.
    assertEquals(1, buckets.get(1).count(Level.CRITICAL));
    assertEquals(1, buckets.get(1).count(Level.OK));
    assertEquals(1, buckets.get(2).count(Level.WARNING));
    assertEquals(1, buckets.get(2).count(Level.OK));
    // A new alert counts from its first change on.
    assertEquals(3, buckets.get(3).total());
    assertEquals(1, buckets.get(3).count(Level.UNKNOWN));
  }
}

package io.opsroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Samples from two readings, and the history's 24-hour ring. */
class OwnSampleTest {

  static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  @Test
  void gaugesAreTakenAsTheyAreCountersAsDeltasAndTimersAsMeans() {
    OwnReading before =
        new OwnReading(
            T0,
            Map.of(
                "alerts.critical",
                1.0,
                "graphite.requests",
                100.0,
                "graphite.errors",
                4.0,
                OwnReading.GRAPHITE_SECONDS_TOTAL,
                10.0,
                OwnReading.CYCLE_COUNT,
                5.0,
                OwnReading.CYCLE_SECONDS_TOTAL,
                2.0,
                "notifications.email.sent",
                7.0));
    OwnReading after =
        new OwnReading(
            T0.plusSeconds(120),
            Map.of(
                "alerts.critical",
                3.0,
                "graphite.requests",
                110.0,
                "graphite.errors",
                4.0,
                OwnReading.GRAPHITE_SECONDS_TOTAL,
                11.0,
                OwnReading.CYCLE_COUNT,
                7.0,
                OwnReading.CYCLE_SECONDS_TOTAL,
                3.0,
                "notifications.email.sent",
                9.0,
                "notifications.slack.failed",
                2.0));

    OwnSample sample = OwnSample.between(before, after);

    assertEquals(120, sample.seconds());
    assertEquals(3.0, sample.value("alerts.critical"));
    assertEquals(3.0, sample.perMinute("alerts.critical"), "a gauge is no rate");
    assertEquals(10.0, sample.value("graphite.requests"));
    assertEquals(5.0, sample.perMinute("graphite.requests"));
    assertEquals(0.0, sample.value("graphite.errors"));
    assertEquals(0.1, sample.value(OwnSample.GRAPHITE_LATENCY), 1e-9);
    assertEquals(0.5, sample.value(OwnSample.CYCLE_DURATION), 1e-9);
    assertEquals(2.0, sample.value("notifications.email.sent"));
    assertEquals(2.0, sample.value("notifications.slack.failed"), "new counters count from 0");
    assertFalse(sample.values().containsKey(OwnReading.CYCLE_SECONDS_TOTAL), "helpers stay out");
  }

  @Test
  void withNothingTimedThereIsNoMeanAndACounterThatWentBackCountsFromZero() {
    OwnSample sample =
        OwnSample.between(
            new OwnReading(T0, Map.of("events.ingested", 50.0, OwnReading.CYCLE_COUNT, 3.0)),
            new OwnReading(T0, Map.of("events.ingested", 4.0, OwnReading.CYCLE_COUNT, 3.0)));
    assertEquals(1, sample.seconds(), "at least a second");
    assertEquals(4.0, sample.value("events.ingested"));
    assertNull(sample.value(OwnSample.CYCLE_DURATION));
  }

  @Test
  void counterNames() {
    assertTrue(OwnSample.isCounter("graphite.requests"));
    assertTrue(OwnSample.isCounter("notifications.pagerduty.failed"));
    assertTrue(OwnSample.isCounter("events.by_source.git"));
    assertFalse(OwnSample.isCounter("outbox.depth"));
    assertFalse(OwnSample.isCounter("alerts.cycle.lag_seconds"));
  }

  @Test
  void theHistoryKeepsTwentyFourHoursInTimeOrder() {
    OwnHistory history = new OwnHistory(Duration.ofMinutes(30));
    assertEquals(49, history.capacity());
    for (int i = 0; i <= 60; i++) {
      history.add(at(T0.plus(Duration.ofMinutes(30L * i))));
    }
    List<OwnSample> samples = history.samples();
    assertEquals(49, samples.size());
    assertEquals(T0.plus(Duration.ofHours(30)), samples.get(48).at());
    assertEquals(T0.plus(Duration.ofHours(6)), samples.get(0).at());

    // The clock went back an hour: what was after it goes, order stays.
    history.add(at(T0.plus(Duration.ofHours(29))));
    assertEquals(T0.plus(Duration.ofHours(29)), history.latest().orElseThrow().at());
    assertEquals(47, history.size());
  }

  @Test
  void aShortIntervalIsBoundedInMemory() {
    assertEquals(OwnHistory.MAX_SAMPLES, new OwnHistory(Duration.ofSeconds(1)).capacity());
  }

  static OwnSample at(Instant at) {
    return new OwnSample(at, 60, Map.of("alerts.ok", 1.0));
  }
}

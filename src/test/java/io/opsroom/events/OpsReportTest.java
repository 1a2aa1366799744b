package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The report's arithmetic on a dataset worked out by hand. Every expected number below was computed
 * on paper from the event times in the comments, not by the code under test. Durations are in
 * seconds; percentages are checked to 1e-9 (the page shows three decimals, the JSON four).
 */
class OpsReportTest {

  /** March 2026: 31 days = 2,678,400 s. */
  static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");

  static final Instant UNTIL = Instant.parse("2026-04-01T00:00:00Z");
  static final double MARCH = 2_678_400;

  /** Well after the period, so the whole of March is measured. */
  static final Instant AFTER = Instant.parse("2026-04-10T00:00:00Z");

  static final double PERCENT = 1e-9;

  private static final AtomicLong IDS = new AtomicLong();

  static OutageTimeline.Entry at(String time, String... tags) {
    return new OutageTimeline.Entry(
        IDS.incrementAndGet(),
        Instant.parse("2026-" + time + ":00Z"),
        String.join(" ", tags),
        Arrays.asList(tags),
        "api",
        "test");
  }

  static OutageTimeline outage(String key, OutageTimeline.Entry... entries) {
    List<OutageTimeline.Entry> tagged = new ArrayList<>();
    for (OutageTimeline.Entry e : entries) {
      List<String> tags = new ArrayList<>(e.tags());
      tags.add(0, "outage=" + key);
      tagged.add(new OutageTimeline.Entry(e.id(), e.at(), e.title(), tags, e.source(), e.author()));
    }
    return OutageTimeline.of(key, "Outage " + key, tagged);
  }

  /**
   * Ten outages around March 2026.
   *
   * <pre>
   * key     start        detected  resolved         impact            in March?
   * before  02-28 23:00  -         03-01 01:00      100               no: starts before
   * o1      03-02 10:00  10:10     11:00            100 (default)     yes
   * o2      03-05 08:00  08:05     10:00            50, 80 at 09:00, 20 at 09:30
   * o3      03-10 12:00  12:20     14:00            60                yes, overlaps o4
   * o4      03-10 13:00  13:05     15:00            40                yes, overlaps o3
   * o5      03-15 06:00  -         06:40            100               yes, never detected
   * o6      03-20 00:00  00:30     02:00            150 (data lost)   yes
   * o8      03-31 21:00  21:10     - (open)         30                yes, open
   * o7      03-31 23:00  23:15     04-01 01:00      100               yes, clipped at the end
   * nostart -            -         03-12 09:00      -                 problem: no start
   * </pre>
   */
  static List<OutageTimeline> march() {
    return List.of(
        outage("before", at("02-28T23:00", "start"), at("03-01T01:00", "resolved")),
        outage(
            "o1",
            at("03-02T10:00", "start"),
            at("03-02T10:10", "detected"),
            at("03-02T11:00", "resolved")),
        outage(
            "o2",
            at("03-05T08:00", "start", "impact=50"),
            at("03-05T08:05", "detected"),
            at("03-05T09:00", "impact=80"),
            at("03-05T09:30", "impact=20"),
            at("03-05T10:00", "resolved")),
        outage(
            "o3",
            at("03-10T12:00", "start", "impact=60"),
            at("03-10T12:20", "detected"),
            at("03-10T14:00", "resolved")),
        outage(
            "o4",
            at("03-10T13:00", "start", "impact=40"),
            at("03-10T13:05", "detected"),
            at("03-10T15:00", "resolved")),
        outage("o5", at("03-15T06:00", "start"), at("03-15T06:40", "resolved")),
        outage(
            "o6",
            at("03-20T00:00", "start", "impact=150"),
            at("03-20T00:30", "detected"),
            at("03-20T02:00", "resolved")),
        outage(
            "o7",
            at("03-31T23:00", "start"),
            at("03-31T23:15", "detected"),
            at("04-01T01:00", "resolved")),
        outage("o8", at("03-31T21:00", "start", "impact=30"), at("03-31T21:10", "detected")),
        outage("nostart", at("03-12T09:00", "resolved")));
  }

  static long s(Duration d) {
    return d.toSeconds();
  }

  @Test
  void perOutageFiguresOnTheHandWorkedDataset() {
    OpsReport.Result r = OpsReport.compute(march(), FROM, UNTIL, AFTER);
    // In start order; "before" starts in February and is left out, "nostart" is a problem.
    assertEquals(
        List.of("o1", "o2", "o3", "o4", "o5", "o6", "o8", "o7"),
        r.rows().stream().map(OpsReport.Row::key).toList());
    assertEquals(List.of("o8"), r.open().stream().map(OpsReport.Row::key).toList());
    assertEquals(List.of("nostart"), r.problems().stream().map(OutageTimeline::key).toList());

    // TTD = detected − start.
    // o1 10:10−10:00 = 600; o2 300; o3 1,200; o4 300; o5 none; o6 1,800; o8 600; o7 900.
    assertEquals(
        Arrays.asList(600L, 300L, 1200L, 300L, null, 1800L, 600L, 900L),
        r.rows().stream().map(x -> x.ttd() == null ? null : s(x.ttd())).toList());
    // TTR = resolved − start: o1 3,600; o2 7,200; o3 7,200; o4 7,200; o5 2,400; o6 7,200;
    // o8 open; o7 23:00 → 01:00 next day = 7,200 (not clipped: it is the outage's own figure).
    assertEquals(
        Arrays.asList(3600L, 7200L, 7200L, 7200L, 2400L, 7200L, null, 7200L),
        r.rows().stream().map(x -> x.ttr() == null ? null : s(x.ttr())).toList());
    // TTF = start − previous start, the first from 03-01 00:00:
    // o1 1d10h = 122,400; o2 03-02 10:00 → 03-05 08:00 = 2d22h = 252,000;
    // o3 → 03-10 12:00 = 5d4h = 446,400; o4 1h = 3,600; o5 03-10 13:00 → 03-15 06:00 = 4d17h =
    // 406,800; o6 → 03-20 00:00 = 4d18h = 410,400; o8 → 03-31 21:00 = 11d21h = 1,026,000;
    // o7 2h = 7,200.
    assertEquals(
        List.of(122_400L, 252_000L, 446_400L, 3_600L, 406_800L, 410_400L, 1_026_000L, 7_200L),
        r.rows().stream().map(x -> s(x.ttf())).toList());
    // Impact-weighted downtime per outage = ∫ impact/100 dt from start to resolution:
    // o1 3,600 × 1 = 3,600; o2 3,600 × .5 + 1,800 × .8 + 1,800 × .2 = 1,800 + 1,440 + 360 = 3,600;
    // o3 7,200 × .6 = 4,320; o4 7,200 × .4 = 2,880; o5 2,400; o6 7,200 × 1.5 = 10,800;
    // o8 open, to now (04-10 00:00): 9d3h = 788,400 × .3 = 236,520; o7 7,200.
    assertEquals(
        List.of(3_600L, 3_600L, 4_320L, 2_880L, 2_400L, 10_800L, 236_520L, 7_200L),
        r.rows().stream().map(x -> s(x.weightedDowntime())).toList());
    assertEquals(
        List.of(100, 80, 60, 40, 100, 150, 30, 100),
        r.rows().stream().map(x -> x.outage().peakImpact()).toList());
  }

  @Test
  void periodFiguresOnTheHandWorkedDataset() {
    OpsReport.Summary sum = OpsReport.compute(march(), FROM, UNTIL, AFTER).summary();
    assertEquals(8, sum.count());
    assertEquals(1, sum.openCount());
    // Means over the 7 resolved outages (o8 is open).
    // TTD over the 6 with a detected time: 600 + 300 + 1,200 + 300 + 1,800 + 900 = 5,100 / 6 = 850.
    assertEquals(850.0, sum.meanTtdSeconds(), 1e-9);
    // Sorted 300 300 600 | 900 1,200 1,800: median (600 + 900) / 2 = 750.
    assertEquals(750.0, sum.medianTtdSeconds(), 1e-9);
    // TTR: 3,600 + 7,200 × 5 + 2,400 = 42,000 / 7 = 6,000; sorted 2,400 3,600 7,200 7,200 … →
    // 7,200.
    assertEquals(6000.0, sum.meanTtrSeconds(), 1e-9);
    assertEquals(7200.0, sum.medianTtrSeconds(), 1e-9);
    // TTF over the resolved: 122,400 + 252,000 + 446,400 + 3,600 + 406,800 + 410,400 + 7,200 =
    // 1,648,800 / 7 = 235,542.857…; sorted 3,600 7,200 122,400 | 252,000 | … → 252,000.
    assertEquals(235_542.857_142_857, sum.meanTtfSeconds(), 1e-6);
    assertEquals(252_000.0, sum.medianTtfSeconds(), 1e-9);
    // Downtime, the union within March: o1 3,600 + o2 7,200 + o3∪o4 12:00–15:00 10,800 + o5 2,400
    // + o6 7,200 + o8∪o7 03-31 21:00 → 04-01 00:00 (clipped) 10,800 = 42,000. "before" does not
    // count, not even its hour in March.
    assertEquals(42_000.0, sum.downtimeSeconds(), 1e-9);
    assertEquals(MARCH, sum.periodSeconds(), 1e-9);
    // 100 × (1 − 42,000 / 2,678,400) = 98.431899641577…
    assertEquals(98.431_899_641_577, sum.uptimePercent(), PERCENT);
    // Weighted, the highest impact at each moment: o1 3,600; o2 3,600; o3/o4 12–13 × .6 = 2,160,
    // 13–14 max(.6, .4) = 2,160, 14–15 × .4 = 1,440 → 5,760 (not 4,320 + 2,880 = 7,200); o5 2,400;
    // o6 × 1.5 = 10,800; o8/o7 21–23 × .3 = 2,160, 23–24 max(.3, 1) = 3,600 → 5,760. Total 31,920.
    assertEquals(31_920.0, sum.weightedDowntimeSeconds(), 1e-9);
    // 100 × (1 − 31,920 / 2,678,400) = 98.808243727598…
    assertEquals(98.808_243_727_598, sum.weightedUptimePercent(), PERCENT);
    // MTBF = (2,678,400 − 42,000) / 8 = 329,550.
    assertEquals(329_550.0, sum.mtbfSeconds(), 1e-9);
  }

  @Test
  void anOpenOutageCountsUntilNowWhenThePeriodIsNotOver() {
    // Now is 03-11 00:00: 10 days of March are measured (864,000 s). The open outage started
    // 03-10 12:00 at 50 %: 12 h = 43,200 s down, 21,600 s weighted.
    Instant now = Instant.parse("2026-03-11T00:00:00Z");
    OpsReport.Result r =
        OpsReport.compute(
            List.of(outage("open", at("03-10T12:00", "start", "impact=50"))), FROM, UNTIL, now);
    assertEquals(now, r.measuredUntil());
    OpsReport.Summary sum = r.summary();
    assertEquals(1, sum.count());
    assertEquals(1, sum.openCount());
    assertNull(sum.meanTtrSeconds());
    assertNull(sum.meanTtdSeconds());
    assertNull(sum.meanTtfSeconds());
    assertNull(sum.medianTtrSeconds());
    assertEquals(864_000.0, sum.periodSeconds(), 1e-9);
    assertEquals(43_200.0, sum.downtimeSeconds(), 1e-9);
    // 100 × (1 − 43,200 / 864,000) = 95; weighted 100 × (1 − 21,600 / 864,000) = 97.5.
    assertEquals(95.0, sum.uptimePercent(), PERCENT);
    assertEquals(97.5, sum.weightedUptimePercent(), PERCENT);
    // (864,000 − 43,200) / 1 = 820,800.
    assertEquals(820_800.0, sum.mtbfSeconds(), 1e-9);
    assertEquals(21_600, s(r.rows().get(0).weightedDowntime()));
    assertTrue(r.rows().get(0).open());
  }

  @Test
  void aSingleOutage() {
    // 03-02 00:00 → detected 00:06 → resolved 01:00: TTD 360, TTR 3,600, TTF 1 day = 86,400.
    OpsReport.Result r =
        OpsReport.compute(
            List.of(
                outage(
                    "one",
                    at("03-02T00:00", "start"),
                    at("03-02T00:06", "detected"),
                    at("03-02T01:00", "resolved"))),
            FROM,
            UNTIL,
            AFTER);
    OpsReport.Summary sum = r.summary();
    assertEquals(1, sum.count());
    assertEquals(0, sum.openCount());
    assertEquals(360.0, sum.meanTtdSeconds(), 1e-9);
    assertEquals(360.0, sum.medianTtdSeconds(), 1e-9);
    assertEquals(3600.0, sum.meanTtrSeconds(), 1e-9);
    assertEquals(3600.0, sum.medianTtrSeconds(), 1e-9);
    assertEquals(86_400.0, sum.meanTtfSeconds(), 1e-9);
    assertEquals(3600.0, sum.downtimeSeconds(), 1e-9);
    // 100 × (1 − 3,600 / 2,678,400) = 99.865591397849…; impact 100 weighs the same.
    assertEquals(99.865_591_397_849, sum.uptimePercent(), PERCENT);
    assertEquals(99.865_591_397_849, sum.weightedUptimePercent(), PERCENT);
    // (2,678,400 − 3,600) / 1 = 2,674,800.
    assertEquals(2_674_800.0, sum.mtbfSeconds(), 1e-9);
  }

  @Test
  void anEmptyPeriodIsAllUp() {
    OpsReport.Result r =
        OpsReport.compute(
            List.of(outage("before", at("02-28T23:00", "start"), at("03-01T01:00", "resolved"))),
            FROM,
            UNTIL,
            AFTER);
    OpsReport.Summary sum = r.summary();
    assertTrue(r.rows().isEmpty());
    assertEquals(0, sum.count());
    assertEquals(0, sum.openCount());
    assertNull(sum.meanTtdSeconds());
    assertNull(sum.medianTtrSeconds());
    assertNull(sum.mtbfSeconds());
    assertEquals(0.0, sum.downtimeSeconds());
    assertEquals(100.0, sum.uptimePercent(), PERCENT);
    assertEquals(100.0, sum.weightedUptimePercent(), PERCENT);
  }

  @Test
  void aPeriodThatHasNotBegunHasNoUptime() {
    OpsReport.Summary sum =
        OpsReport.compute(List.of(), FROM, UNTIL, Instant.parse("2026-02-01T00:00:00Z")).summary();
    assertEquals(0.0, sum.periodSeconds());
    assertNull(sum.uptimePercent());
    assertNull(sum.weightedUptimePercent());
  }

  @Test
  void hugeLossesFloorWeightedUptimeAtZero() {
    // One day in a 1-day period at 300 %: weighted downtime 3 days, uptime floored at 0, not −200.
    Instant from = Instant.parse("2026-03-02T00:00:00Z");
    Instant until = Instant.parse("2026-03-03T00:00:00Z");
    OpsReport.Summary sum =
        OpsReport.compute(
                List.of(
                    outage(
                        "loss",
                        at("03-02T00:00", "start", "impact=300"),
                        at("03-03T00:00", "resolved"))),
                from,
                until,
                AFTER)
            .summary();
    assertEquals(259_200.0, sum.weightedDowntimeSeconds(), 1e-9);
    assertEquals(0.0, sum.uptimePercent(), PERCENT);
    assertEquals(0.0, sum.weightedUptimePercent(), PERCENT);
    assertEquals(0.0, sum.mtbfSeconds(), 1e-9);
  }

  @Test
  void refusesAPeriodThatEndsBeforeItStarts() {
    assertThrows(
        IllegalArgumentException.class, () -> OpsReport.compute(List.of(), UNTIL, FROM, AFTER));
  }

  @Test
  void durationsForPeople() {
    assertEquals("45s", OpsReport.human(Duration.ofSeconds(45)));
    assertEquals("12m 05s", OpsReport.human(Duration.ofSeconds(725)));
    assertEquals("1h 05m", OpsReport.human(Duration.ofMinutes(65)));
    assertEquals("2d 03h", OpsReport.human(Duration.ofHours(51)));
    assertNull(OpsReport.human((Duration) null));
    assertFalse(OpsReport.human(6000.4).isEmpty());
  }
}

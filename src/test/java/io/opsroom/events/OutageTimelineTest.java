package io.opsroom.events;

import static io.opsroom.events.OpsReportTest.at;
import static io.opsroom.events.OpsReportTest.outage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading an outage from its events, and the rules for events that contradict each other: every
 * inconsistency gives a warning and a documented choice, never an exception.
 */
class OutageTimelineTest {

  static Instant t(String time) {
    return Instant.parse("2026-" + time + ":00Z");
  }

  static boolean warns(OutageTimeline o, String words) {
    return o.warnings().stream().anyMatch(w -> w.contains(words));
  }

  @Test
  void aCleanOutage() {
    OutageTimeline o =
        outage(
            "db",
            at("03-02T10:00", "start", "impact=70"),
            at("03-02T10:30", "note"),
            at("03-02T10:10", "detected"),
            at("03-02T11:00", "resolved"));
    assertEquals(t("03-02T10:00"), o.start());
    assertEquals(t("03-02T10:10"), o.detected());
    assertEquals(t("03-02T11:00"), o.resolved());
    assertEquals(Duration.ofMinutes(10), o.ttd());
    assertEquals(Duration.ofHours(1), o.ttr());
    assertEquals(70, o.startImpact());
    assertEquals(70, o.lastImpact());
    assertFalse(o.impactChanged());
    assertFalse(o.isOpen());
    assertTrue(o.warnings().isEmpty(), o.warnings().toString());
    // Steps come in time order, each with its meaning.
    assertEquals(
        List.of(
            OutageTimeline.Kind.START,
            OutageTimeline.Kind.DETECTED,
            OutageTimeline.Kind.NOTE,
            OutageTimeline.Kind.RESOLVED),
        o.steps().stream().map(OutageTimeline.Step::kind).toList());
    assertEquals(Duration.ofMinutes(42), o.weightedDowntime(t("03-09T00:00")));
  }

  @Test
  void theImpactDefaultsTo100AndChangesAtItsTime() {
    OutageTimeline o =
        outage(
            "web",
            at("03-02T10:00", "start"),
            at("03-02T10:20", "impact=40"),
            at("03-02T10:30", "detected", "impact=10"),
            at("03-02T11:00", "resolved"));
    assertEquals(
        List.of(
            new OutageTimeline.Segment(t("03-02T10:00"), t("03-02T10:20"), 100),
            new OutageTimeline.Segment(t("03-02T10:20"), t("03-02T10:30"), 40),
            new OutageTimeline.Segment(t("03-02T10:30"), t("03-02T11:00"), 10)),
        o.segments());
    assertEquals(100, o.peakImpact());
    assertEquals(10, o.lastImpact());
    // 20 min × 1 + 10 min × .4 + 30 min × .1 = 1,200 + 240 + 180 = 1,620 s.
    assertEquals(Duration.ofSeconds(1620), o.weightedDowntime(t("03-09T00:00")));
  }

  @Test
  void anOpenOutageRunsUntilNow() {
    OutageTimeline o = outage("open", at("03-02T10:00", "start", "impact=50"));
    assertTrue(o.isOpen());
    assertNull(o.ttr());
    assertNull(o.ttd());
    assertEquals(List.of(new OutageTimeline.Segment(t("03-02T10:00"), null, 50)), o.segments());
    assertEquals(Duration.ofHours(1), o.weightedDowntime(t("03-02T12:00")));
  }

  @Test
  void aResolvedBeforeTheStartIsIgnoredWithAWarning() {
    OutageTimeline o = outage("early", at("03-02T09:00", "resolved"), at("03-02T10:00", "start"));
    assertEquals(t("03-02T10:00"), o.start());
    assertNull(o.resolved());
    assertTrue(o.isOpen());
    assertTrue(
        warns(o, "resolved event at 2026-03-02T09:00:00Z is before the start"),
        o.warnings().toString());
    assertFalse(o.steps().get(0).counted(), "the early resolved event is shown but does not count");
  }

  @Test
  void aDetectedBeforeTheStartIsIgnoredAndALaterOneCounts() {
    OutageTimeline o =
        outage(
            "d",
            at("03-02T09:50", "detected"),
            at("03-02T10:00", "start"),
            at("03-02T10:05", "detected"),
            at("03-02T10:07", "detected"));
    assertEquals(t("03-02T10:05"), o.detected());
    assertTrue(warns(o, "detected event at 2026-03-02T09:50:00Z is before the start"));
    assertTrue(warns(o, "3 detected events: the earliest after the start (2026-03-02T10:05:00Z)"));
  }

  @Test
  void twoStartsKeepTheEarliest() {
    OutageTimeline o =
        outage(
            "twice",
            at("03-02T10:30", "start", "impact=20"),
            at("03-02T10:00", "start", "impact=90"),
            at("03-02T11:00", "resolved"));
    assertEquals(t("03-02T10:00"), o.start());
    assertEquals(90, o.startImpact());
    assertTrue(warns(o, "2 start events: the earliest (2026-03-02T10:00:00Z) counts"));
    assertEquals(
        List.of(true, false, true), o.steps().stream().map(OutageTimeline.Step::counted).toList());
    // The ignored second start does not change the impact either.
    assertEquals(1, o.segments().size());
  }

  @Test
  void twoResolvedKeepTheEarliestAfterTheStart() {
    OutageTimeline o =
        outage(
            "r",
            at("03-02T10:00", "start"),
            at("03-02T12:00", "resolved"),
            at("03-02T11:00", "resolved"));
    assertEquals(t("03-02T11:00"), o.resolved());
    assertTrue(warns(o, "2 resolved events"));
  }

  @Test
  void badImpactsAreIgnoredWithAWarning() {
    OutageTimeline o =
        outage(
            "imp",
            at("03-02T10:00", "start", "impact=abc"),
            at("03-02T10:10", "impact=-5"),
            at("03-02T10:20", "impact=12.5"),
            at("03-02T10:30", "impact=250"),
            at("03-02T11:00", "resolved"));
    assertEquals(100, o.startImpact());
    assertEquals(250, o.peakImpact());
    assertTrue(warns(o, "impact=abc"));
    assertTrue(warns(o, "impact=-5"));
    assertTrue(warns(o, "impact=12.5"));
    assertEquals(2, o.segments().size());
    assertEquals(OutageTimeline.Kind.NOTE, o.steps().get(1).kind());
  }

  @Test
  void impactChangesOutsideTheOutageAreIgnored() {
    OutageTimeline o =
        outage(
            "out",
            at("03-02T09:00", "impact=10"),
            at("03-02T10:00", "start"),
            at("03-02T11:00", "resolved", "impact=0"),
            at("03-02T12:00", "impact=50"));
    assertEquals(
        List.of(new OutageTimeline.Segment(t("03-02T10:00"), t("03-02T11:00"), 100)), o.segments());
    assertTrue(warns(o, "before the start"));
    assertTrue(warns(o, "after the resolution"));
    // The resolution's own impact=0 is not a change worth a warning.
    assertEquals(2, o.warnings().size(), o.warnings().toString());
  }

  @Test
  void withoutAStartThereIsNothingToMeasure() {
    OutageTimeline o =
        outage("orphan", at("03-02T10:00", "detected"), at("03-02T11:00", "resolved"));
    assertFalse(o.hasStart());
    assertFalse(o.isOpen());
    assertNull(o.ttd());
    assertNull(o.ttr());
    assertNull(o.peakImpact());
    assertTrue(o.segments().isEmpty());
    assertTrue(warns(o, "No start event"));
    assertEquals(Duration.ZERO, o.weightedDowntime(t("03-09T00:00")));
  }

  @Test
  void keysAndImpactsAreCheckedTheSameWayEverywhere() {
    assertTrue(OutageTimeline.KEY.matcher("db-2026-03-02").matches());
    assertTrue(OutageTimeline.KEY.matcher("a.b_c").matches());
    assertFalse(OutageTimeline.KEY.matcher("DB").matches());
    assertFalse(OutageTimeline.KEY.matcher("-db").matches());
    assertFalse(OutageTimeline.KEY.matcher("a b").matches());
    assertFalse(OutageTimeline.KEY.matcher("x".repeat(81)).matches());
    assertEquals(0, OutageTimeline.parseImpact("0"));
    assertEquals(150, OutageTimeline.parseImpact(" 150 "));
    assertNull(OutageTimeline.parseImpact("abc"));
    assertNull(OutageTimeline.parseImpact("-1"));
    assertNull(OutageTimeline.parseImpact(""));
    assertNull(OutageTimeline.parseImpact("99999999999"));
  }
}

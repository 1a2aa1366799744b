package io.opsroom.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The ops report's arithmetic over a period {@code [from, until)}: per outage TTD, TTR, TTF and
 * impact-weighted downtime; over the period count, means and medians, MTBF, downtime and uptime.
 * Plain Java, fed with {@link OutageTimeline}s, so every formula is tested on a hand-worked dataset
 * without a database. The rules, also stated on the report page and in docs/outages.md:
 *
 * <ul>
 *   <li>An outage belongs to the period when its start is in {@code [from, until)}; one that
 *       started before is left out entirely, one that ends after is clipped to the period for
 *       downtime.
 *   <li>TTD = detected − start; TTR = resolved − start; TTF = start − the previous outage's start
 *       (the previous in the period by start time, open ones included; the first counts from the
 *       period's start). Anthracite's definitions, kept for comparability.
 *   <li>Means and medians are over the resolved outages only (TTD: those with a detected time); the
 *       median of an even number of values is the mean of the middle two.
 *   <li>The measured length of the period is {@code min(until, now) − from}: the part of a period
 *       that has not happened yet is neither up nor down.
 *   <li>Downtime is the length of the union of the outages' intervals {@code [start, end)} clipped
 *       to the measured period, where an open outage ends at {@code min(now, until)}: overlapping
 *       outages count once, whatever their impact.
 *   <li>Weighted downtime is ∫ w(t) dt over the measured period, where w(t) is the highest impact
 *       among the outages going on at t, divided by 100. Impacts above 100 count in full, so an
 *       unrecoverable loss weighs more than the time it lasted; weighted uptime is floored at 0 %.
 *   <li>Uptime % = 100 × (1 − downtime / measured length), and the same with weighted downtime.
 *   <li>MTBF = (measured length − downtime) / number of outages in the period (open ones included).
 * </ul>
 */
public final class OpsReport {

  /** One outage of the period with its figures; durations null where they do not apply yet. */
  public record Row(
      OutageTimeline outage,
      Duration ttd,
      Duration ttr,
      Duration ttf,
      Duration weightedDowntime,
      boolean open) {

    public String key() {
      return outage.key();
    }
  }

  /** The period's figures; means, medians and MTBF are null when there is nothing to average. */
  public record Summary(
      int count,
      int openCount,
      Double meanTtdSeconds,
      Double meanTtrSeconds,
      Double meanTtfSeconds,
      Double medianTtdSeconds,
      Double medianTtrSeconds,
      Double medianTtfSeconds,
      Double mtbfSeconds,
      double downtimeSeconds,
      double weightedDowntimeSeconds,
      double periodSeconds,
      Double uptimePercent,
      Double weightedUptimePercent) {}

  /**
   * The report.
   *
   * @param from the period's start, included
   * @param until the period's end, excluded
   * @param measuredUntil {@code min(until, now)}: where the measured part of the period ends
   * @param rows every outage of the period in start order, open ones included
   * @param open the open ones again, apart
   * @param problems outages that could not be measured (no start), listed for people to fix
   * @param summary the period's figures
   */
  public record Result(
      Instant from,
      Instant until,
      Instant measuredUntil,
      List<Row> rows,
      List<Row> open,
      List<OutageTimeline> problems,
      Summary summary) {

    /** The resolved rows: the ones the means are computed over. */
    public List<Row> resolved() {
      return rows.stream().filter(r -> !r.open()).toList();
    }
  }

  private OpsReport() {}

  /**
   * Computes the report for {@code [from, until)} at {@code now} from the given outages, which may
   * include outages of other periods and outages without start.
   */
  public static Result compute(
      List<OutageTimeline> outages, Instant from, Instant until, Instant now) {
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("The period must end after it starts.");
    }
    List<OutageTimeline> inPeriod = new ArrayList<>();
    List<OutageTimeline> problems = new ArrayList<>();
    for (OutageTimeline o : outages) {
      if (!o.hasStart()) {
        problems.add(o);
      } else if (!o.start().isBefore(from) && o.start().isBefore(until)) {
        inPeriod.add(o);
      }
    }
    inPeriod.sort(Comparator.comparing(OutageTimeline::start).thenComparing(OutageTimeline::key));
    problems.sort(Comparator.comparing(OutageTimeline::key));

    List<Row> rows = new ArrayList<>();
    Instant previous = from;
    for (OutageTimeline o : inPeriod) {
      rows.add(
          new Row(
              o,
              o.ttd(),
              o.ttr(),
              Duration.between(previous, o.start()),
              o.weightedDowntime(now),
              o.isOpen()));
      previous = o.start();
    }

    Instant measuredUntil = now.isBefore(until) ? now : until;
    if (measuredUntil.isBefore(from)) {
      measuredUntil = from;
    }
    double periodSeconds = OutageTimeline.seconds(Duration.between(from, measuredUntil));
    double downtime = downtime(inPeriod, from, measuredUntil);
    double weighted = weightedDowntime(inPeriod, from, measuredUntil);

    List<Row> resolved = rows.stream().filter(r -> !r.open()).toList();
    List<Row> open = rows.stream().filter(Row::open).toList();
    List<Double> ttds = seconds(resolved.stream().map(Row::ttd).toList());
    List<Double> ttrs = seconds(resolved.stream().map(Row::ttr).toList());
    List<Double> ttfs = seconds(resolved.stream().map(Row::ttf).toList());
    Summary summary =
        new Summary(
            rows.size(),
            open.size(),
            mean(ttds),
            mean(ttrs),
            mean(ttfs),
            median(ttds),
            median(ttrs),
            median(ttfs),
            rows.isEmpty() ? null : (periodSeconds - downtime) / rows.size(),
            downtime,
            weighted,
            periodSeconds,
            periodSeconds <= 0 ? null : 100 * (1 - downtime / periodSeconds),
            periodSeconds <= 0 ? null : Math.max(0, 100 * (1 - weighted / periodSeconds)));
    return new Result(from, until, measuredUntil, rows, open, problems, summary);
  }

  /** The length of the union of the outages' intervals within {@code [from, end)}, in seconds. */
  static double downtime(List<OutageTimeline> outages, Instant from, Instant end) {
    List<Instant[]> intervals = new ArrayList<>();
    for (OutageTimeline o : outages) {
      Instant s = max(o.start(), from);
      Instant e = min(o.resolved() == null ? end : o.resolved(), end);
      if (e.isAfter(s)) {
        intervals.add(new Instant[] {s, e});
      }
    }
    intervals.sort(Comparator.comparing(i -> i[0]));
    double total = 0;
    Instant runStart = null;
    Instant runEnd = null;
    for (Instant[] i : intervals) {
      if (runEnd == null || i[0].isAfter(runEnd)) {
        if (runEnd != null) {
          total += OutageTimeline.seconds(Duration.between(runStart, runEnd));
        }
        runStart = i[0];
        runEnd = i[1];
      } else if (i[1].isAfter(runEnd)) {
        runEnd = i[1];
      }
    }
    if (runEnd != null) {
      total += OutageTimeline.seconds(Duration.between(runStart, runEnd));
    }
    return total;
  }

  /**
   * ∫ max impact(t) / 100 dt over {@code [from, end)}: between any two consecutive boundaries of
   * any impact stretch the highest impact going on is constant, so the integral is a sum.
   */
  static double weightedDowntime(List<OutageTimeline> outages, Instant from, Instant end) {
    List<OutageTimeline.Segment> segments = new ArrayList<>();
    TreeSet<Instant> boundaries = new TreeSet<>();
    for (OutageTimeline o : outages) {
      for (OutageTimeline.Segment s : o.segments()) {
        Instant a = max(s.from(), from);
        Instant b = min(s.until() == null ? end : s.until(), end);
        if (b.isAfter(a)) {
          segments.add(new OutageTimeline.Segment(a, b, s.impact()));
          boundaries.add(a);
          boundaries.add(b);
        }
      }
    }
    double total = 0;
    Instant previous = null;
    for (Instant t : boundaries) {
      if (previous != null) {
        int highest = -1;
        for (OutageTimeline.Segment s : segments) {
          if (!s.from().isAfter(previous) && !s.until().isBefore(t)) {
            highest = Math.max(highest, s.impact());
          }
        }
        if (highest > 0) {
          total += OutageTimeline.seconds(Duration.between(previous, t)) * highest / 100.0;
        }
      }
      previous = t;
    }
    return total;
  }

  private static List<Double> seconds(List<Duration> durations) {
    return durations.stream().filter(d -> d != null).map(OutageTimeline::seconds).sorted().toList();
  }

  static Double mean(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  /** The middle value of sorted values; of an even number, the mean of the middle two. */
  static Double median(List<Double> sorted) {
    if (sorted.isEmpty()) {
      return null;
    }
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * A duration for people: {@code 45s}, {@code 12m 05s}, {@code 1h 05m}, {@code 2d 03h}; null for
   * none.
   */
  public static String human(Duration d) {
    if (d == null) {
      return null;
    }
    long s = d.toSeconds();
    String sign = s < 0 ? "−" : "";
    s = Math.abs(s);
    if (s < 60) {
      return sign + s + "s";
    }
    if (s < 3600) {
      return sign + String.format("%dm %02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return sign + String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
    }
    return sign + String.format("%dd %02dh", s / 86_400, (s % 86_400) / 3600);
  }

  /** {@link #human(Duration)} for a number of seconds. */
  public static String human(Double seconds) {
    return seconds == null ? null : human(Duration.ofMillis(Math.round(seconds * 1000)));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}

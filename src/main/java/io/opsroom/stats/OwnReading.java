package io.opsroom.stats;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opsroom's own meters read at one moment, by the names sent to carbon ({@code alerts.critical},
 * {@code graphite.requests}, ...): gauges as they are, counters and timers as totals since start.
 * Two readings make a {@link OwnSample}.
 *
 * @param at when it was read
 * @param values every value by name; counters are totals, see {@link OwnSample#isCounter}
 */
public record OwnReading(Instant at, Map<String, Double> values) {

  /** A timer's running count, summed with its other totals only to compute a mean over time. */
  static final String CYCLE_COUNT = "alerts.cycles";

  static final String CYCLE_SECONDS_TOTAL = "alerts.cycle.seconds_total";
  static final String GRAPHITE_SECONDS_TOTAL = "graphite.latency.seconds_total";

  public OwnReading {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The value, or 0 when the meter does not exist yet (a counter nothing has counted). */
  public double get(String name) {
    Double value = values.get(name);
    return value == null ? 0 : value;
  }

  /** The value as a whole number, for counts. */
  public long count(String name) {
    return Math.round(get(name));
  }

  /** The mean of a timer: its total seconds over its count, or null before its first record. */
  public Double mean(String totalSeconds, String count) {
    double n = get(count);
    return n > 0 ? get(totalSeconds) / n : null;
  }
}

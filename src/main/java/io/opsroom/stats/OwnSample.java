package io.opsroom.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One point of Opsroom's own history, and what is sent to carbon: gauges as read at {@code at},
 * counters as what they counted during the {@code seconds} since the sample before (per-interval
 * deltas), and the cycle's and Graphite's mean durations over those seconds.
 *
 * @param at the end of the interval
 * @param seconds the interval's length, at least 1
 * @param values by carbon name without the prefix; a mean is absent when nothing was timed
 */
public record OwnSample(Instant at, long seconds, Map<String, Double> values) {

  /** Counters that are not named by a pattern. */
  private static final Set<String> COUNTERS =
      Set.of(
          OwnReading.CYCLE_COUNT,
          "graphite.requests",
          "graphite.errors",
          "notifications.storms",
          "events.ingested");

  /** Totals read only to compute a mean; not sent on their own. */
  private static final Set<String> HELPERS =
      Set.of(OwnReading.CYCLE_SECONDS_TOTAL, OwnReading.GRAPHITE_SECONDS_TOTAL);

  public static final String CYCLE_DURATION = "alerts.cycle.duration_seconds";
  public static final String GRAPHITE_LATENCY = "graphite.latency_seconds";

  public OwnSample {
    seconds = Math.max(1, seconds);
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Whether the value is a counter: a total in a reading, a delta in a sample. */
  public static boolean isCounter(String name) {
    return COUNTERS.contains(name)
        || name.startsWith("events.by_source.")
        || name.startsWith("notifications.")
            && (name.endsWith(".sent") || name.endsWith(".failed"));
  }

  /**
   * The sample for the time from {@code before} to {@code after}. A counter that went down (the
   * meter was registered again) counts from zero.
   */
  public static OwnSample between(OwnReading before, OwnReading after) {
    long seconds = Duration.between(before.at(), after.at()).toSeconds();
    Map<String, Double> values = new TreeMap<>();
    after
        .values()
        .forEach(
            (name, value) -> {
              if (HELPERS.contains(name)) {
                return;
              }
              if (isCounter(name)) {
                double delta = value - before.get(name);
                values.put(name, delta < 0 ? value : delta);
              } else {
                values.put(name, value);
              }
            });
    mean(before, after, OwnReading.CYCLE_SECONDS_TOTAL, OwnReading.CYCLE_COUNT)
        .ifPresent(mean -> values.put(CYCLE_DURATION, mean));
    mean(before, after, OwnReading.GRAPHITE_SECONDS_TOTAL, "graphite.requests")
        .ifPresent(mean -> values.put(GRAPHITE_LATENCY, mean));
    return new OwnSample(after.at(), seconds, values);
  }

  private static java.util.Optional<Double> mean(
      OwnReading before, OwnReading after, String totalSeconds, String count) {
    double n = after.get(count) - before.get(count);
    double total = after.get(totalSeconds) - before.get(totalSeconds);
    if (n <= 0 || total < 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(total / n);
  }

  /** The value, or null when the sample has none. */
  public Double value(String name) {
    return values.get(name);
  }

  /** A counter's delta as a rate per minute, or the value itself for a gauge; null when absent. */
  public Double perMinute(String name) {
    Double value = values.get(name);
    if (value == null || !isCounter(name)) {
      return value;
    }
    return value * 60.0 / seconds;
  }
}

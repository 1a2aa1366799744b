package io.opsroom.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many alerts were in each level over a period, in equal buckets, rebuilt from transitions: the
 * grid's 24 h and 7 d strips. An alert counts in a bucket with the worst level it had during that
 * bucket, so a short burst of red is never averaged away.
 */
public final class LevelHistory {

  private LevelHistory() {}

  /** One bucket: its start and the number of alerts per level. */
  public record Bucket(Instant start, Map<Level, Integer> counts) {

    public int count(Level level) {
      return counts.getOrDefault(level, 0);
    }

    /** The count for a level named in any case, for templates. */
    public int countOf(String level) {
      return count(Level.valueOf(level.toUpperCase(java.util.Locale.ROOT)));
    }

    public int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** A level change of one alert. */
  public record Change(String alertId, Level to, Instant at) {}

  /**
   * @param before each alert's level at {@code from} (alerts absent here start with their first
   *     change)
   * @param changes the changes in [from, until), oldest first
   */
  public static List<Bucket> buckets(
      Map<String, Level> before, List<Change> changes, Instant from, Instant until, int count) {
    Duration width = Duration.between(from, until).dividedBy(count);
    Map<String, Level> current = new HashMap<>(before);
    List<Bucket> buckets = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < count; i++) {
      Instant start = from.plus(width.multipliedBy(i));
      Instant end = i == count - 1 ? until : start.plus(width);
      Map<String, Level> worst = new HashMap<>(current);
      while (next < changes.size() && changes.get(next).at().isBefore(end)) {
        Change c = changes.get(next++);
        current.put(c.alertId(), c.to());
        worst.merge(c.alertId(), c.to(), Level::worst);
      }
      Map<Level, Integer> counts = new EnumMap<>(Level.class);
      worst.values().forEach(level -> counts.merge(level, 1, Integer::sum));
      buckets.add(new Bucket(start, counts));
    }
    return buckets;
  }
}

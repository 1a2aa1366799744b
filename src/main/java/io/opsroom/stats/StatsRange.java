package io.opsroom.stats;

import io.opsroom.platform.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The time ranges graphs are offered in; anything else is refused, so caches stay few. */
public enum StatsRange {
  DAY("24h", "-24h", 86_400L),
  WEEK("7d", "-7d", 7 * 86_400L),
  MONTH("4w", "-28d", 28 * 86_400L),
  YEAR("1y", "-365d", 365 * 86_400L);

  private final String word;
  private final String graphiteFrom;
  private final long seconds;

  StatsRange(String word, String graphiteFrom, long seconds) {
    this.word = word;
    this.graphiteFrom = graphiteFrom;
    this.seconds = seconds;
  }

  /** How URLs and people write it: {@code 24h}, {@code 7d}, {@code 4w}, {@code 1y}. */
  public String word() {
    return word;
  }

  /** Graphite's {@code from} for it, relative to now. */
  public String graphiteFrom() {
    return graphiteFrom;
  }

  public long seconds() {
    return seconds;
  }

  /**
   * The range written as {@code value}; blank means 24 hours.
   *
   * @throws InvalidInputException (400, field {@code range}) for anything else
   */
  public static StatsRange parse(String value) {
    if (value == null || value.isBlank()) {
      return DAY;
    }
    for (StatsRange range : values()) {
      if (range.word.equals(value.strip())) {
        return range;
      }
    }
    throw InvalidInputException.field("range", "Choose a range of " + allowed() + ".");
  }

  /** The allowed words, for messages: "24h, 7d, 4w or 1y". */
  public static String allowed() {
    String all = Arrays.stream(values()).map(StatsRange::word).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " or " + all.substring(last + 2);
  }
}

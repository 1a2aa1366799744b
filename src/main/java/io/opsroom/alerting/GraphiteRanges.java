package io.opsroom.alerting;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a relative Graphite range such as {@code -24h} or {@code -7d} as seconds. */
final class GraphiteRanges {

  private static final Pattern RANGE = Pattern.compile("-(\\d+)(s|min|h|d|w)");

  private GraphiteRanges() {}

  static long seconds(String range) {
    Matcher m = RANGE.matcher(range == null ? "" : range.strip());
    if (!m.matches()) {
      return 86_400;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> n;
      case "min" -> n * 60;
      case "h" -> n * 3600;
      case "d" -> n * 86_400;
      default -> n * 7 * 86_400;
    };
  }
}

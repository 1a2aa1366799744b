package io.opsroom.stats;

import io.opsroom.charts.ChartRenderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the stats pages write ranges, values, levels and ages for people: the range links, a value
 * with its unit, whether a value is past a panel's warning or critical line, and "3 min ago".
 */
public final class StatsDisplay {

  private StatsDisplay() {}

  /**
   * One link of a range switch.
   *
   * @param word the range as URLs write it ({@code 7d})
   * @param label as people read it ({@code 7 d})
   * @param href the page for that range
   * @param current whether it is the range shown
   */
  public record RangeLink(String word, String label, String href, boolean current) {}

  /** How people read a range: 24 h, 7 d, 4 weeks, 1 year. */
  public static String label(StatsRange range) {
    return switch (range) {
      case DAY -> "24 h";
      case WEEK -> "7 d";
      case MONTH -> "4 weeks";
      case YEAR -> "1 year";
    };
  }

  /**
   * A link per range to {@code path}, with {@code query} (already encoded, may be blank) before the
   * range parameter.
   */
  public static List<RangeLink> ranges(String path, String query, StatsRange current) {
    List<RangeLink> links = new ArrayList<>();
    for (StatsRange range : StatsRange.values()) {
      String href =
          path
              + "?"
              + (query == null || query.isBlank() ? "" : query + "&")
              + "range="
              + range.word();
      links.add(new RangeLink(range.word(), label(range), href, range == current));
    }
    return links;
  }

  /** A value with the panel's unit, as the graphs' axes write it; a dash without one. */
  public static String value(Double value, String unit) {
    return value == null ? "—" : ChartRenderer.formatValue(value, unit);
  }

  /**
   * Whether {@code value} is past the panel's lines: {@code critical}, {@code warning}, {@code ok},
   * or {@code none} without a value. For a panel whose low values are bad, past means below.
   */
  public static String level(Panel panel, Double value) {
    if (value == null) {
      return "none";
    }
    if (panel.critical() != null && past(panel, value, panel.critical())) {
      return "critical";
    }
    if (panel.warning() != null && past(panel, value, panel.warning())) {
      return "warning";
    }
    return "ok";
  }

  private static boolean past(Panel panel, double value, double line) {
    return panel.worst() == Panel.Worst.HIGH ? value >= line : value <= line;
  }

  /** How old something is, roughly: "40 s", "3 min", "2 h", "5 days". */
  public static String age(Duration age) {
    long seconds = Math.max(0, age.getSeconds());
    if (seconds < 90) {
      return seconds + " s";
    }
    if (seconds < 90 * 60) {
      return Math.round(seconds / 60.0) + " min";
    }
    if (seconds < 36 * 3600) {
      return Math.round(seconds / 3600.0) + " h";
    }
    return Math.round(seconds / 86_400.0) + " days";
  }

  /** Why a panel is left out, in a few words: "no metric (Needs collectd's swap plugin …)". */
  public static String hiddenReason(PanelViews.View view) {
    return switch (view.state()) {
      case NO_METRIC ->
          "no metric"
              + (view.panel().description().isEmpty()
                  ? ""
                  : " (" + view.panel().description().replaceAll("\\.$", "") + ")");
      case NO_PREFIX -> view.note().isBlank() ? "no usable Graphite prefix" : view.note();
      case BAD_TARGET -> "Graphite refused the target: " + view.note();
      default -> view.note();
    };
  }

  /** Whether a panel is left out of a page because its metric cannot be there for this object. */
  public static boolean hidden(PanelViews.View view) {
    return view.state() == PanelViews.State.NO_METRIC
        || view.state() == PanelViews.State.NO_PREFIX
        || view.state() == PanelViews.State.BAD_TARGET;
  }
}

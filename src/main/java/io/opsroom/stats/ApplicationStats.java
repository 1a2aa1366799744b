package io.opsroom.stats;

import io.opsroom.graphite.DataPoint;
import io.opsroom.graphite.Series;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of {@code GET /api/applications/{name}/stats}: an application's panels with their newest
 * values and series, and its alerts. Field names are part of the external contract.
 *
 * @param application the application's name
 * @param title its title
 * @param range the range: 24h, 7d, 4w or 1y
 * @param generatedAt when the answer was put together
 * @param stale true when Graphite failed and some values are older than the cache's time-to-live,
 *     or missing
 * @param panels the panels in the order the embed shows them
 * @param alerts the alerts labelled {@code app=<name>}, worst first
 */
public record ApplicationStats(
    String application,
    String title,
    String range,
    Instant generatedAt,
    boolean stale,
    List<PanelStats> panels,
    List<AlertStats> alerts) {

  /**
   * One panel.
   *
   * @param id the panel's id, as in {@code /embed/applications/{name}/{id}.svg}
   * @param title its title
   * @param unit the unit of its values; blank for none
   * @param kind line, area or bar
   * @param state DATA, EMPTY, NO_METRIC, NO_PREFIX, BAD_TARGET or UNAVAILABLE
   * @param note why it is not drawn or why its data is old; blank otherwise
   * @param target the Graphite target asked; null when the application has no usable prefix
   * @param loadedAt when the data was fetched from Graphite; null when never
   * @param ageSeconds how old the data is
   * @param latest the newest value of each series
   * @param series the points of each series
   */
  public record PanelStats(
      String id,
      String title,
      String unit,
      String kind,
      String state,
      String note,
      String target,
      Instant loadedAt,
      long ageSeconds,
      List<LatestValue> latest,
      List<SeriesPoints> series) {}

  /**
   * The newest value of one series.
   *
   * @param series the series' name
   * @param value its newest value; null when it has none in the range
   * @param time when that value was measured
   */
  public record LatestValue(String series, Double value, Instant time) {}

  /**
   * The points of one series.
   *
   * @param name the series' name
   * @param points {@code [epochSeconds, value]} pairs, value null where Graphite has none
   */
  public record SeriesPoints(String name, List<List<Number>> points) {}

  /**
   * One alert of the application, as {@code GET /api/alerts} has it.
   *
   * @param id the alert's id
   * @param name its name
   * @param level OK, PENDING, WARNING, CRITICAL, UNKNOWN or ERROR
   * @param since when it reached that level
   * @param value its last value
   */
  public record AlertStats(String id, String name, String level, Instant since, Double value) {}

  /** The JSON of a snapshot. */
  public static ApplicationStats of(ApplicationEmbeds.Snapshot snapshot) {
    Instant now = snapshot.generatedAt();
    List<PanelStats> panels = new ArrayList<>();
    for (PanelViews.View v : snapshot.views()) {
      panels.add(
          new PanelStats(
              v.panel().id(),
              v.panel().title(),
              v.panel().unit(),
              v.panel().kind().name().toLowerCase(Locale.ROOT),
              v.state().name(),
              v.note(),
              v.target(),
              seconds(v.loadedAt()),
              v.age(now).getSeconds(),
              v.latest().stream()
                  .map(l -> new LatestValue(l.series(), l.value(), seconds(l.at())))
                  .toList(),
              v.series().stream().map(ApplicationStats::points).toList()));
    }
    return new ApplicationStats(
        snapshot.name(),
        snapshot.title(),
        snapshot.range().word(),
        seconds(now),
        snapshot.stale(),
        panels,
        snapshot.alerts().stream()
            .map(
                a ->
                    new AlertStats(
                        a.id(), a.name(), a.level().name(), seconds(a.since()), a.value()))
            .toList());
  }

  private static SeriesPoints points(Series series) {
    List<List<Number>> points = new ArrayList<>(series.points().size());
    for (DataPoint p : series.points()) {
      points.add(Arrays.asList(p.epochSeconds(), p.hasValue() ? p.value() : null));
    }
    return new SeriesPoints(series.name(), points);
  }

  private static Instant seconds(Instant at) {
    return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS);
  }
}

package io.opsroom.alerting;

import io.opsroom.charts.ChartRenderer;
import io.opsroom.charts.ChartSeries;
import io.opsroom.charts.ChartSpec;
import io.opsroom.charts.EventMarker;
import io.opsroom.charts.Threshold;
import io.opsroom.events.Event;
import io.opsroom.events.EventLinks;
import io.opsroom.graphite.GraphiteClient;
import io.opsroom.graphite.TargetResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Draws an alert's graph over a range from the same Graphite data the engine reads, with its
 * warning and critical lines and the changelog events of its application and server as markers, as
 * SVG for the alert page and PNG for emails. Server-side, so it works where browsers cannot reach
 * Graphite.
 */
@ApplicationScoped
public class AlertGraphs {

  private static final ChartRenderer RENDERER = new ChartRenderer();

  @Inject GraphiteClient graphite;
  @Inject Clock clock;
  @Inject EventLinks eventLinks;

  private static final Logger LOG = Logger.getLogger(AlertGraphs.class);

  /** More markers than this on one graph would hide the line; the newest are kept. */
  static final int MAX_MARKERS = 50;

  /** The most events read for the graphs of one email, however many alerts it shows. */
  static final int MAX_READ = 2_000;

  /** A drawn graph, or why there is none. */
  public record Graph(String range, String svg, String problem) {}

  public Graph svg(AlertDefinition alert, String range) {
    long until = clock.instant().getEpochSecond();
    long from = until - GraphiteRanges.seconds(range);
    Map<String, TargetResult> results = graphite.render(List.of(alert.target()), range, null);
    TargetResult result = results.get(alert.target());
    if (result.failure().isPresent()) {
      return new Graph(range, null, result.describe());
    }
    List<EventMarker> markers =
        markers(List.of(alert), from, until).getOrDefault(alert.id(), List.of());
    return new Graph(
        range,
        RENDERER.svg(spec(alert, result, range, from, until, 900, 280).withMarkers(markers)),
        null);
  }

  /**
   * The last 24 hours of several alerts as PNG for emails, from one batched Graphite request;
   * alerts that cannot be drawn (composite, Graphite failing) are left out.
   */
  public Map<String, byte[]> lastDayPng(List<AlertDefinition> alerts) {
    List<AlertDefinition> drawable = alerts.stream().filter(a -> !a.isComposite()).toList();
    if (drawable.isEmpty()) {
      return Map.of();
    }
    long until = clock.instant().getEpochSecond();
    long from = until - GraphiteRanges.seconds("-24h");
    Map<String, TargetResult> results =
        graphite.render(
            drawable.stream().map(AlertDefinition::target).distinct().toList(), "-24h", null);
    Map<String, List<EventMarker>> markers = markers(drawable, from, until);
    Map<String, byte[]> pngs = new java.util.LinkedHashMap<>();
    for (AlertDefinition alert : drawable) {
      TargetResult result = results.get(alert.target());
      if (result != null && result.failure().isEmpty()) {
        pngs.put(
            alert.id(),
            RENDERER.png(
                spec(alert, result, "-24h", from, until, 680, 260)
                    .withMarkers(markers.getOrDefault(alert.id(), List.of()))));
      }
    }
    return pngs;
  }

  /**
   * The markers of each alert: the events in the range tagged with its {@code app} or {@code
   * server} label (as {@link AlertEvents#linkTags} makes them tags), except the alerts' own
   * transitions, the newest {@link #MAX_MARKERS} per alert. One query for all the alerts; when it
   * fails, the graphs are drawn without markers rather than not at all.
   */
  Map<String, List<EventMarker>> markers(List<AlertDefinition> alerts, long from, long until) {
    Map<String, List<String>> tagsByAlert = new LinkedHashMap<>();
    Set<String> all = new LinkedHashSet<>();
    for (AlertDefinition alert : alerts) {
      List<String> tags = AlertEvents.linkTags(alert);
      if (!tags.isEmpty()) {
        tagsByAlert.put(alert.id(), tags);
        all.addAll(tags);
      }
    }
    if (all.isEmpty()) {
      return Map.of();
    }
    List<Event> events;
    try {
      // A transaction of its own: a failing read must not spoil the page's transaction.
      events =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      eventLinks.tagged(
                          all,
                          Instant.ofEpochSecond(from),
                          Instant.ofEpochSecond(until),
                          true,
                          Math.min(MAX_READ, MAX_MARKERS * tagsByAlert.size())));
    } catch (RuntimeException e) {
      LOG.warn("Reading the events for graph markers failed; graphs are drawn without them", e);
      return Map.of();
    }
    Map<String, List<EventMarker>> markers = new LinkedHashMap<>();
    tagsByAlert.forEach(
        (id, tags) ->
            markers.put(
                id,
                events.stream()
                    .filter(e -> e.tags != null && tags.stream().anyMatch(e.tags::contains))
                    .limit(MAX_MARKERS)
                    .map(AlertGraphs::marker)
                    .toList()));
    return markers;
  }

  /** A deploy, a step of an outage, or any other change. */
  public static EventMarker marker(Event event) {
    String kind =
        event.hasTag("deploy") ? "deploy" : event.value("outage") != null ? "outage" : "change";
    return new EventMarker(event.at.getEpochSecond(), event.title, kind, event.id);
  }

  private static ChartSpec spec(
      AlertDefinition alert,
      TargetResult result,
      String range,
      long from,
      long until,
      int width,
      int height) {
    List<ChartSeries> series = new ArrayList<>();
    result
        .series()
        .forEach(
            s ->
                series.add(
                    new ChartSeries(
                        s.name(),
                        s.points().stream()
                            .map(p -> new ChartSeries.Point(p.epochSeconds(), p.value()))
                            .toList())));
    List<Threshold> thresholds = new ArrayList<>();
    if (alert.warning() != null) {
      thresholds.add(Threshold.warning(alert.warning()));
    }
    if (alert.critical() != null) {
      thresholds.add(Threshold.critical(alert.critical()));
    }
    return ChartSpec.of(alert.name() + " · " + range.substring(1), series, from, until)
        .withThresholds(thresholds)
        .withShading(
            alert.direction() == AlertDefinition.Direction.ABOVE
                ? ChartSpec.Shading.ABOVE
                : ChartSpec.Shading.BELOW)
        .withSize(width, height);
  }
}

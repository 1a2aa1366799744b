package io.opsroom.stats;

import io.opsroom.alerting.AlertGraphs;
import io.opsroom.charts.ChartRenderer;
import io.opsroom.charts.ChartSeries;
import io.opsroom.charts.ChartSpec;
import io.opsroom.charts.EventMarker;
import io.opsroom.charts.Threshold;
import io.opsroom.events.Event;
import io.opsroom.events.EventLinks;
import io.opsroom.events.Tags;
import io.opsroom.graphite.DataPoint;
import io.opsroom.graphite.GraphiteClient;
import io.opsroom.graphite.Series;
import io.opsroom.graphite.TargetResult;
import io.opsroom.security.Secrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The panels of servers and applications, fetched and drawn once per time-to-live: every page,
 * dashboard, embed, image and JSON answer takes its panels from here. Graphite data is cached per
 * target and range, drawn panels per object, panel, range and size, both in {@link RenderOnce}s, so
 * N viewers of a panel cost one Graphite request and one drawing per {@code
 * opsroom.stats.cache-ttl}, and a batch of panels costs one render call and one events query.
 */
@ApplicationScoped
public class PanelViews {

  private static final Logger LOG = Logger.getLogger(PanelViews.class);
  private static final ChartRenderer RENDERER = new ChartRenderer();

  /** More markers than this on one panel would hide the line; the newest are kept. */
  static final int MAX_MARKERS = 30;

  /** The most events read for one batch of panels, however many objects it shows. */
  static final int MAX_EVENTS = 2_000;

  /** A server or application whose panels are drawn: its scope, name and Graphite prefix. */
  public record Subject(Panel.Scope scope, String name, String prefix) {}

  /** The size a panel is drawn at: its aspect ratio and level of detail (it scales to fit). */
  public record Size(int width, int height) {
    /** Server and application pages. */
    public static final Size PAGE = new Size(640, 240);

    /** Fleet dashboards' small multiples. */
    public static final Size SMALL = new Size(320, 130);

    /** Embeds and panel images. */
    public static final Size EMBED = new Size(480, 200);
  }

  /** What a panel has to show. */
  public enum State {
    /** At least one value: drawn. */
    DATA,
    /** The metric exists but has no value in the range: drawn, with "No data". */
    EMPTY,
    /** No metric matches the target: the panel is left out with a note. */
    NO_METRIC,
    /** The object's Graphite prefix is missing or unusable: left out with a note. */
    NO_PREFIX,
    /** Graphite rejected the target: left out with Graphite's message. */
    BAD_TARGET,
    /** Graphite is unavailable and there is no earlier data: "metrics unavailable". */
    UNAVAILABLE
  }

  /** The newest value of one series and when it was measured; value null when it has none. */
  public record Latest(String series, Double value, Instant at) {}

  /**
   * One panel of one object over one range.
   *
   * @param subject the object
   * @param panel the panel
   * @param range the range
   * @param target the Graphite target asked, or null when the prefix is unusable
   * @param state what there is to show
   * @param note for people, when the panel is not drawn or its data is old; blank otherwise
   * @param series the data, empty unless DATA or EMPTY
   * @param latest the newest value of each series
   * @param svg the drawn panel, or null when it is not drawn
   * @param etag a validator of what is shown: equal when the drawing would be the same
   * @param loadedAt when the data was fetched from Graphite; null when never
   * @param problem why the data could not be refreshed, when it is older than it should be
   */
  public record View(
      Subject subject,
      Panel panel,
      StatsRange range,
      String target,
      State state,
      String note,
      List<Series> series,
      List<Latest> latest,
      String svg,
      String etag,
      Instant loadedAt,
      String problem) {

    /** Whether the panel is drawn (else it is left out, with its note). */
    public boolean drawn() {
      return svg != null;
    }

    /** Whether the data shown is older than it should be because Graphite failed. */
    public boolean stale() {
      return problem != null;
    }

    /** How old the data is at {@code now}. */
    public Duration age(Instant now) {
      return loadedAt == null ? Duration.ZERO : Duration.between(loadedAt, now);
    }

    /**
     * The value fleets are sorted by, worst first: the highest newest value of its series for a
     * panel whose high values are bad, the lowest for one whose low values are; null without data.
     */
    public Double worstValue() {
      Double worst = null;
      for (Latest l : latest) {
        if (l.value() != null
            && (worst == null
                || (panel.worst() == Panel.Worst.HIGH ? l.value() > worst : l.value() < worst))) {
          worst = l.value();
        }
      }
      return worst;
    }
  }

  private record DataKey(String target, StatsRange range) {}

  private record ViewKey(
      Subject subject, Panel panel, StatsRange range, Size size, boolean markers) {}

  @Inject GraphiteClient graphite;
  @Inject EventLinks eventLinks;
  @Inject StatsConfig config;
  @Inject Clock clock;

  private RenderOnce<DataKey, TargetResult> data;
  private RenderOnce<ViewKey, View> views;

  @PostConstruct
  void init() {
    data = new RenderOnce<>(clock, config.cacheTtl());
    views = new RenderOnce<>(clock, config.cacheTtl());
  }

  /** One panel of one object; see {@link #views}. */
  public View view(Subject subject, Panel panel, StatsRange range, Size size, boolean markers) {
    return views(List.of(subject), List.of(panel), range, size, markers).get(0);
  }

  /**
   * The panels of each subject, subject by subject and in the panels' order. What is not cached is
   * fetched in one Graphite render call and, with {@code markers}, one events query (the events
   * tagged {@code server=} or {@code app=} with the object's name, shown as markers).
   */
  public List<View> views(
      List<Subject> subjects, List<Panel> panels, StatsRange range, Size size, boolean markers) {
    List<ViewKey> keys = new ArrayList<>();
    for (Subject subject : subjects) {
      for (Panel panel : panels) {
        keys.add(new ViewKey(subject, panel, range, size, markers));
      }
    }
    Map<ViewKey, RenderOnce.Cached<View>> cached = views.getAll(keys, this::draw);
    List<View> out = new ArrayList<>(keys.size());
    for (ViewKey key : keys) {
      RenderOnce.Cached<View> entry = cached.get(key);
      out.add(entry.value() != null ? entry.value() : unavailable(key, entry.problem()));
    }
    return out;
  }

  /** Graphite requests saved so far and entries held, for the instance's own statistics. */
  public int cachedPanels() {
    return views.size();
  }

  /** Forgets everything cached; tests use it to start from a cold cache. */
  public void clear() {
    data.clear();
    views.clear();
  }

  private Map<ViewKey, RenderOnce.Outcome<View>> draw(List<ViewKey> keys) {
    Map<ViewKey, String> targets = new LinkedHashMap<>();
    Set<DataKey> wanted = new LinkedHashSet<>();
    for (ViewKey key : keys) {
      if (PanelTargets.prefixProblem(key.subject().prefix()).isEmpty()) {
        String target = PanelTargets.fill(key.panel(), key.subject().prefix());
        targets.put(key, target);
        wanted.add(new DataKey(target, key.range()));
      }
    }
    Map<DataKey, RenderOnce.Cached<TargetResult>> results =
        wanted.isEmpty() ? Map.of() : data.getAll(List.copyOf(wanted), this::fetch);
    Map<Subject, List<EventMarker>> markers = markers(keys);
    long until = clock.instant().getEpochSecond();
    Map<ViewKey, RenderOnce.Outcome<View>> drawn = new LinkedHashMap<>();
    for (ViewKey key : keys) {
      String target = targets.get(key);
      View view;
      if (target == null) {
        view =
            empty(
                key,
                null,
                State.NO_PREFIX,
                PanelTargets.prefixProblem(key.subject().prefix()).orElse(""),
                null,
                null);
      } else {
        RenderOnce.Cached<TargetResult> result = results.get(new DataKey(target, key.range()));
        view = view(key, target, result, markers.getOrDefault(key.subject(), List.of()), until);
      }
      drawn.put(key, RenderOnce.Outcome.of(view));
    }
    return drawn;
  }

  /** One Graphite render call for all the targets; failures of Graphite keep older data. */
  private Map<DataKey, RenderOnce.Outcome<TargetResult>> fetch(List<DataKey> keys) {
    Map<StatsRange, List<DataKey>> byRange = new LinkedHashMap<>();
    keys.forEach(k -> byRange.computeIfAbsent(k.range(), r -> new ArrayList<>()).add(k));
    Map<DataKey, RenderOnce.Outcome<TargetResult>> outcomes = new LinkedHashMap<>();
    byRange.forEach(
        (range, rangeKeys) -> {
          Map<String, TargetResult> answers =
              graphite.render(
                  rangeKeys.stream().map(DataKey::target).toList(), range.graphiteFrom(), null);
          for (DataKey key : rangeKeys) {
            TargetResult answer = answers.get(key.target());
            if (answer == null) {
              outcomes.put(key, RenderOnce.Outcome.failed("Graphite gave no answer"));
            } else if (answer.failure().isPresent() && answer.failure().get().concernsGraphite()) {
              outcomes.put(key, RenderOnce.Outcome.failed(answer.failure().get().message()));
            } else {
              outcomes.put(key, RenderOnce.Outcome.of(answer));
            }
          }
        });
    return outcomes;
  }

  private View view(
      ViewKey key,
      String target,
      RenderOnce.Cached<TargetResult> cached,
      List<EventMarker> markers,
      long until) {
    TargetResult result = cached == null ? null : cached.value();
    String problem = cached == null ? "no answer" : cached.problem();
    if (result == null) {
      return empty(
          key,
          target,
          State.UNAVAILABLE,
          "Metrics unavailable: " + (problem == null ? "Graphite did not answer" : problem),
          null,
          problem);
    }
    switch (result.status()) {
      case FAILED:
        return empty(key, target, State.BAD_TARGET, result.describe(), cached.loadedAt(), problem);
      case NO_SUCH_METRIC:
        return empty(
            key,
            target,
            State.NO_METRIC,
            "No metric for "
                + key.panel().title()
                + (key.panel().description().isEmpty() ? "" : ". " + key.panel().description()),
            cached.loadedAt(),
            problem);
      default:
        break;
    }
    long from = until - key.range().seconds();
    List<ChartSeries> series = new ArrayList<>();
    List<Latest> latest = new ArrayList<>();
    for (Series s : result.series()) {
      series.add(
          new ChartSeries(
              s.name(),
              s.points().stream()
                  .map(p -> new ChartSeries.Point(p.epochSeconds(), p.value()))
                  .toList()));
      latest.add(latest(s));
    }
    Panel panel = key.panel();
    List<Threshold> thresholds = new ArrayList<>();
    if (panel.warning() != null) {
      thresholds.add(Threshold.warning(panel.warning()));
    }
    if (panel.critical() != null) {
      thresholds.add(Threshold.critical(panel.critical()));
    }
    ChartSpec spec =
        ChartSpec.of(
                // A dashboard names the panel once above its small multiples, not in every cell.
                key.size().equals(Size.SMALL) ? "" : panel.title() + " · " + key.range().word(),
                series,
                from,
                until)
            .withThresholds(thresholds)
            .withShading(
                thresholds.isEmpty()
                    ? ChartSpec.Shading.NONE
                    : panel.worst() == Panel.Worst.HIGH
                        ? ChartSpec.Shading.ABOVE
                        : ChartSpec.Shading.BELOW)
            .withUnit(panel.unit())
            .withKind(panel.kind())
            .withMarkers(key.markers() ? markers : List.of())
            .withSize(key.size().width(), key.size().height());
    State state = result.status() == TargetResult.Status.DATA ? State.DATA : State.EMPTY;
    String note =
        problem == null ? "" : "Metrics unavailable: " + problem + " The graph shows older data.";
    return new View(
        key.subject(),
        panel,
        key.range(),
        target,
        state,
        note,
        result.series(),
        latest,
        RENDERER.svg(spec),
        etag(spec.toString() + state),
        cached.loadedAt(),
        problem);
  }

  private View empty(
      ViewKey key, String target, State state, String note, Instant loadedAt, String problem) {
    return new View(
        key.subject(),
        key.panel(),
        key.range(),
        target,
        state,
        note,
        List.of(),
        List.of(),
        null,
        etag(state + note),
        loadedAt,
        problem);
  }

  private View unavailable(ViewKey key, String problem) {
    return empty(key, null, State.UNAVAILABLE, "Metrics unavailable: " + problem, null, problem);
  }

  private static Latest latest(Series series) {
    List<DataPoint> points = series.points();
    for (int i = points.size() - 1; i >= 0; i--) {
      DataPoint p = points.get(i);
      if (p.hasValue()) {
        return new Latest(series.name(), p.value(), Instant.ofEpochSecond(p.epochSeconds()));
      }
    }
    return new Latest(series.name(), null, null);
  }

  /** The markers of each subject that asked for them, from one events query. */
  private Map<Subject, List<EventMarker>> markers(List<ViewKey> keys) {
    Map<Subject, String> pairs = new LinkedHashMap<>();
    long longest = 0;
    for (ViewKey key : keys) {
      String pair = Tags.pair(key.subject().scope().tagKey(), key.subject().name());
      if (key.markers() && Tags.problemOf(pair) == null) {
        pairs.put(key.subject(), pair);
        longest = Math.max(longest, key.range().seconds());
      }
    }
    if (pairs.isEmpty()) {
      return Map.of();
    }
    Instant until = clock.instant();
    Instant from = until.minusSeconds(longest);
    List<Event> events;
    try {
      // A transaction of its own: a failing read must not spoil the caller's.
      events =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      eventLinks.tagged(
                          pairs.values(),
                          from,
                          until,
                          true,
                          Math.min(MAX_EVENTS, MAX_MARKERS * pairs.size())));
    } catch (RuntimeException e) {
      LOG.warn("Reading the events for panel markers failed; panels are drawn without them", e);
      return Map.of();
    }
    Map<Subject, List<EventMarker>> markers = new LinkedHashMap<>();
    pairs.forEach(
        (subject, pair) ->
            markers.put(
                subject,
                events.stream()
                    .filter(e -> e.tags != null && e.tags.contains(pair))
                    .limit(MAX_MARKERS)
                    .map(AlertGraphs::marker)
                    .toList()));
    return markers;
  }

  private static String etag(String content) {
    return "\"" + Secrets.sha256(content).substring(0, 20) + "\"";
  }
}

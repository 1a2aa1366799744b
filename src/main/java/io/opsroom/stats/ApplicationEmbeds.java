package io.opsroom.stats;

import io.opsroom.alerting.AlertBoard;
import io.opsroom.alerting.Level;
import io.opsroom.inventory.Application;
import io.opsroom.inventory.Names;
import io.opsroom.security.Secrets;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What an application's embeds and stats JSON show: its title, its panels from {@link PanelViews}
 * (fetched once per time-to-live however many viewers) and the state of the alerts labelled with it
 * ({@code app=<name>}).
 */
@ApplicationScoped
public class ApplicationEmbeds {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  @Inject PanelViews panelViews;
  @Inject Panels panels;
  @Inject AlertBoard board;
  @Inject Clock clock;
  @Inject StatsConfig config;

  /**
   * The application's facts and alert states, read once per time-to-live like its panels: a
   * thousand requests a second for one embed cost the database one read a minute.
   */
  private RenderOnce<String, Optional<Facts>> facts;

  @PostConstruct
  void init() {
    facts = new RenderOnce<>(clock, config.cacheTtl());
  }

  /** One alert of the application, as the embed and the JSON show it. */
  public record Alert(String id, String name, Level level, Instant since, Double value) {

    /** The lower-case level, for CSS classes. */
    public String css() {
      return level.css();
    }
  }

  /**
   * The application's stats at one moment.
   *
   * @param name the application's name
   * @param title its title
   * @param range the range shown
   * @param generatedAt when this was put together
   * @param views its panels, in the panel set's order
   * @param alerts the alerts labelled with it, worst first
   */
  public record Snapshot(
      String name,
      String title,
      StatsRange range,
      Instant generatedAt,
      List<PanelViews.View> views,
      List<Alert> alerts) {

    /** The panels drawn: with data, or with older data while Graphite is unavailable. */
    public List<PanelViews.View> drawn() {
      return views.stream().filter(PanelViews.View::drawn).toList();
    }

    /** The panels left out because they have no metric, no prefix or a rejected target. */
    public List<PanelViews.View> leftOut() {
      return views.stream()
          .filter(v -> !v.drawn() && v.state() != PanelViews.State.UNAVAILABLE)
          .toList();
    }

    /** The panels that Graphite could not give and that have no older data either. */
    public List<PanelViews.View> unavailable() {
      return views.stream().filter(v -> v.state() == PanelViews.State.UNAVAILABLE).toList();
    }

    /** The titles of the panels left out, for one line: "5xx responses, Failing smoke tests". */
    public String leftOutTitles() {
      return String.join(", ", leftOut().stream().map(v -> v.panel().title()).toList());
    }

    /** Why the panels were left out, when it is the same reason for all: no Graphite prefix. */
    public boolean noPrefix() {
      return !leftOut().isEmpty()
          && leftOut().stream().allMatch(v -> v.state() == PanelViews.State.NO_PREFIX);
    }

    /** Whether Graphite failed, so what is shown is older than it should be, or missing. */
    public boolean stale() {
      return views.stream().anyMatch(v -> v.stale() || v.state() == PanelViews.State.UNAVAILABLE);
    }

    /** The age of the oldest data shown because Graphite failed; empty when none is shown. */
    public Optional<Duration> staleAge() {
      return views.stream()
          .filter(v -> v.stale() && v.loadedAt() != null)
          .map(v -> v.age(generatedAt))
          .max(Comparator.naturalOrder());
    }

    /** The age of the oldest data shown, in whole minutes (at least 1), for the banner. */
    public long staleMinutes() {
      return staleAge().map(d -> Math.max(1, (d.getSeconds() + 59) / 60)).orElse(0L);
    }

    /** When this was put together, as people read it: {@code 14:05 UTC}. */
    public String generatedTime() {
      return TIME.format(generatedAt) + " UTC";
    }

    /** The alerts that are not OK. */
    public List<Alert> troubled() {
      return alerts.stream().filter(a -> a.level() != Level.OK).toList();
    }

    /**
     * A validator of everything shown: the panels' drawings, the alerts' levels and, while Graphite
     * is down, the age in the banner.
     */
    public String etag() {
      StringBuilder all = new StringBuilder(name).append('|').append(title).append('|');
      all.append(range.word()).append('|');
      views.forEach(v -> all.append(v.etag()).append(','));
      alerts.forEach(
          a -> all.append(a.id()).append('=').append(a.level()).append(a.since()).append(','));
      all.append('|').append(staleMinutes());
      return "\"" + Secrets.sha256(all.toString()).substring(0, 24) + "\"";
    }
  }

  /**
   * The application's stats over {@code range}.
   *
   * @throws NotFoundException when there is no such application
   */
  public Snapshot snapshot(String name, StatsRange range) {
    Facts facts = cachedFacts(name);
    List<PanelViews.View> views =
        panelViews.views(
            List.of(facts.subject()),
            panels.of(Panel.Scope.APPLICATIONS),
            range,
            PanelViews.Size.EMBED,
            true);
    return new Snapshot(
        facts.subject().name(), facts.title(), range, clock.instant(), views, facts.alerts());
  }

  /** Forgets the cached facts and alert states; tests call it after changing them. */
  public void clear() {
    facts.clear();
  }

  /** The panel with this id of the application's panels, or 404. */
  public Panel panel(String id) {
    return panels
        .find(Panel.Scope.APPLICATIONS, id)
        .orElseThrow(() -> new NotFoundException("No panel " + id));
  }

  /** One panel of the application over {@code range}. */
  public PanelViews.View view(String name, Panel panel, StatsRange range) {
    return panelViews.view(cachedFacts(name).subject(), panel, range, PanelViews.Size.EMBED, true);
  }

  /** The application's name as stored, or 404. */
  public String name(String name) {
    return cachedFacts(name).subject().name();
  }

  private record Facts(PanelViews.Subject subject, String title, List<Alert> alerts) {}

  /**
   * The cached facts of the application, or 404. An unknown name is not remembered, so an
   * application created a moment ago has its embed at once.
   */
  private Facts cachedFacts(String name) {
    String key = Names.normalize(name);
    RenderOnce.Cached<Optional<Facts>> entry =
        facts.get(
            key,
            k ->
                RenderOnce.Outcome.of(
                    QuarkusTransaction.requiringNew()
                        .call(() -> Application.findByName(k).map(this::facts))));
    Optional<Facts> found = entry.value();
    if (found == null || found.isEmpty()) {
      facts.forget(key);
      if (found == null) {
        // The database failed: nothing to show, and nothing to remember.
        throw new IllegalStateException(
            "Reading application " + name + " failed: " + entry.problem());
      }
      throw new NotFoundException("No application " + name);
    }
    return found.get();
  }

  private Facts facts(Application app) {
    List<Alert> alerts = new ArrayList<>();
    for (AlertBoard.Square s : board.squares("app=" + app.name)) {
      alerts.add(new Alert(s.id(), s.name(), s.level(), s.since(), s.value()));
    }
    String title = app.title == null || app.title.isBlank() ? app.name : app.title;
    return new Facts(subject(app), title, alerts);
  }

  private static PanelViews.Subject subject(Application app) {
    return new PanelViews.Subject(Panel.Scope.APPLICATIONS, app.name, app.graphitePrefix);
  }
}

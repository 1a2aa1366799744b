package io.opsroom.stats;

import io.opsroom.alerting.AlertBoard;
import io.opsroom.inventory.Application;
import io.opsroom.inventory.Names;
import io.opsroom.inventory.Server;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The graphs and alerts of one server or application ({@link ServerGraphPages}, {@link
 * ApplicationGraphPages}), as a page of its own and, with {@code ?fragment=1}, as the two cards the
 * object's page loads into its Alerts and Graphs places after it has been shown, so the object page
 * never waits for Graphite.
 */
@ApplicationScoped
public class ObjectGraphPages {

  private static final DateTimeFormatter SINCE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Inject PanelViews panelViews;
  @Inject Panels panels;
  @Inject AlertBoard board;
  @Inject Clock clock;

  /** An alert that watches the object, as its line in the Alerts card. */
  public record AlertRow(
      String id,
      String name,
      String level,
      String css,
      String since,
      String value,
      boolean silenced,
      boolean acknowledged,
      String problem) {}

  /**
   * A panel as its card shows it: the drawing (null when Graphite gave nothing to draw), the newest
   * value of each series, and a note when the data is old or missing.
   */
  public record PanelCard(String id, String title, String svg, List<String> latest, String note) {}

  /**
   * Everything the page and the fragment show.
   *
   * @param noun {@code server} or {@code application}
   * @param name the object's name, as in its URL
   * @param title how people call it
   * @param path the object's page, {@code /servers/web01}
   * @param prefix its Graphite prefix, blank when it has none
   * @param prefixProblem why no graphs can be drawn for its prefix; null when they can
   * @param range the range shown
   * @param ranges the range switch
   * @param alerts the alerts that watch it, worst first
   * @param panels the cards drawn, in the panel set's order
   * @param hidden "Swap used — no metric (…)" per panel left out
   * @param unavailable a note when Graphite could not be read; null when it could
   */
  public record ObjectGraphs(
      String noun,
      String name,
      String title,
      String path,
      String prefix,
      String prefixProblem,
      StatsRange range,
      List<StatsDisplay.RangeLink> ranges,
      List<AlertRow> alerts,
      List<PanelCard> panels,
      List<String> hidden,
      String unavailable) {

    /** The graphs page itself, with this range. */
    public String graphsPath() {
      return path + "/graphs";
    }

    /** The main navigation's key for the page: servers or applications. */
    public String navKey() {
      return noun + "s";
    }

    public String rangeLabel() {
      return StatsDisplay.label(range);
    }

    /** How many alerts are not OK, for the heading. */
    public long firing() {
      return alerts.stream().filter(a -> !"OK".equals(a.level())).count();
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance graphs(ObjectGraphs graphs);

    static native TemplateInstance graphs$cards(ObjectGraphs graphs);
  }

  /** A page's HTML as the answer, whatever the caller's Accept header asked for. */
  static Response html(String page) {
    return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
  }

  private record Found(String name, String title, String prefix, List<AlertRow> alerts) {}

  /** The server's graphs page, or its cards alone when {@code fragment} is set. */
  public String server(String name, String range, String fragment) {
    StatsRange parsed = StatsRange.parse(range);
    Found found =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Server server =
                      Server.findByName(Names.normalize(name))
                          .orElseThrow(() -> new NotFoundException("No server " + name));
                  return new Found(
                      server.name,
                      server.name,
                      server.graphitePrefix,
                      alerts("server", server.name));
                });
    return render(Panel.Scope.SERVERS, "server", found, parsed, fragment);
  }

  /** The application's graphs page, or its cards alone when {@code fragment} is set. */
  public String application(String name, String range, String fragment) {
    StatsRange parsed = StatsRange.parse(range);
    Found found =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Application application =
                      Application.findByName(Names.normalize(name))
                          .orElseThrow(() -> new NotFoundException("No application " + name));
                  return new Found(
                      application.name,
                      application.title == null || application.title.isBlank()
                          ? application.name
                          : application.title,
                      application.graphitePrefix,
                      alerts("app", application.name));
                });
    return render(Panel.Scope.APPLICATIONS, "application", found, parsed, fragment);
  }

  /** The alerts labelled with the object ({@code server=web01}, {@code app=shop}), worst first. */
  private List<AlertRow> alerts(String label, String name) {
    List<AlertRow> rows = new ArrayList<>();
    for (AlertBoard.Square s : board.squares(label + "=" + name)) {
      rows.add(
          new AlertRow(
              s.id(),
              s.name(),
              s.level().name(),
              s.css(),
              s.since() == null ? null : SINCE.format(s.since()) + " UTC",
              s.value() == null ? null : StatsDisplay.value(s.value(), ""),
              s.silenced(),
              s.acknowledged(),
              s.problem()));
    }
    return rows;
  }

  private String render(
      Panel.Scope scope, String noun, Found found, StatsRange range, String fragment) {
    String path = "/" + scope.path() + "/" + found.name();
    String prefixProblem =
        found.prefix() == null || found.prefix().isBlank()
            ? null
            : PanelTargets.prefixProblem(found.prefix()).orElse(null);
    List<PanelCard> cards = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    String unavailable = null;
    boolean hasPrefix = found.prefix() != null && !found.prefix().isBlank();
    if (hasPrefix && prefixProblem == null) {
      PanelViews.Subject subject = new PanelViews.Subject(scope, found.name(), found.prefix());
      List<PanelViews.View> views =
          panelViews.views(List.of(subject), panels.of(scope), range, PanelViews.Size.PAGE, true);
      Instant now = clock.instant();
      Duration oldest = null;
      String problem = null;
      for (PanelViews.View view : views) {
        if (StatsDisplay.hidden(view)) {
          hidden.add(view.panel().title() + " — " + StatsDisplay.hiddenReason(view));
          continue;
        }
        List<String> latest = new ArrayList<>();
        for (PanelViews.Latest l : view.latest()) {
          if (l.value() != null) {
            latest.add(
                (view.latest().size() > 1 ? l.series() + " " : "")
                    + StatsDisplay.value(l.value(), view.panel().unit()));
          }
        }
        String note = "";
        if (view.state() == PanelViews.State.UNAVAILABLE) {
          note = "Metrics unavailable.";
        } else if (view.state() == PanelViews.State.EMPTY) {
          note = "No data in the last " + StatsDisplay.label(range) + ".";
        }
        if (view.problem() != null) {
          problem = view.problem();
          if (view.loadedAt() != null) {
            Duration age = view.age(now);
            oldest = oldest == null || age.compareTo(oldest) > 0 ? age : oldest;
          }
        }
        cards.add(new PanelCard(view.panel().id(), view.panel().title(), view.svg(), latest, note));
      }
      if (problem != null) {
        unavailable =
            "Metrics unavailable: "
                + problem.strip()
                + (oldest == null
                    ? ""
                    : (problem.strip().endsWith(".") ? " " : ". ")
                        + "The graphs show data from "
                        + StatsDisplay.age(oldest)
                        + " ago.");
      }
    }
    ObjectGraphs graphs =
        new ObjectGraphs(
            noun,
            found.name(),
            found.title(),
            path,
            hasPrefix ? found.prefix() : "",
            prefixProblem,
            range,
            StatsDisplay.ranges(path + "/graphs", "", range),
            found.alerts(),
            cards,
            hidden,
            unavailable);
    boolean onlyCards = fragment != null && !fragment.isBlank() && !"0".equals(fragment);
    return (onlyCards ? Templates.graphs$cards(graphs) : Templates.graphs(graphs)).render();
  }
}

package io.opsroom.stats;

import io.opsroom.inventory.Server;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fleet dashboards: one panel as small multiples across every active server ({@code
 * /dashboards/servers}, load by default) or every active application ({@code /dashboards/traffic},
 * requests by default) that has a Graphite prefix, sorted worst first, so one screen shows which of
 * sixty machines is in trouble. The whole dashboard is one batch of {@link PanelViews}: one
 * Graphite render call on a cold cache, none within the cache's time to live.
 */
@Path("/dashboards")
public class FleetDashboardPages {

  @Inject PanelViews panelViews;
  @Inject Panels panels;
  @Inject Clock clock;

  /**
   * One object's small multiple.
   *
   * @param name the object's name
   * @param path its page
   * @param value its worst newest value with the unit, or a dash
   * @param level {@code critical}, {@code warning}, {@code ok} or {@code none}, by the panel's
   *     lines
   * @param svg the drawing, or null when Graphite gave nothing to draw
   * @param note why there is no value, or blank
   */
  public record Cell(
      String name, String path, String value, String level, String svg, String note) {}

  /** A tab of the dashboard: one panel of the scope. */
  public record Tab(String id, String title, String href, boolean current) {}

  /**
   * The whole dashboard.
   *
   * @param kind {@code servers} or {@code traffic}, as in the URL
   * @param heading the page's title
   * @param noun what the cells are: servers, applications
   * @param panel the panel shown
   * @param range the range shown
   * @param tabs a tab per panel of the scope
   * @param ranges the range switch
   * @param cells the objects with the metric, worst first
   * @param missing the names of the objects without the metric (or with an unusable prefix)
   * @param unavailable a note when Graphite could not be read, with the data's age
   */
  public record Dashboard(
      String kind,
      String heading,
      String noun,
      Panel panel,
      StatsRange range,
      List<Tab> tabs,
      List<StatsDisplay.RangeLink> ranges,
      List<Cell> cells,
      List<String> missing,
      String unavailable) {

    public String rangeLabel() {
      return StatsDisplay.label(range);
    }

    /** The order the cells are in, in words. */
    public String order() {
      return panel.worst() == Panel.Worst.HIGH
          ? "highest value first"
          : "lowest value first (low is bad for this panel)";
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance dashboard(Dashboard dashboard);
  }

  // No @Produces, as on the graphs pages: errors answer JSON to callers that ask for it.
  @GET
  @Path("servers")
  public Response servers(@QueryParam("panel") String panel, @QueryParam("range") String range) {
    return ObjectGraphPages.html(
        dashboard(Panel.Scope.SERVERS, "servers", "Servers", "servers", "load", panel, range));
  }

  @GET
  @Path("traffic")
  public Response traffic(@QueryParam("panel") String panel, @QueryParam("range") String range) {
    return ObjectGraphPages.html(
        dashboard(
            Panel.Scope.APPLICATIONS,
            "traffic",
            "Traffic",
            "applications",
            "requests",
            panel,
            range));
  }

  private String dashboard(
      Panel.Scope scope,
      String kind,
      String heading,
      String noun,
      String defaultPanel,
      String panelId,
      String rangeWord) {
    StatsRange range = StatsRange.parse(rangeWord);
    List<Panel> all = panels.of(scope);
    Panel panel;
    if (panelId == null || panelId.isBlank()) {
      // A replaced panel file may not have the default panel: then its first panel is shown.
      panel = panels.find(scope, defaultPanel).orElseGet(() -> all.isEmpty() ? null : all.get(0));
      if (panel == null) {
        throw new NotFoundException("The panel set has no " + noun + " panels");
      }
    } else {
      panel =
          panels
              .find(scope, panelId.strip())
              .orElseThrow(() -> new NotFoundException("No " + noun + " panel " + panelId));
    }
    List<PanelViews.Subject> subjects =
        QuarkusTransaction.requiringNew().call(() -> subjects(scope));
    List<PanelViews.View> views =
        panelViews.views(subjects, List.of(panel), range, PanelViews.Size.SMALL, false);

    List<PanelViews.View> shown = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    Instant now = clock.instant();
    String problem = null;
    Duration oldest = null;
    for (PanelViews.View view : views) {
      if (StatsDisplay.hidden(view)) {
        missing.add(view.subject().name());
        continue;
      }
      shown.add(view);
      if (view.problem() != null) {
        problem = view.problem();
        if (view.loadedAt() != null) {
          Duration age = view.age(now);
          oldest = oldest == null || age.compareTo(oldest) > 0 ? age : oldest;
        }
      }
    }
    List<Cell> cells = new ArrayList<>();
    for (PanelViews.View view : worstFirst(shown)) {
      Double worst = view.worstValue();
      String note =
          view.state() == PanelViews.State.UNAVAILABLE
              ? "metrics unavailable"
              : worst == null ? "no data" : "";
      cells.add(
          new Cell(
              view.subject().name(),
              "/" + scope.path() + "/" + view.subject().name(),
              StatsDisplay.value(worst, panel.unit()),
              StatsDisplay.level(panel, worst),
              view.svg(),
              note));
    }
    String unavailable =
        problem == null
            ? null
            : "Metrics unavailable: "
                + problem.strip()
                + (oldest == null
                    ? ""
                    : " The graphs show data from " + StatsDisplay.age(oldest) + " ago.");
    String base = "/dashboards/" + kind;
    List<Tab> tabs = new ArrayList<>();
    for (Panel p : all) {
      tabs.add(
          new Tab(
              p.id(),
              p.title(),
              base + "?panel=" + encode(p.id()) + "&range=" + range.word(),
              p.id().equals(panel.id())));
    }
    Dashboard dashboard =
        new Dashboard(
            kind,
            heading,
            noun,
            panel,
            range,
            tabs,
            StatsDisplay.ranges(base, "panel=" + encode(panel.id()), range),
            cells,
            missing,
            unavailable);
    return Templates.dashboard(dashboard).render();
  }

  /**
   * The views sorted worst first by {@link PanelViews.View#worstValue()}: largest first for panels
   * whose high values are bad, smallest first for the others; views without a value last; ties by
   * name.
   */
  static List<PanelViews.View> worstFirst(List<PanelViews.View> views) {
    Comparator<PanelViews.View> byValue =
        (a, b) -> {
          Double x = a.worstValue();
          Double y = b.worstValue();
          if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
          }
          int order = Double.compare(x, y);
          return a.panel().worst() == Panel.Worst.HIGH ? -order : order;
        };
    return views.stream().sorted(byValue.thenComparing(v -> v.subject().name())).toList();
  }

  /**
   * The active objects of the scope that have a Graphite prefix, by name: names and prefixes only,
   * in one query, however many there are.
   */
  private static List<PanelViews.Subject> subjects(Panel.Scope scope) {
    String entity = scope == Panel.Scope.SERVERS ? "Server" : "Application";
    List<PanelViews.Subject> subjects = new ArrayList<>();
    Server.getEntityManager()
        .createQuery(
            "select o.name, o.graphitePrefix from "
                + entity
                + " o where o.status = 'active' and o.graphitePrefix is not null"
                + " and o.graphitePrefix <> '' order by o.name",
            Object[].class)
        .getResultList()
        .forEach(
            row -> subjects.add(new PanelViews.Subject(scope, (String) row[0], (String) row[1])));
    return subjects;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

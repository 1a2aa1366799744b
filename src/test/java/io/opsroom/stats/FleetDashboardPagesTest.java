package io.opsroom.stats;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet dashboards against a Graphite double: worst first, levels from the panel's lines, the
 * objects without the metric counted and named, and the cost in Graphite requests of a whole
 * dashboard: one on a cold cache, none within the cache's time to live.
 */
@QuarkusTest
@TestProfile(StatsGraphiteResource.Profile.class)
class FleetDashboardPagesTest {

  @Inject PanelViews panelViews;
  @Inject MutableClock clock;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  /** Servers with these loads (null: no load metric), named so that their order is known. */
  static List<String> servers(String tag, Double... loads) {
    List<String> names = new ArrayList<>();
    for (Double load : loads) {
      String name = unique(tag);
      String prefix = "servers." + name;
      if (load != null) {
        StatsGraphiteResource.set(prefix + ".load.load.shortterm", load);
        StatsGraphiteResource.set(prefix + ".df.root.percent_bytes.used", 100 - load * 10);
      }
      asAdmin()
          .body(Map.of("name", name, "graphitePrefix", prefix))
          .post("/api/servers")
          .then()
          .statusCode(201);
      names.add(name);
    }
    return names;
  }

  static String page(String path) {
    return given().accept("text/html").get(path).then().statusCode(200).extract().asString();
  }

  /** The objects of the dashboard in the order shown, only those in {@code mine}. */
  static List<String> order(String html, List<String> mine) {
    return Html.values(html, "data-object").stream().filter(mine::contains).toList();
  }

  @Test
  void theServersDashboardShowsLoadWorstFirstWithLevelsAndNamesTheServersWithoutIt() {
    List<String> names = servers("fleet", 0.5, 9.0, null, 5.0, 2.0);
    String calm = names.get(0);
    String critical = names.get(1);
    String missing = names.get(2);
    String warning = names.get(3);

    String html = page("/dashboards/servers");

    assertEquals(
        List.of(critical, warning, names.get(4), calm), order(html, names), "highest load first");
    String cell = Html.element(html, "data-object=\"" + critical + "\"", "</li>");
    assertTrue(cell.contains("data-level=\"critical\""), cell);
    assertTrue(cell.contains("<a href=\"/servers/" + critical + "\""), cell);
    assertTrue(cell.contains("class=\"fleet-value\">9<"), cell);
    assertTrue(cell.contains("class=\"chart\""), "a small graph: " + cell);
    assertTrue(cell.contains("viewBox='0 0 320 130'"), cell);
    assertTrue(
        Html.element(html, "data-object=\"" + warning + "\"", "</li>")
            .contains("data-level=\"warning\""));
    assertTrue(
        Html.element(html, "data-object=\"" + calm + "\"", "</li>").contains("data-level=\"ok\""));
    assertTrue(
        Html.element(html, "data-fleet-missing", "</details>").contains(">" + missing + "</a>"));
    assertTrue(
        Html.text(Html.element(html, "data-fleet-count", "</div>")).contains("servers shown"));
    assertTrue(html.contains("data-panel-tab=\"load\" aria-current=\"page\""), "load by default");
    assertTrue(html.contains("href=\"/dashboards/servers\" aria-current=\"page\">Dashboards<"));
  }

  @Test
  void anotherPanelAndRangeAreChosenByTheQuery() {
    List<String> names = servers("fleetlow", 4.0, 1.0, 2.0);
    String request = "/dashboards/servers?panel=disk&range=7d";

    String html = page(request);

    // Disk used is 100 - 10 × load: the highest use first.
    assertEquals(List.of(names.get(1), names.get(2), names.get(0)), order(html, names));
    assertTrue(html.contains("aria-current=\"page\">7 d<"), "the range asked");
  }

  @Test
  void aWholeDashboardIsOneGraphiteRequestAndNoneWithinTheCacheTtl() {
    servers("fleetcount", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, null);
    panelViews.clear();
    StatsGraphiteResource.resetRequests();

    String first = page("/dashboards/servers?range=4w");
    int cold = StatsGraphiteResource.renderRequests();
    clock.advance(Duration.ofSeconds(30));
    String second = page("/dashboards/servers?range=4w");
    int warm = StatsGraphiteResource.renderRequests() - cold;

    assertEquals(1, cold, "one render request for every server on the dashboard");
    assertEquals(0, warm, "and none again within the cache's time to live");
    assertTrue(Html.values(first, "data-object").size() >= 11);
    assertEquals(Html.values(first, "data-object"), Html.values(second, "data-object"));
  }

  @Test
  void theTrafficDashboardShowsApplicationsAndOffersEveryApplicationPanel() {
    String quiet = unique("fleetapp");
    String busy = unique("fleetapp");
    for (String app : List.of(quiet, busy)) {
      StatsGraphiteResource.set("apps." + app + ".*.status.all", app.equals(busy) ? 5000.0 : 10.0);
      asAdmin()
          .body(Map.of("name", app, "graphitePrefix", "apps." + app))
          .post("/api/applications")
          .then()
          .statusCode(201);
    }

    String html = page("/dashboards/traffic");

    // Requests per minute: few requests is the bad end.
    assertEquals(List.of(quiet, busy), order(html, List.of(quiet, busy)));
    assertEquals(
        List.of("requests", "response-time", "errors", "not-found", "smoke"),
        Html.values(html, "data-panel-tab"));
    assertTrue(html.contains("<a href=\"/applications/" + busy + "\""));
  }

  @Test
  void anUnknownPanelIs404AndABadRangeIs400() {
    given().accept("text/html").get("/dashboards/servers?panel=nope").then().statusCode(404);
    given().accept("text/html").get("/dashboards/traffic?panel=load").then().statusCode(404);
    given()
        .accept("application/json")
        .get("/dashboards/servers?range=90m")
        .then()
        .statusCode(400)
        .contentType("application/json");
  }
}

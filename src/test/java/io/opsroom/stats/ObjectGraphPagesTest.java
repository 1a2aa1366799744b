package io.opsroom.stats;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.alerting.AlertEvaluator;
import io.opsroom.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The graphs and alerts of a server and an application, as their own page and as the fragment the
 * object page loads, against a Graphite double that knows some metrics and not others.
 */
@QuarkusTest
@TestProfile(StatsGraphiteResource.Profile.class)
class ObjectGraphPagesTest {

  @Inject PanelViews panelViews;
  @Inject AlertEvaluator evaluator;
  @Inject MutableClock clock;

  @AfterEach
  void realTime() {
    clock.reset();
    StatsGraphiteResource.failing = false;
  }

  /** A server whose prefix has load and memory but none of the other metrics. */
  static String serverWithLoadAndMemory(double load) {
    String name = unique("stats");
    String prefix = "servers." + name;
    StatsGraphiteResource.set(prefix + ".load.load.shortterm", load);
    StatsGraphiteResource.set(prefix + ".memory.percent.used", 61.5);
    asAdmin()
        .body(Map.of("name", name, "graphitePrefix", prefix))
        .post("/api/servers")
        .then()
        .statusCode(201);
    return name;
  }

  static String page(String path) {
    return given().accept("text/html").get(path).then().statusCode(200).extract().asString();
  }

  @Test
  void theFragmentDrawsThePanelsWithMetricsAndNamesTheOthersInOneNote() {
    String name = serverWithLoadAndMemory(2.5);

    String fragment = page("/servers/" + name + "/graphs?fragment=1");

    assertFalse(fragment.contains("class=\"topbar\""), "a fragment, not a page");
    String load = Html.element(fragment, "data-panel=\"load\"", "</figure>");
    assertTrue(load.contains("<svg width=\"100%\" class=\"chart\""), "drawn inline: " + load);
    assertTrue(
        load.contains("aria-label=\"Load average · 24h: load, "), "the load series: " + load);
    assertTrue(load.contains("<path d='M"), "a plotted line");
    assertTrue(Html.text(load).contains("Latest 2.5"), Html.text(load));
    assertTrue(
        Html.element(fragment, "data-panel=\"memory\"", "</figure>").contains("class=\"chart\""));
    assertEquals(
        List.of("load", "memory"), Html.values(fragment, "data-panel"), "only panels with metrics");
    String note = Html.text(Html.element(fragment, "data-hidden-panels", "</p>"));
    assertTrue(note.startsWith("Not shown: CPU busy — no metric"), note);
    assertTrue(note.contains("Swap used — no metric (Needs collectd's swap plugin"), note);
    assertTrue(note.contains("Network — no metric"), note);
    assertEquals(List.of("24h", "7d", "4w", "1y"), Html.values(fragment, "data-stats-range"));
    assertTrue(fragment.contains("data-stats-range=\"24h\" aria-current=\"page\">24 h<"));
    assertTrue(
        Html.text(Html.element(fragment, "data-object-alerts", "</section>"))
            .contains("No alerts watch this server"));
  }

  @Test
  void theFullPageHasTheLayoutAndTheSameCardsForTheAskedRange() {
    String name = serverWithLoadAndMemory(1.0);

    String page = page("/servers/" + name + "/graphs?range=7d");

    assertTrue(page.contains("class=\"topbar\""), "the whole page");
    assertTrue(page.contains("<a href=\"/servers\" aria-current=\"page\">Servers</a>"));
    assertTrue(page.contains("data-stats-range=\"7d\" aria-current=\"page\">7 d<"));
    assertTrue(
        Html.element(page, "data-panel=\"load\"", "</figure>").contains("Load average · 7d"));
    assertTrue(
        page.contains("href=\"/servers/" + name + "/graphs?range=4w\" data-stats-range=\"4w\""));
  }

  @Test
  void theServersAlertsAreListedWorstFirstWithTheirState() {
    asAdmin()
        .body(
            Map.of(
                "name",
                StatsGraphiteResource.ALERTED_SERVER,
                "graphitePrefix",
                "servers." + StatsGraphiteResource.ALERTED_SERVER))
        .post("/api/servers");
    StatsGraphiteResource.set(StatsGraphiteResource.ALERT_TARGET, 9.0);
    StatsGraphiteResource.set("test.stats.quiet", 1.0);
    clock.advance(Duration.ofSeconds(60));
    evaluator.evaluate();
    clock.advance(Duration.ofSeconds(60));
    evaluator.evaluate();

    String fragment =
        page("/servers/" + StatsGraphiteResource.ALERTED_SERVER + "/graphs?fragment=1");

    String alerts = Html.element(fragment, "data-object-alerts", "</section>");
    assertEquals(
        List.of("stats-alerted-load", "stats-alerted-quiet"), Html.values(alerts, "data-alert-id"));
    assertEquals(List.of("CRITICAL", "OK"), Html.values(alerts, "data-level"));
    String worst = Html.element(alerts, "data-alert-id=\"stats-alerted-load\"", "</li>");
    assertTrue(worst.contains("<a href=\"/alerts/stats-alerted-load\">"), worst);
    assertTrue(worst.contains("level-badge level-critical\">CRITICAL</span>"), worst);
    assertTrue(Html.text(worst).contains("since "), worst);
    assertTrue(Html.text(worst).contains("value 9"), worst);
    assertTrue(Html.text(alerts).contains("1 not OK"), alerts);
  }

  @Test
  void anApplicationShowsItsPanelsAndAnObjectWithoutPrefixSaysWhereToSetIt() {
    String app = unique("statsapp");
    String prefix = "apps." + app;
    StatsGraphiteResource.set(prefix + ".*.status.all", 300.0);
    asAdmin()
        .body(Map.of("name", app, "graphitePrefix", prefix))
        .post("/api/applications")
        .then()
        .statusCode(201);
    String bare = unique("statsbare");
    asAdmin().body(Map.of("name", bare)).post("/api/servers").then().statusCode(201);

    String graphs = page("/applications/" + app + "/graphs?fragment=1");
    String none = page("/servers/" + bare + "/graphs?fragment=1");

    assertTrue(
        Html.element(graphs, "data-panel=\"requests\"", "</figure>").contains("class=\"chart\""),
        graphs);
    assertTrue(Html.text(graphs).contains("No alerts watch this application"));
    assertTrue(
        Html.text(Html.element(graphs, "data-hidden-panels", "</p>"))
            .contains("Response time — no metric"));
    assertTrue(Html.values(none, "data-panel").isEmpty());
    assertTrue(
        Html.text(Html.element(none, "data-no-prefix", "</p>")).contains("has no Graphite prefix"));
  }

  @Test
  void anEventTaggedWithTheServerIsAMarkerOnItsGraphs() {
    String name = serverWithLoadAndMemory(3.0);
    asAdmin()
        .body(
            Map.of(
                "title",
                "deploy stats marker",
                "tags",
                List.of("deploy", "server=" + name),
                "time",
                clock.instant().minus(Duration.ofHours(2)).toString()))
        .post("/api/events")
        .then()
        .statusCode(201);
    panelViews.clear();

    String fragment = page("/servers/" + name + "/graphs?fragment=1");

    String load = Html.element(fragment, "data-panel=\"load\"", "</figure>");
    assertTrue(load.contains("class=\"event-marker\""), load);
    assertTrue(load.contains("<title>deploy stats marker · "), load);
  }

  @Test
  void aRangeOutsideTheAllowedOnesIs400AsAPageOrAsJson() {
    String name = serverWithLoadAndMemory(1.0);

    String html =
        given()
            .accept("text/html")
            .get("/servers/" + name + "/graphs?range=2d")
            .then()
            .statusCode(400)
            .contentType("text/html")
            .extract()
            .asString();
    Response json =
        given().accept("application/json").get("/applications/any/graphs?range=forever");

    assertTrue(html.contains("24h, 7d, 4w or 1y"), html);
    assertEquals(400, json.statusCode());
    assertEquals("Choose a range of 24h, 7d, 4w or 1y.", json.jsonPath().getString("fields.range"));
  }

  @Test
  void anUnknownServerOrApplicationIs404() {
    given().accept("text/html").get("/servers/no-such-server-x/graphs").then().statusCode(404);
    given()
        .accept("application/json")
        .get("/applications/no-such-app-x/graphs?fragment=1")
        .then()
        .statusCode(404)
        .contentType("application/json");
  }

  @Test
  void theObjectPageLoadsTheCardsInsteadOfWaitingForGraphite() {
    String name = serverWithLoadAndMemory(1.0);
    StatsGraphiteResource.resetRequests();
    panelViews.clear();

    String page = page("/servers/" + name);

    String place = Html.element(page, "data-load=", "</div>");
    assertTrue(place.contains(" data-load=\"/servers/" + name + "/graphs?fragment=1\""), place);
    assertTrue(place.contains("id=\"alerts\""), "the Alerts card keeps its place");
    assertTrue(place.contains("id=\"graphs\""), "and the Graphs card");
    assertTrue(place.contains("href=\"/servers/" + name + "/graphs\""), "a link without script");
    assertEquals(0, StatsGraphiteResource.renderRequests(), "the page asks Graphite nothing");
    assertFalse(page.contains("class=\"chart\""), "and draws nothing");
  }

  @Test
  void whenGraphiteIsDownTheLastDataIsShownWithItsAgeOrMetricsUnavailable() {
    String name = serverWithLoadAndMemory(2.0);
    String never = serverWithLoadAndMemory(1.0);
    panelViews.clear();
    page("/servers/" + name + "/graphs?fragment=1");
    StatsGraphiteResource.failing = true;
    clock.advance(Duration.ofMinutes(5));

    String stale = page("/servers/" + name + "/graphs?fragment=1");
    String none = page("/servers/" + never + "/graphs?fragment=1");

    String note = Html.text(Html.element(stale, "data-metrics-unavailable", "</p>"));
    assertTrue(note.startsWith("Metrics unavailable: "), note);
    assertTrue(note.endsWith("The graphs show data from 5 min ago."), note);
    assertTrue(
        Html.element(stale, "data-panel=\"load\"", "</figure>").contains("class=\"chart\""),
        "the older graph is still drawn");
    assertTrue(
        Html.text(Html.element(none, "data-metrics-unavailable", "</p>"))
            .startsWith("Metrics unavailable"));
    assertTrue(Html.text(none).contains("Metrics unavailable."), "per panel: " + none);
  }
}

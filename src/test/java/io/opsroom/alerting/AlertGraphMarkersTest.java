package io.opsroom.alerting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.events.Event;
import io.opsroom.events.EventInput;
import io.opsroom.events.EventService;
import io.opsroom.events.EventSource;
import io.opsroom.testing.Api;
import io.opsroom.testing.MutableClock;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The events of an alert's application and server are markers on its graphs, on the page and in the
 * emails' PNG; the page offers "add event at this time".
 */
@QuarkusTest
@TestProfile(CannedGraphiteResource.Profile.class)
class AlertGraphMarkersTest {

  @Inject AlertGraphs graphs;
  @Inject AlertRegistry registry;
  @Inject EventService events;
  @Inject MutableClock clock;

  AlertDefinition shop;

  @BeforeEach
  void shopHasData() {
    CannedGraphiteResource.set("test.ev.shop", 1.0);
    shop = registry.definition("ev-shop").orElseThrow();
  }

  Event event(Instant at, String title, String... tags) {
    return events.create(
        new EventInput(at, null, title, null, List.of(tags)), "ada", EventSource.API);
  }

  @Test
  void theGraphMarksTheEventsOfItsApplicationAndServerOnly() {
    Instant now = clock.instant();
    String deploy = Api.unique("Deploy shop");
    String outage = Api.unique("Database outage");
    String unrelated = Api.unique("Deploy elsewhere");
    String old = Api.unique("Deploy long ago");
    Event deployed = event(now.minus(Duration.ofMinutes(20)), deploy, "deploy", "app=shop");
    Event outaged =
        event(now.minus(Duration.ofMinutes(40)), outage, "outage=db-1", "start", "server=web_01");
    event(now.minus(Duration.ofMinutes(30)), unrelated, "deploy", "app=other");
    event(now.minus(Duration.ofHours(3)), old, "deploy", "app=shop");
    // The alert's own transition events are its line crossing the thresholds: no marker.
    String transition =
        events.create(
                new EventInput(
                    now.minus(Duration.ofMinutes(10)),
                    null,
                    Api.unique("Shop errors: OK → CRITICAL"),
                    null,
                    List.of("alert", "alert=ev-shop", "app=shop")),
                "opsroom",
                EventSource.ALERT)
            .title;

    AlertGraphs.Graph graph = graphs.svg(shop, "-1h");

    assertNull(graph.problem());
    String svg = graph.svg();
    assertTrue(svg.contains("<title>" + deploy + " · "), "the deploy's title on hover");
    assertTrue(svg.contains("data-event-id=\"" + deployed.id + "\" data-kind=\"deploy\""), svg);
    assertTrue(svg.contains("<a href=\"/events/" + deployed.id + "\">"), "linked to the event");
    assertTrue(svg.contains("data-event-id=\"" + outaged.id + "\" data-kind=\"outage\""));
    assertFalse(svg.contains(unrelated), "another application's deploy");
    assertFalse(svg.contains(old), "before the range");
    assertFalse(svg.contains(transition), "the alert's own transition");
  }

  @Test
  void anAlertWithoutApplicationOrServerHasNoMarkers() {
    event(clock.instant().minus(Duration.ofMinutes(5)), Api.unique("Deploy"), "deploy", "app=shop");
    CannedGraphiteResource.set("test.ev.fail", 1.0);
    AlertDefinition plain = registry.definition("ev-fail").orElseThrow();

    String svg = graphs.svg(plain, "-1h").svg();

    assertNotNull(svg);
    assertFalse(svg.contains("event-marker"));
  }

  @Test
  void theEmailsPngIsStillDrawnWithMarkers() throws Exception {
    event(clock.instant().minus(Duration.ofHours(2)), Api.unique("Deploy"), "deploy", "app=shop");
    CannedGraphiteResource.set("test.ev.odd", 1.0);

    var pngs = graphs.lastDayPng(List.of(shop, registry.definition("ev-odd").orElseThrow()));

    assertEquals(List.of("ev-shop", "ev-odd"), List.copyOf(pngs.keySet()));
    var image = ImageIO.read(new ByteArrayInputStream(pngs.get("ev-shop")));
    assertEquals(680, image.getWidth());
    given().get("/alerts/ev-shop/graph.png").then().statusCode(200).contentType("image/png");
  }

  @Test
  void editorsGetAddEventUnderTheGraphAndViewersDoNot() {
    Event deployed =
        event(
            clock.instant().minus(Duration.ofMinutes(15)),
            Api.unique("Deploy"),
            "deploy",
            "app=shop");
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);

    String html = editor.get("/alerts/ev-shop").then().statusCode(200).extract().asString();

    String url = "/events/new?tags=app%3Dshop+server%3Dweb_01";
    assertTrue(html.contains("data-add-event=\"" + url + "\""), "the click handler's base");
    assertTrue(html.contains("<a href=\"" + url + "\" data-add-event-link>Add event</a>"));
    Matcher plot =
        Pattern.compile("data-plot-left=\"([0-9.]+)\" data-plot-right=\"([0-9.]+)\"").matcher(html);
    assertTrue(plot.find(), "the plot's place for the click handler");
    assertTrue(html.contains("data-event-id=\"" + deployed.id + "\""), "the marker on the page");

    given()
        .get("/alerts/ev-shop")
        .then()
        .statusCode(200)
        .body(containsString("class=\"event-marker\""))
        .body(not(containsString("data-add-event")));
  }
}

package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Locator;
import io.opsroom.events.Event;
import io.opsroom.events.EventInput;
import io.opsroom.events.EventService;
import io.opsroom.events.EventSource;
import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.opsroom.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * In a browser: a deploy is a marker on the alert's graph, and a click on the graph adds an event.
 */
@QuarkusTest
@TestProfile(CannedGraphiteResource.Profile.class)
class AlertGraphBrowserTest extends BrowserTest {

  @Inject EventService events;
  @Inject MutableClock clock;

  @Test
  void aDeployIsAMarkerAndAClickOpensTheEventFormAtThatTime() {
    CannedGraphiteResource.set("test.ev.shop", 3.0);
    String title = Api.unique("Deploy shop 4.2");
    Event deploy =
        events.create(
            new EventInput(
                clock.instant().minus(Duration.ofMinutes(25)),
                null,
                title,
                null,
                List.of("deploy", "app=shop")),
            "ada",
            EventSource.API);
    logIn(Api.newUser("editor"), Api.PASSWORD);

    page.navigate(url("/alerts/ev-shop"));
    Locator marker = page.locator(".graph .event-marker[data-event-id=\"" + deploy.id + "\"]");
    assertEquals(1, marker.count());
    assertTrue(marker.locator("title").textContent().startsWith(title + " · "));
    screenshot("alert-graph-markers");

    // A click half way along the plot: the form opens at the middle of the graph's hour.
    Locator svg = page.locator(".graph svg.chart").first();
    Map<String, Double> plot =
        Map.of(
            "left", Double.parseDouble(svg.getAttribute("data-plot-left")),
            "right", Double.parseDouble(svg.getAttribute("data-plot-right")),
            "top", Double.parseDouble(svg.getAttribute("data-plot-top")),
            "bottom", Double.parseDouble(svg.getAttribute("data-plot-bottom")));
    long from = Long.parseLong(svg.getAttribute("data-from"));
    long until = Long.parseLong(svg.getAttribute("data-until"));
    var box = svg.boundingBox();
    double scale = box.width / 900;
    double x = (plot.get("left") + (plot.get("right") - plot.get("left")) * 0.5) * scale;
    double y = (plot.get("top") + plot.get("bottom")) / 2 * scale;
    svg.click(new Locator.ClickOptions().setPosition(x, y));
    page.waitForURL(u -> u.contains("/events/new"));

    URI opened = URI.create(page.url());
    assertTrue(opened.getRawQuery().startsWith("tags=app%3Dshop+server%3Dweb_01&at="), page.url());
    Matcher at = Pattern.compile("at=(\\d+)").matcher(opened.getRawQuery());
    assertTrue(at.find());
    long middle = (from + until) / 2;
    assertTrue(
        Math.abs(Long.parseLong(at.group(1)) - middle) <= 30,
        at.group(1) + " is not near " + middle);
  }

  @Test
  void thePageOnAPhone() {
    CannedGraphiteResource.set("test.ev.shop", 3.0);
    events.create(
        new EventInput(
            clock.instant().minus(Duration.ofMinutes(10)),
            null,
            Api.unique("Config push"),
            null,
            List.of("config", "server=web_01")),
        "ada",
        EventSource.API);
    logIn(Api.newUser("editor"), Api.PASSWORD);
    phoneSize();
    page.navigate(url("/alerts/ev-shop"));
    ElementHandle link = page.querySelector("[data-add-event-link]");
    assertTrue(link.isVisible());
    screenshot("alert-graph-markers-phone");
  }
}

package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The changelog's round trip in a browser, as an on-call person makes it: from a click on an
 * alert's graph to the event form at that moment, the event found again by a phrase, and then drawn
 * as a marker on the same graph.
 */
@QuarkusTest
@TestProfile(CannedGraphiteResource.Profile.class)
class ChangelogBrowserTest extends BrowserTest {

  @Test
  void anEventAddedFromTheFormIsFoundByAPhraseAndMarkedOnTheAlertGraph() {
    CannedGraphiteResource.set("test.ev.shop", 3.0);
    String word = Api.unique("rollout").replace("-", "");
    logIn(Api.newUser("editor"), Api.PASSWORD);

    // A click on the plot, away from the markers other tests left, opens the form at that time,
    // tagged with the alert's application and server.
    page.navigate(url("/alerts/ev-shop"));
    Locator svg = page.locator(".graph svg.chart").first();
    double left = Double.parseDouble(svg.getAttribute("data-plot-left"));
    double right = Double.parseDouble(svg.getAttribute("data-plot-right"));
    double top = Double.parseDouble(svg.getAttribute("data-plot-top"));
    double bottom = Double.parseDouble(svg.getAttribute("data-plot-bottom"));
    double scale = svg.boundingBox().width / 900;
    double at = freeSpot(svg);
    svg.click(
        new Locator.ClickOptions()
            .setPosition((left + (right - left) * at) * scale, (top + bottom) / 2 * scale));
    page.waitForURL(u -> u.contains("/events/new"));
    assertEquals("app=shop server=web_01", page.inputValue("#tags"));
    assertTrue(!page.inputValue("#time").isBlank());

    page.fill("#title", "Canary rollout of the payment form " + word);
    page.fill("#body", "Rolled out to 10 % of the shop's traffic.");
    page.click("[data-add-tag=deploy]");
    page.click("button[type=submit].primary");
    page.waitForURL(u -> u.matches(".*/events/\\d+$"));
    String eventId = page.url().replaceAll(".*/events/(\\d+)$", "$1");

    // The phrase finds it; the same words in another order do not.
    page.navigate(
        url("/events?q=" + URLEncoder.encode("\"payment form\" " + word, StandardCharsets.UTF_8)));
    assertEquals(1, page.locator(".event-row").count());
    assertTrue(page.locator(".event-row .event-title mark").count() >= 2);
    screenshot("changelog-phrase-search");
    page.navigate(
        url("/events?q=" + URLEncoder.encode("\"form payment\" " + word, StandardCharsets.UTF_8)));
    assertEquals(0, page.locator(".event-row").count());

    // Back on the alert page, the graph marks the event, its title on hover.
    page.navigate(url("/alerts/ev-shop"));
    Locator marker = page.locator(".graph .event-marker[data-event-id=\"" + eventId + "\"]");
    assertEquals(1, marker.count());
    assertTrue(
        marker.locator("title").textContent().startsWith("Canary rollout of the payment form"));
    screenshot("changelog-marker-on-alert-graph");
  }

  /**
   * A fraction of the plot's width with no marker near it: a click on a marker follows the marker's
   * link instead of adding an event, and other tests of this profile leave deploys of the same
   * application on the graph.
   */
  private static double freeSpot(Locator svg) {
    long from = Long.parseLong(svg.getAttribute("data-from"));
    long until = Long.parseLong(svg.getAttribute("data-until"));
    java.util.List<Long> markers =
        svg.locator(".event-marker").all().stream()
            .map(m -> Long.parseLong(m.getAttribute("data-time")))
            .toList();
    for (int percent = 75; percent > 5; percent -= 2) {
      long time = from + (until - from) * percent / 100;
      if (markers.stream().allMatch(t -> Math.abs(t - time) > (until - from) / 40)) {
        return percent / 100.0;
      }
    }
    throw new AssertionError("No free spot between the markers at " + markers);
  }
}

package io.opsroom.stats;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.opsroom.testing.BrowserTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The graphs in Chromium: a server page fills its Alerts and Graphs places after it is shown, its
 * range switch reloads them in place, and the servers dashboard lays sixty servers out worst first.
 * Screenshots of both, desktop and phone, land in {@code target/screenshots/stats-*}.
 */
@QuarkusTest
@TestProfile(StatsGraphiteResource.Profile.class)
class StatsBrowserTest extends BrowserTest {

  /** A server with most of the collectd metrics (not swap, not inodes) at these values. */
  static String server(String tag, double load) {
    String name = unique(tag);
    String prefix = "servers." + name;
    StatsGraphiteResource.set(prefix + ".load.load.shortterm", load);
    StatsGraphiteResource.set(prefix + ".cpu.percent.idle", Math.min(99, 10 + load * 8));
    StatsGraphiteResource.set(prefix + ".memory.percent.used", 40 + load * 5);
    StatsGraphiteResource.set(prefix + ".df.root.percent_bytes.used", 50 + load * 4);
    StatsGraphiteResource.set(prefix + ".interface.*.if_octets.rx", 250_000 * load);
    asAdmin()
        .body(
            Map.of(
                "name",
                name,
                "graphitePrefix",
                prefix,
                "primaryFunction",
                "web server",
                "os",
                "Debian 12"))
        .post("/api/servers")
        .then()
        .statusCode(201);
    return name;
  }

  @Test
  void aServerPageLoadsItsGraphsAndSwitchesRangeInPlace() {
    String name = server("web", 5.2);
    asAdmin()
        .body(
            Map.of(
                "title",
                "deploy shop 4.2",
                "tags",
                List.of("deploy", "server=" + name),
                "time",
                java.time.Instant.now().minusSeconds(5 * 3600).toString()))
        .post("/api/events")
        .then()
        .statusCode(201);

    page.navigate(url("/servers/" + name));
    page.waitForSelector("[data-load] figure[data-panel=load] svg.chart");
    page.evaluate("window.__sameDocument = true");

    assertTrue(page.locator("[data-load] #alerts").innerText().contains("No alerts watch"));
    assertEquals(5, page.locator("[data-load] figure[data-panel]").count());
    assertTrue(page.locator("[data-hidden-panels]").innerText().contains("Swap used"));
    assertTrue(page.locator("figure[data-panel=load] .event-marker").count() > 0, "the deploy");
    screenshot("stats-server-desktop");

    page.click("[data-load] a[data-stats-range='7d']");
    page.waitForSelector("[data-load] a[data-stats-range='7d'][aria-current=page]");
    assertTrue(
        page.locator("figure[data-panel=load] svg").getAttribute("aria-label").contains("· 7d"));
    assertTrue((Boolean) page.evaluate("window.__sameDocument === true"), "no page load");
    assertEquals(url("/servers/" + name), page.url(), "and no new address");

    page.navigate(url("/servers/" + name + "/graphs"));
    page.waitForSelector("figure[data-panel=load] svg.chart");
    screenshot("stats-graphs-page-desktop");

    page.navigate(url("/servers/" + name));
    page.waitForSelector("[data-load] figure[data-panel=load] svg.chart");
    phoneSize();
    screenshot("stats-server-phone");
  }

  @Test
  void sixtyServersFitTheDashboardWorstFirst() {
    for (int i = 0; i < 60; i++) {
      // A few in trouble, most calm, some without the metric at all.
      double load =
          i % 17 == 3 ? 9 + i % 4 : i % 11 == 5 ? 4.5 + (i % 3) * 0.5 : (i * 37 % 30) / 10.0;
      if (i % 20 == 7) {
        String name = unique("dark");
        asAdmin()
            .body(Map.of("name", name, "graphitePrefix", "servers." + name))
            .post("/api/servers")
            .then()
            .statusCode(201);
      } else {
        server("app", load);
      }
    }

    page.navigate(url("/dashboards/servers"));
    page.waitForSelector(".fleet-grid");
    Object levels =
        page.locator(".fleet-cell").evaluateAll("cells => cells.map(c => c.dataset.level)");
    assertEquals("critical", ((List<?>) levels).get(0), "the worst first");
    assertTrue(page.locator("[data-fleet-missing]").count() == 1);
    screenshot("stats-dashboard-desktop");

    page.setViewportSize(1920, 1080);
    page.navigate(url("/dashboards/servers"));
    page.waitForSelector(".fleet-grid");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("stats-dashboard-wall.png"))
            .setFullPage(false));

    phoneSize();
    page.navigate(url("/dashboards/servers?panel=disk"));
    page.waitForSelector(".fleet-grid");
    screenshot("stats-dashboard-phone");
  }
}

package io.opsroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.sun.net.httpserver.HttpServer;
import io.opsroom.alerting.Level;
import io.opsroom.testing.BrowserTest;
import io.opsroom.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * In a browser: the application's own page on another site (another port) frames the embed, which
 * shows its panels and alerts; and the embed alone on a desktop and on a small phone.
 */
@QuarkusTest
@TestProfile(EmbedGraphiteResource.Profile.class)
class EmbedBrowserTest extends BrowserTest {

  @Inject Panels panels;
  @Inject PanelViews panelViews;
  @Inject MutableClock clock;

  @Test
  void anotherSitesPageShowsTheEmbedInAFrame() throws Exception {
    EmbedFixtures.shop(panels);
    EmbedGraphiteResource.down(false);
    EmbedFixtures.level("emb-shop-errors", Level.CRITICAL, Instant.now().minusSeconds(300), 7.5);
    panelViews.clear();
    // The embed is addressed as localhost, the framing page as 127.0.0.1: two origins.
    String embed =
        url("/embed/applications/" + EmbedGraphiteResource.APP).replace("127.0.0.1", "localhost");
    String html =
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Web shop · /stats/</title>
        <style>body{font-family:sans-serif;margin:24px;background:#eef1f5}</style></head>
        <body><h1>Web shop statistics</h1><p>Our own page, with Opsroom's embed below.</p>
        <iframe src="%s" title="Web shop stats" width="100%%" height="760" style="border:0;background:#fff"></iframe>
        </body></html>
        """
            .formatted(embed);
    HttpServer site =
        HttpServer.create(
            new InetSocketAddress("127.0.0.1", EmbedGraphiteResource.otherSitePort()), 0);
    site.createContext(
        "/stats/",
        exchange -> {
          byte[] body = html.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    site.start();
    try {
      page.navigate("http://127.0.0.1:" + EmbedGraphiteResource.otherSitePort() + "/stats/");
      FrameLocator frame = page.frameLocator("iframe");
      Locator requests = frame.locator("figure[data-panel=requests]");
      requests.waitFor();
      assertTrue(requests.textContent().contains("Requests per minute"));
      assertTrue(
          frame
              .locator("figure[data-panel=response-time]")
              .textContent()
              .contains("Response time"));
      assertEquals(3, frame.locator("figure").count());
      assertTrue(frame.locator("#alerts").textContent().contains("Shop 5xx"));
      screenshot("embed-in-another-site");
    } finally {
      site.stop(0);
      EmbedFixtures.level("emb-shop-errors", Level.OK, Instant.now(), 0.1);
    }
  }

  @Test
  void theEmbedAloneOnADesktopAndOnASmallPhone() {
    EmbedFixtures.shop(panels);
    EmbedGraphiteResource.down(false);
    page.setViewportSize(1000, 800);
    page.navigate(url("/embed/applications/" + EmbedGraphiteResource.APP));
    page.locator("figure[data-panel=errors]").waitFor();
    screenshot("embed-desktop");
    page.setViewportSize(320, 640);
    page.reload();
    page.locator("figure[data-panel=errors]").waitFor();
    // Nothing sticks out sideways on a 320 px screen.
    Object width = page.evaluate("document.documentElement.scrollWidth");
    assertTrue(((Number) width).intValue() <= 320, "page is " + width + " px wide");
    screenshot("embed-phone");
  }

  @Test
  void whenGraphiteIsDownTheEmbedSaysSoAboveTheLastValues() {
    EmbedFixtures.shop(panels);
    clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    panelViews.clear();
    try {
      page.setViewportSize(1000, 800);
      page.navigate(url("/embed/applications/" + EmbedGraphiteResource.APP));
      EmbedGraphiteResource.down(true);
      clock.advance(Duration.ofMinutes(12));
      page.reload();
      Locator banner = page.locator("#unavailable");
      assertTrue(banner.textContent().contains("showing values from 12 minutes ago"));
      screenshot("embed-graphite-down");
    } finally {
      EmbedGraphiteResource.down(false);
      clock.reset();
      panelViews.clear();
    }
  }

  @Test
  void theApplicationPageOffersTheSnippet() {
    EmbedFixtures.shop(panels);
    page.navigate(url("/applications/" + EmbedGraphiteResource.APP));
    Locator section = page.locator("#embed");
    assertTrue(section.getAttribute("data-load").endsWith("/embed-snippet"));
    // What the page's loader does (opsroom.js), done here until it is there: the fragment
    // replaces the section's content.
    page.evaluate(
        "async () => { const s = document.querySelector('#embed');"
            + " s.innerHTML = await (await fetch(s.dataset.load)).text(); }");
    assertTrue(section.locator("pre.embed-code").first().textContent().contains("<iframe src="));
    section.scrollIntoViewIfNeeded();
    page.screenshot(
        new com.microsoft.playwright.Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("embed-snippet.png")));
    phoneSize();
    section.scrollIntoViewIfNeeded();
    page.screenshot(
        new com.microsoft.playwright.Page.ScreenshotOptions()
            .setPath(SCREENSHOTS.resolve("embed-snippet-phone.png")));
  }
}

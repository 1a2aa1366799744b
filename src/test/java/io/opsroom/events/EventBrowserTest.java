package io.opsroom.events;

import static io.opsroom.events.EventFixtures.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The changelog in a browser: an event added through the form with a suggested tag, found again by
 * a phrase with its words marked, the timeline above it; the pages at desktop and phone sizes.
 */
@QuarkusTest
class EventBrowserTest extends BrowserTest {

  @Inject EventService service;

  @Test
  void addAnEventAndFindItByAPhrase() {
    String w = word("browser");
    Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(30));
    for (int i = 0; i < 12; i++) {
      EventFixtures.create(
          service,
          base.plus(Duration.ofMinutes(37L * i * (i % 3 + 1))),
          (i % 2 == 0 ? "Deployed billing " : "Config push to lb ") + (i + 1) + " " + w,
          "Changelog entry " + i + " for **" + w + "**: restarted the workers one by one.",
          i % 2 == 0 ? List.of("deploy", "app=billing", "server=app0" + i % 3) : List.of("config"));
    }
    logIn(Api.newUser("editor"), Api.PASSWORD);

    page.navigate(url("/events/new?tags=app%3Dweb"));
    page.fill("#title", "Database failover rehearsal " + w);
    page.fill(
        "#body", "Switched **db01** to db02.\n\nSee [the runbook](https://wiki.example.org/db).");
    page.click("[data-add-tag=maintenance]");
    assertEquals("app=web maintenance", page.inputValue("#tags"));
    screenshot("event-form");
    page.click("button[type=submit].primary");
    page.waitForURL(u -> u.matches(".*/events/\\d+$"));
    assertTrue(page.textContent("h1").contains("Database failover rehearsal"));
    screenshot("event-page");

    page.navigate(
        url(
            "/events?q="
                + URLEncoder.encode("\"database failover\" " + w, StandardCharsets.UTF_8)));
    assertEquals(1, page.locator(".event-row").count());
    assertEquals(
        "Database failover",
        String.join(" ", page.locator(".event-title mark").allTextContents()).substring(0, 17));
    page.navigate(url("/events?q=" + w));
    assertTrue(page.locator(".timeline-bar[href]").count() > 3);
    screenshot("events-list");
    page.click(".tag-chips a:text('deploy')");
    assertTrue(page.url().contains("tags=deploy"), page.url());
    assertEquals(6, page.locator(".event-row").count());
    phoneSize();
    page.navigate(url("/events?q=" + w));
    screenshot("events-list-phone");

    page.setViewportSize(1280, 800);
    page.navigate(url("/events/new"));
    page.fill("#title", "");
    page.fill("#tags", "two words");
    page.click("button[type=submit].primary");
    assertTrue(page.locator("#title-error").isVisible());
    screenshot("event-form-errors");
  }
}

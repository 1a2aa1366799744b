package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In Chromium: an editor declares an outage from the form, records its steps with backdated times
 * (one refused at its field first), and reads the ops report; screenshots on a desk and a phone.
 */
@QuarkusTest
class OutageBrowserTest extends BrowserTest {

  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  @Inject EventService events;

  static String local(Instant t) {
    return LOCAL.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  @Test
  void anEditorRunsAnOutageAndReadsTheReport() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = now.minus(Duration.ofHours(3));
    String app = Api.unique("shop");
    // An earlier outage in the period, so the report has more than one bar.
    String earlier = Api.unique("cdn");
    events.create(
        new EventInput(
            now.minus(Duration.ofDays(6)),
            null,
            "CDN serves stale assets",
            null,
            List.of("outage=" + earlier, "start", "impact=30")),
        "script",
        EventSource.API);
    events.create(
        new EventInput(
            now.minus(Duration.ofDays(6)).plus(Duration.ofMinutes(9)),
            null,
            "CDN stale assets noticed",
            null,
            List.of("outage=" + earlier, "detected")),
        "script",
        EventSource.API);
    events.create(
        new EventInput(
            now.minus(Duration.ofDays(6)).plus(Duration.ofMinutes(50)),
            null,
            "CDN purged",
            null,
            List.of("outage=" + earlier, "resolved")),
        "script",
        EventSource.API);

    logIn(Api.newUser("editor"), Api.PASSWORD);
    page.navigate(url("/outages"));
    page.fill("#title", "Checkout returns 500 for card payments");
    page.fill("#start", local(start));
    page.fill("#impact", "60");
    page.fill("#application", app);
    page.click("#declare button[type=submit]");
    page.waitForURL(u -> u.contains("?declared=1"));
    String key = page.url().replaceAll(".*/outages/([^?]+).*", "$1");
    assertTrue(key.startsWith("checkout-returns-500-for-card-payments-"), key);

    // An alert of the application fires: it is listed on the outage and marks it detected.
    events.create(
        new EventInput(
            start.plus(Duration.ofMinutes(4)),
            null,
            "Shop 5xx: OK → CRITICAL",
            null,
            List.of("alert", "alert=shop-5xx", "level=critical", "from=ok", "app=" + app)),
        null,
        EventSource.ALERT);

    page.navigate(url("/outages"));
    assertTrue(page.locator("[data-outage='" + key + "']").innerText().contains("after 4m 00s"));
    screenshot("outages-open");
    phoneSize();
    screenshot("outages-open-phone");
    page.setViewportSize(1280, 800);

    page.navigate(url("/outages/" + key));
    assertEquals("4m 00s", page.locator("[data-ttd]").innerText());

    // Resolved before it started: refused, with the message at the field.
    page.fill("#resolved-time", local(start.minus(Duration.ofMinutes(10))));
    page.click("button:has-text('Mark resolved')");
    page.waitForSelector("[id='resolved.time-error']");
    screenshot("outage-refused");

    page.fill("#impact-value", "25");
    page.fill("#impact-time", local(start.plus(Duration.ofMinutes(40))));
    page.click("button:has-text('Change impact')");
    page.waitForURL(u -> u.contains("done=impact"));
    page.fill("#note-text", "Rolled back payment-gateway to **2.3.1**.");
    page.click("button:has-text('Add note')");
    page.waitForURL(u -> u.contains("done=note"));
    page.fill("#resolved-time", local(start.plus(Duration.ofMinutes(75))));
    page.click("button:has-text('Mark resolved')");
    page.waitForURL(u -> u.contains("done=resolved"));
    assertEquals("1h 15m", page.locator("[data-ttr]").innerText());
    screenshot("outage-page");
    phoneSize();
    screenshot("outage-page-phone");

    page.setViewportSize(1280, 800);
    page.navigate(url("/outages"));
    screenshot("outages-list");

    page.navigate(url("/reports"));
    page.click("text=Ops report");
    page.waitForURL(u -> u.contains("/reports/ops"));
    assertTrue(page.locator("svg.bars rect.bar").count() >= 2);
    assertTrue(page.content().contains("href=\"/outages/" + key + "\""));
    screenshot("ops-report");
    phoneSize();
    screenshot("ops-report-phone");
  }
}

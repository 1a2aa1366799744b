package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.opsroom.testing.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In Chromium: from a critical alert's page to a silence that covers it (with the preview on the
 * way), then an acknowledgement; the alert page shows both and its history, on a desk and a phone.
 */
@QuarkusTest
@TestProfile(SilenceFixtures.Alerts.class)
class SilenceBrowserTest extends BrowserTest {

  @Inject MutableClock clock;

  @AfterEach
  void stop() {
    clock.reset();
  }

  @Test
  void anOnCallPersonSilencesAndAcknowledgesAnAlertFromItsPage() {
    Instant now = SilenceFixtures.reset(clock);
    SilenceFixtures.level("disk-web1", Level.CRITICAL, now.minus(Duration.ofMinutes(12)), "tok");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              var em = AlertState.getEntityManager();
              em.createNativeQuery(
                      "insert into alert_transition (alert_id, from_level, to_level, at, value)"
                          + " values ('disk-web1', 'OK', 'WARNING', ?1, 12.5),"
                          + " ('disk-web1', 'WARNING', 'CRITICAL', ?2, 4.2)")
                  .setParameter(1, now.minus(Duration.ofMinutes(30)))
                  .setParameter(2, now.minus(Duration.ofMinutes(12)))
                  .executeUpdate();
              em.createNativeQuery(
                      "insert into notify_log (alert_id, at, kind, level, route, channels)"
                          + " values ('disk-web1', ?1, 'firing', 'CRITICAL', 'ops',"
                          + " array['ops-mail', 'slack-ops'])")
                  .setParameter(1, now.minus(Duration.ofMinutes(11)))
                  .executeUpdate();
            });
    logIn(Api.newUser("editor"), Api.PASSWORD);

    page.navigate(url("/alerts/disk-web1"));
    page.click("[data-silence-link]");
    page.waitForURL(u -> u.contains("/silences/new?alert=disk-web1"));
    assertEquals("1 alert match now", page.locator("#preview-title").innerText());

    // Widen it to every web server, and look before saving.
    page.fill("#label-0", "server");
    page.selectOption("#op-0", "=~");
    page.fill("#value-0", "web.*");
    page.click("button[value=preview]");
    page.waitForSelector("#preview-title:has-text('3 alerts match now')");
    screenshot("silence-form-preview");

    // Without a comment nothing is saved, and the input stays.
    page.click("button[value=create]");
    page.waitForSelector("#comment-error");
    assertEquals("web.*", page.inputValue("#value-0"));
    screenshot("silence-form-error");

    page.fill("#comment", "Replacing the disks of the web servers, CHG-1042");
    page.click("button[value=create]");
    page.waitForURL(u -> u.contains("?created=1"));
    assertTrue(page.locator(".notice").innerText().contains("It covers 3 alerts now."));
    screenshot("silence-page");

    page.navigate(url("/alerts/disk-web1"));
    page.selectOption("#ack-duration", "1h");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge: I am on it"))
        .click();
    page.waitForSelector("[data-acknowledged]");
    assertTrue(page.locator("[data-silenced]").innerText().contains("Replacing the disks"));
    String history = page.locator(".alert-history").innerText();
    assertTrue(history.contains("notified CRITICAL via ops-mail, slack-ops"), history);
    assertTrue(history.indexOf("acknowledged") < history.indexOf("silenced"), history);
    screenshot("alert-page-silenced-acknowledged");
    phoneSize();
    page.reload();
    screenshot("alert-page-silenced-acknowledged-phone");
    // Nothing sticks out sideways on a phone.
    assertTrue(
        (Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
        "no horizontal scrolling");

    page.navigate(url("/"));
    assertTrue(page.locator("[data-alert='disk-web1'].silenced.acknowledged").isVisible());
    screenshot("status-grid-silenced-phone");
    page.setViewportSize(1280, 800);
    page.navigate(url("/silences"));
    screenshot("silences-list");

    // The acknowledge link of an email, opened by someone without a session.
    context.clearCookies();
    phoneSize();
    page.navigate(url("/alerts/disk-web1/ack?token=tok"));
    page.click("button[type=submit]:has-text('Acknowledge')");
    page.waitForSelector("text=Acknowledged by email link");
    screenshot("ack-link-done-phone");
  }
}

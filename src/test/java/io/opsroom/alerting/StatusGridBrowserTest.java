package io.opsroom.alerting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import io.opsroom.graphite.GraphiteClient;
import io.opsroom.testing.BrowserTest;
import io.opsroom.testing.GraphiteStack;
import io.opsroom.testing.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The status grid in Chromium: a square turns red while the page stays open (Server-Sent Events),
 * and its alert page shows the graph with the threshold line.
 */
@QuarkusTest
@TestProfile(AlertCycleTest.RealGraphite.class)
class StatusGridBrowserTest extends BrowserTest {

  @Inject AlertEvaluator evaluator;
  @Inject GraphiteClient graphite;
  @Inject MutableClock clock;

  void feed(double value) {
    EngineGraphiteResource.feed(graphite, value);
  }

  /** Cycles until the alert reaches the level: Graphite may answer the previous point briefly. */
  void cycleUntil(Level level) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              cycle();
              return AlertCycleTest.level("cycle-load") == level;
            });
  }

  void cycle() {
    clock.advance(Duration.ofSeconds(60));
    evaluator.evaluate();
  }

  @Test
  void aSquareTurnsRedWithoutAReloadAndItsPageDrawsTheThreshold() {
    GraphiteStack.url();
    feed(1);
    cycleUntil(Level.OK);
    page.navigate(url("/?group=team"));
    page.waitForSelector("[data-alert='cycle-load'].level-ok");
    // Mark the page: a reload would lose this.
    page.evaluate("window.__sameDocument = true");
    page.evaluate(
        "window.__msgs = []; const es = new EventSource('/alerts/stream'); es.onmessage = m => window.__msgs.push(m.data); es.onerror = e => window.__msgs.push('error ' + es.readyState); es.onopen = () => window.__msgs.push('open');");
    page.onConsoleMessage(m -> System.out.println("CONSOLE " + m.text()));
    screenshot("status-grid-ok");

    feed(50);
    cycleUntil(Level.CRITICAL);
    page.waitForSelector(
        "[data-alert='cycle-load'].level-critical",
        new Page.WaitForSelectorOptions().setTimeout(15_000));
    assertTrue((Boolean) page.evaluate("window.__sameDocument === true"), "no reload");
    // The counts follow the squares: the alert and the composite that names it.
    assertTrue(page.locator("[data-count='CRITICAL']").innerText().equals("2"));
    assertTrue(page.locator("[data-alert='cycle-healthy'].level-critical").isVisible());
    screenshot("status-grid-critical");

    page.click("[data-alert='cycle-load']");
    page.waitForURL(u -> u.endsWith("/alerts/cycle-load"));
    String label = page.locator(".graph svg").first().getAttribute("aria-label");
    assertTrue(label.contains("critical 10"), label);
    assertTrue(page.locator(".level-badge.level-critical").first().isVisible());
    screenshot("alert-page");
    phoneSize();
    page.navigate(url("/"));
    screenshot("status-grid-phone");
  }
}

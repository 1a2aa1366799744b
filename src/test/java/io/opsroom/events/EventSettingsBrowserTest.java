package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event settings page in a browser: an attribute added after fixing its errors. */
@QuarkusTest
class EventSettingsBrowserTest extends BrowserTest {

  String key = Api.unique("env").replace("-", "_");

  @AfterEach
  void cleanUp() {
    QuarkusTransaction.requiringNew().run(() -> EventAttribute.deleteById(key));
  }

  @Test
  void anAdminAddsAnAttributeAfterFixingItsErrors() {
    logIn(Api.newUser("admin"), Api.PASSWORD);
    page.navigate(url("/admin/users"));
    page.click("a[href='/admin/events']");
    page.waitForURL(u -> u.endsWith("/admin/events"));

    page.fill("#key", "Env ironment");
    page.fill("#choices", "production, staging, test");
    page.click("text=Add attribute");
    assertTrue(page.locator("#key-error").isVisible());
    assertTrue(page.locator("#label-error").isVisible());
    screenshot("event-settings-errors");

    page.fill("#key", key);
    page.fill("#label", "Environment");
    page.check("input[name=mandatory]");
    page.click("text=Add attribute");
    page.waitForURL(u -> u.contains("done=added"));
    assertEquals(1, page.locator("tr[data-attribute='" + key + "']").count());
    assertTrue(page.locator("[data-notice]").textContent().contains(key));
    screenshot("event-settings");
    phoneSize();
    System.out.println(
        "DEBUG "
            + page.evaluate(
                "() => { const out = []; document.querySelectorAll('*').forEach(e => { const r = e.getBoundingClientRect(); if (r.right > 392) out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); }); return out.slice(0, 30).join(' | '); }"));
    screenshot("event-settings-phone");
  }
}

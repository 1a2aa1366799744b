package io.opsroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** A person logs in through the real form in Chromium; screenshots go to target/screenshots. */
@QuarkusTest
class BrowserLoginTest extends BrowserTest {

  @Test
  void aPersonLogsInSeesTheStatusPageAndLogsOut() {
    page.navigate(url("/login"));
    screenshot("login");

    logIn("admin", Api.ADMIN_PASSWORD);

    assertEquals("Status · Opsroom", page.title());
    assertTrue(page.locator(".account .who").innerText().contains("admin"));
    assertTrue(Files.exists(screenshot("status-desktop")));
    phoneSize();
    assertTrue(Files.exists(screenshot("status-phone")));

    page.click("text=Log out");
    page.waitForURL(u -> u.contains("/login"));
    assertTrue(page.content().contains("You have logged out."));
  }

  @Test
  void aWrongPasswordIsSaidOnTheForm() {
    page.navigate(url("/login"));
    page.fill("#username", "admin");
    page.fill("#password", "wrong-password");
    page.click("button[type=submit]");
    assertTrue(page.locator("[role=alert]").innerText().contains("Wrong username or password."));
    phoneSize();
    screenshot("login-error-phone");
  }

  @Test
  void anAdminSeesTheUserAndTokenPages() {
    logIn("admin", Api.ADMIN_PASSWORD);
    page.navigate(url("/admin/users"));
    screenshot("admin-users");
    page.click(".account .who");
    assertEquals("Your account · Opsroom", page.title());
    screenshot("account");
    page.navigate(url("/admin/tokens"));
    page.fill("#name", "browser-test-token");
    page.click("text=Create token");
    assertTrue(page.locator("#created-token").innerText().startsWith("opsroom_"));
    screenshot("admin-tokens");
  }
}

package io.opsroom.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of browser tests: Debian's Chromium driven by Playwright, headless, one fresh context per
 * test. Pages are opened relative to the test application, and screenshots land under {@code
 * target/screenshots/} for people to look at.
 *
 * <p>Without Chromium the tests are skipped with the reason on a developer machine and fail in CI
 * ({@code CI=true}), where {@code .ci/run} installs it.
 */
public abstract class BrowserTest {

  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("OPSROOM_CHROMIUM", "/usr/bin/chromium"));
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static Playwright playwright;
  private static Browser browser;

  protected BrowserContext context;
  protected Page page;

  @TestHTTPResource("/")
  protected URL root;

  @BeforeAll
  static void launchBrowser() {
    if (!Files.isExecutable(CHROMIUM)) {
      String reason = "Chromium not found at " + CHROMIUM + " (apt-get install chromium)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(reason + ": browser tests are mandatory in CI.");
      }
      Assumptions.abort(reason);
    }
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-background-networking")));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void openContext() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    page = context.newPage();
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  /** An absolute URL of the test application. */
  protected String url(String path) {
    String base = root.toString();
    return base.endsWith("/") && path.startsWith("/") ? base + path.substring(1) : base + path;
  }

  /** Logs in through the real login form and waits for the page it leads to. */
  protected void logIn(String username, String password) {
    page.navigate(url("/login"));
    page.fill("#username", username);
    page.fill("#password", password);
    page.click("button[type=submit]");
    page.waitForURL(u -> !u.contains("/login"));
  }

  /** Saves a full-page screenshot as {@code target/screenshots/<name>.png} and returns its path. */
  protected Path screenshot(String name) {
    Path file = SCREENSHOTS.resolve(name + ".png");
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    return file;
  }

  /** The same page at a phone's size, for the phone screenshot. */
  protected void phoneSize() {
    page.setViewportSize(390, 844);
  }
}

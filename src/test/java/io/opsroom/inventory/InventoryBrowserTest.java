package io.opsroom.inventory;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.opsroom.notify.OutboxDrainJob;
import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.opsroom.testing.InjectMail;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The inventory walk in Chromium: a server, a VM on it, an application on the VM, an alias
 * requested for the VM and confirmed from the link in the hostmaster's email.
 */
@QuarkusTest
class InventoryBrowserTest extends BrowserTest {

  @InjectMail GreenMail mail;
  @Inject OutboxDrainJob drain;

  @Test
  void fromAnEmptyServerToAConfirmedAlias() throws Exception {
    String suffix = Api.unique("b");
    String host = "kvm-" + suffix;
    String vm = "wiki-" + suffix;
    String app = "wiki-" + suffix;
    String alias = "wiki-" + suffix + ".example.org";
    logIn(Api.newUser("editor"), Api.PASSWORD);

    page.navigate(url("/servers/new"));
    page.fill("#name", host);
    page.fill("#primaryFunction", "KVM host");
    page.fill("#os", "Debian 12");
    page.fill("#cpus", "32");
    page.fill("#memoryMb", "131072");
    page.fill("#ipAddresses", "10.80.0.1 52:54:00:aa:bb:01 lan\n2001:db8::80 public");
    page.fill("#contacts", "owner: Ada Ops <ada.browser@example.org>");
    screenshot("server-form");
    page.click("text=Create server");
    page.waitForURL(u -> u.endsWith("/servers/" + host));

    page.click("text=Add VM");
    assertEquals(host, page.inputValue("#host"));
    page.fill("#name", vm);
    page.fill("#primaryFunction", "Wiki");
    page.fill("#ipAddresses", "10.80.0.21");
    page.click("text=Create server");
    page.waitForURL(u -> u.endsWith("/servers/" + vm));
    assertTrue(page.locator("text=Runs on").isVisible());

    page.click("text=Add application");
    page.fill("#name", app);
    page.fill("#title", "Team wiki");
    page.fill("#technology", "PHP");
    assertEquals(vm + ":app", page.inputValue("#deployments"));
    page.fill("#deployments", vm + ":web");
    page.click("text=Create application");
    page.waitForURL(u -> u.endsWith("/applications/" + app));

    page.navigate(url("/servers/" + vm));
    page.click("text=Request alias");
    page.fill("#hostname", alias);
    page.fill("#description", "The team wiki, for everyone in ops");
    page.fill("#requesterEmail", "dev@" + suffix + ".test");
    page.click("button:has-text('Request alias')");
    page.waitForURL(u -> u.contains("/aliases/" + alias));
    assertTrue(page.locator(".notice").innerText().contains("Sent to the hostmaster"));
    screenshot("alias-requested");

    drain.drain();
    MimeMessage message =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    mail.findReceivedMessages(
                            u -> u.getEmail().equals("hostmaster@dns.test"),
                            m -> AliasWorkflowTest.subject(m).contains(alias))
                        .findFirst()
                        .orElse(null),
                m -> m != null);
    Matcher link = AliasWorkflowTest.CONFIRM_LINK.matcher(AliasWorkflowTest.body(message));
    assertTrue(link.find());

    // The hostmaster opens the link in a browser of their own, without an Opsroom account.
    try (BrowserContext hostmaster = page.context().browser().newContext()) {
      Page mailLink = hostmaster.newPage();
      mailLink.navigate(url(link.group(1)));
      mailLink.click("button:has-text('Confirm')");
      mailLink.waitForURL(u -> u.contains("confirmed=1"));
      assertTrue(mailLink.locator("h1 .badge").innerText().contains("active"));
    }

    page.navigate(url("/servers/" + vm));
    assertTrue(page.locator("#aliases-title + ul").innerText().contains(alias));
    assertTrue(page.locator("#aliases-title + ul .status-active").isVisible());
    screenshot("server-page");
    page.navigate(url("/servers/" + host));
    assertTrue(page.locator("#vms-title").isVisible());
    screenshot("host-page");
    page.navigate(url("/servers"));
    screenshot("servers-list");
    page.navigate(url("/aliases"));
    screenshot("aliases-list");
    page.navigate(url("/applications/" + app));
    screenshot("application-page");
    phoneSize();
    page.navigate(url("/servers/" + vm));
    screenshot("server-page-phone");
    page.navigate(url("/servers"));
    screenshot("servers-list-phone");
  }
}

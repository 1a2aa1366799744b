package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * In Chromium: an admin finds a dead message on the notifications page and sends it again, then
 * reads the noise report; screenshots on a desk and a phone.
 */
@QuarkusTest
class NotificationsBrowserTest extends BrowserTest {

  @Inject EntityManager entityManager;

  @Test
  void anAdminRetriesADeadMessageAndReadsTheNoiseReport() {
    String key = Api.unique("browser-dead");
    Instant now = Instant.now();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              entityManager
                  .createNativeQuery(
                      "insert into notification (dedupe_key, channel, channel_name, summary,"
                          + " payload, status, attempts, next_attempt_at, last_error, created_at)"
                          + " values (?1, 'slack', 'slack-ops', '[CRITICAL] Disk full on web1',"
                          + " cast('{\"urlEnv\":\"NOPE\",\"body\":{}}' as jsonb), 'dead', 12,"
                          + " now(), 'environment variable NOPE is not set', now())")
                  .setParameter(1, key)
                  .executeUpdate();
              String[][] noisy = {{"disk-web1", "9"}, {"load-db2", "5"}, {"backup-age", "2"}};
              for (String[] alert : noisy) {
                for (int i = 0; i < Integer.parseInt(alert[1]); i++) {
                  entityManager
                      .createNativeQuery(
                          "insert into notify_log (alert_id, at, kind, level, route, channels)"
                              + " values (?1, ?2, ?3, ?4, 'ops', array['ops-mail'])")
                      .setParameter(1, alert[0])
                      .setParameter(2, now.minus(Duration.ofHours(i + 1)))
                      .setParameter(3, i == 0 ? "recovered" : i == 1 ? "firing" : "repeat")
                      .setParameter(4, i % 3 == 0 ? "WARNING" : "CRITICAL")
                      .executeUpdate();
                }
              }
            });
    logIn("admin", Api.ADMIN_PASSWORD);

    page.navigate(url("/notifications"));
    assertTrue(page.content().contains("environment variable NOPE is not set"));
    screenshot("notifications-desktop");
    page.locator("form[action$='/retry'] button").first().click();
    page.waitForURL("**/notifications?notice=*");
    assertTrue(page.content().contains("is queued again"));

    page.navigate(url("/reports/noisy"));
    assertTrue(page.content().contains("disk-web1"));
    screenshot("noise-report-desktop");
    phoneSize();
    page.navigate(url("/notifications"));
    screenshot("notifications-phone");
    page.navigate(url("/reports/noisy"));
    screenshot("noise-report-phone");
  }
}

package io.opsroom.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.Api;
import io.opsroom.testing.InjectMail;
import io.opsroom.testing.WebSession;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notifications page and API: counts, channels with a test button, retrying a dead message. */
@QuarkusTest
class NotificationPagesTest {

  @Inject OutboxDrainJob drainJob;
  @Inject EntityManager entityManager;

  @InjectMail GreenMail mail;

  /** A dead notification, as twelve failed attempts leave it. */
  long deadRow(String address) {
    String key = Api.unique("dead");
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              entityManager
                  .createNativeQuery(
                      "insert into notification (dedupe_key, channel, channel_name, summary,"
                          + " payload, status, attempts, next_attempt_at, last_error, created_at)"
                          + " values (?1, 'email', 'ops-mail', 'Dead one', cast(?2 as jsonb),"
                          + " 'dead', 12, now(), 'SMTP refused', now())")
                  .setParameter(1, key)
                  .setParameter(
                      2,
                      EmailNotifier.toPayload(
                          new EmailMessage(List.of(address), "Back from the dead", null, "text")))
                  .executeUpdate();
              return ((Number)
                      entityManager
                          .createNativeQuery("select id from notification where dedupe_key = ?1")
                          .setParameter(1, key)
                          .getSingleResult())
                  .longValue();
            });
  }

  @Test
  void anAdminSeesTheOutboxRetriesADeadMessageAndTestsAChannel() throws Exception {
    String address = Inbox.uniqueAddress("revived");
    long id = deadRow(address);
    WebSession admin = WebSession.login("admin", Api.ADMIN_PASSWORD);
    admin
        .get("/notifications")
        .then()
        .statusCode(200)
        .body(
            containsString("Need a person"),
            containsString("SMTP refused"),
            containsString("ops-mail"),
            containsString("Send a test"));

    admin.postForm("/notifications/" + id + "/retry", Map.of()).then().statusCode(303);
    drainJob.drain();
    assertEquals(1, Inbox.of(mail, address).size());
    Api.asAdmin().get("/api/notifications/" + id).then().body("status", equalTo("sent"));
    // A sent message is not retried: that would send it twice.
    Api.asAdmin().post("/api/notifications/" + id + "/retry").then().statusCode(409);

    admin.postForm("/notifications/channels/ops-mail/test", Map.of()).then().statusCode(303);
    drainJob.drain();
    List<String> subjects =
        mail.findReceivedMessages(u -> u.getEmail().equals("ops@example.org"), m -> true)
            .map(
                m -> {
                  try {
                    return m.getSubject();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .toList();
    assertEquals(
        true, subjects.contains("[TEST] Opsroom test message for ops-mail"), subjects.toString());
  }

  @Test
  void theApiListsChannelsAndRefusesWhatItCannotDo() {
    Api.asAdmin()
        .get("/api/notification-channels")
        .then()
        .statusCode(200)
        .body("name", hasItem("ops-mail"));
    Api.asAdmin()
        .post("/api/notification-channels/ops-mail/test")
        .then()
        .statusCode(202)
        .body("dedupeKey", containsString("test:ops-mail:"));
    Api.asAdmin().post("/api/notification-channels/no-such-channel/test").then().statusCode(404);
    Api.asAdmin().post("/api/notifications/999999999/retry").then().statusCode(404);
    Api.asAdmin()
        .get("/api/notifications?status=lost")
        .then()
        .statusCode(400)
        .body(containsString("status"));
    Api.asAdmin().get("/api/notifications?page=-1").then().statusCode(400);
    Api.asAdmin().get("/api/notifications?status=dead").then().statusCode(200);
    given().get("/api/notifications").then().statusCode(401);
    Api.withToken(Api.newToken("editor")).get("/api/notifications").then().statusCode(403);
    given()
        .redirects()
        .follow(false)
        .get("/notifications")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(302, 303))
        .header("Location", containsString("/login"));
  }
}

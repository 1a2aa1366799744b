package io.opsroom.inventory;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.opsroom.testing.Api.withToken;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.notify.OutboxDrainJob;
import io.opsroom.testing.Api;
import io.opsroom.testing.InjectMail;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alias workflow end to end, reading the real emails GreenMail received. */
@QuarkusTest
class AliasWorkflowTest {

  static final String HOSTMASTER = "hostmaster@dns.test";
  static final Pattern CONFIRM_LINK =
      Pattern.compile("http://opsroom\\.test(/aliases/[^/\\s\"]+/confirm\\?token=[A-Za-z0-9_%-]+)");

  @InjectMail GreenMail mail;
  @Inject OutboxDrainJob drain;

  static String server(String... ips) {
    String name = unique("web");
    List<Map<String, String>> addresses = new java.util.ArrayList<>();
    for (String ip : ips) {
      addresses.add(Map.of("address", ip));
    }
    asAdmin()
        .body(Map.of("name", name, "ipAddresses", addresses))
        .post("/api/servers")
        .then()
        .statusCode(201);
    return name;
  }

  static Map<String, Object> request(String hostname, Object... more) {
    Map<String, Object> body = new HashMap<>();
    body.put("hostname", hostname);
    body.put("description", "Team wiki for the ops group");
    for (int i = 0; i < more.length; i += 2) {
      body.put((String) more[i], more[i + 1]);
    }
    return body;
  }

  /** The one mail to {@code address} whose subject names {@code hostname}, once delivered. */
  MimeMessage mailFor(String address, String hostname, String subjectWord) {
    drain.drain();
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                mail.findReceivedMessages(
                        u -> u.getEmail().equalsIgnoreCase(address),
                        m -> subject(m).contains(hostname) && subject(m).contains(subjectWord))
                    .findFirst()
                    .orElse(null),
            m -> m != null);
  }

  static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text and HTML parts of a message, concatenated. */
  static String body(MimeMessage m) throws Exception {
    StringBuilder all = new StringBuilder();
    collect(m.getContent(), all);
    return all.toString();
  }

  private static void collect(Object content, StringBuilder out) throws Exception {
    if (content instanceof MimeMultipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i).getContent(), out);
      }
    } else {
      out.append(content).append('\n');
    }
  }

  static String confirmPath(String body) {
    Matcher m = CONFIRM_LINK.matcher(body);
    assertTrue(m.find(), "the mail has a confirm link: " + body);
    return m.group(1);
  }

  @Test
  void requestMailsTheHostmasterAndTheLinkConfirmsIt() throws Exception {
    String web = server("10.20.0.7", "2001:db8::7");
    String hostname = unique("wiki") + ".example.org";
    String requester = "dev@" + unique("req") + ".test";
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    var response =
        editor.postForm(
            "/aliases/request",
            Map.of(
                "hostname",
                hostname.toUpperCase(),
                "targetType",
                "server",
                "server",
                web,
                "description",
                "Team wiki for the ops group",
                "requesterEmail",
                requester));
    assertEquals(303, response.statusCode());
    given()
        .get("/api/aliases/" + hostname)
        .then()
        .statusCode(200)
        .body("status", equalTo("requested"))
        .body("server", equalTo(web));

    MimeMessage toHostmaster = mailFor(HOSTMASTER, hostname, "request");
    assertEquals("DNS alias request: " + hostname + " → " + web, toHostmaster.getSubject());
    String body = body(toHostmaster);
    assertTrue(body.contains("10.20.0.7") && body.contains("2001:db8::7"), body);
    assertTrue(body.contains("Team wiki for the ops group"), body);
    String path = confirmPath(body);

    String copy = body(mailFor(requester, hostname, "request"));
    assertFalse(CONFIRM_LINK.matcher(copy).find(), "the requester's copy has no confirm link");
    assertTrue(copy.contains("10.20.0.7"));

    // The hostmaster has no account: the link opens a page with a confirm button.
    WebSession hostmaster = WebSession.anonymous();
    hostmaster.get(path).then().statusCode(200).body(containsString("Confirm that"));
    String token = path.substring(path.indexOf("token=") + 6);
    hostmaster
        .postForm("/aliases/" + hostname + "/confirm", Map.of("token", token))
        .then()
        .statusCode(303);

    given()
        .get("/api/aliases/" + hostname)
        .then()
        .body("status", equalTo("active"))
        .body("confirmedBy", equalTo("hostmaster"));
    given()
        .get("/api/aliases/" + hostname + "/notes")
        .then()
        .body("[0].body", containsString("Confirmed by hostmaster"));
    given()
        .get("/api/aliases/" + hostname + "/changes")
        .then()
        .body("[0].summary", containsString("status"));
    WebSession.anonymous()
        .get("/servers/" + web)
        .then()
        .body(containsString(hostname))
        .body(containsString("status-active"));

    // The link is spent.
    hostmaster.get(path).then().statusCode(200).body(containsString("Nothing waits"));
    hostmaster
        .postForm("/aliases/" + hostname + "/confirm", Map.of("token", token))
        .then()
        .statusCode(403);
  }

  @Test
  void aChangeMailsOldAndNewTargetAndARetirementEndsIt() throws Exception {
    String oldServer = server("10.30.0.1");
    String newServer = server("10.30.0.2");
    String hostname = unique("api") + ".example.net";
    asAdmin()
        .body(request(hostname, "server", oldServer))
        .post("/api/aliases")
        .then()
        .statusCode(201);
    asAdmin()
        .body(Map.of())
        .post("/api/aliases/" + hostname + "/confirm")
        .then()
        .statusCode(200)
        .body("status", equalTo("active"))
        .body("confirmedBy", equalTo("token:provisioning"));

    String editor = Api.newToken("editor");
    withToken(editor)
        .body(Map.of("server", newServer, "reason", "Moving to new hardware"))
        .post("/api/aliases/" + hostname + "/change")
        .then()
        .statusCode(200)
        .body("status", equalTo("change-requested"))
        .body("pendingServer", equalTo(newServer));
    String body = body(mailFor(HOSTMASTER, hostname, "change"));
    assertTrue(body.contains(oldServer) && body.contains("10.30.0.1"), body);
    assertTrue(body.contains(newServer) && body.contains("10.30.0.2"), body);
    assertTrue(body.contains("Moving to new hardware"), body);
    String token = confirmPath(body).replaceAll(".*token=", "");

    // Editors cannot confirm without the token; a wrong token is refused.
    withToken(editor)
        .body(Map.of())
        .post("/api/aliases/" + hostname + "/confirm")
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("token", "forged"))
        .post("/api/aliases/" + hostname + "/confirm")
        .then()
        .statusCode(403)
        .body("message", containsString("not valid"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("token", token))
        .post("/api/aliases/" + hostname + "/confirm")
        .then()
        .statusCode(200)
        .body("server", equalTo(newServer))
        .body("pendingServer", equalTo(null));

    withToken(editor)
        .body(Map.of("reason", "Service closed"))
        .post("/api/aliases/" + hostname + "/retire")
        .then()
        .statusCode(200)
        .body("status", equalTo("retire-requested"));
    assertTrue(body(mailFor(HOSTMASTER, hostname, "retirement")).contains("Service closed"));
    asAdmin()
        .body(Map.of())
        .post("/api/aliases/" + hostname + "/confirm")
        .then()
        .statusCode(200)
        .body("status", equalTo("retired"));
    // A retired name may be requested again.
    asAdmin()
        .body(request(hostname, "server", newServer))
        .post("/api/aliases")
        .then()
        .statusCode(201)
        .body("status", equalTo("requested"));
  }

  @Test
  void anAliasForAnApplicationListsItsServers() throws Exception {
    String a = server("10.40.0.1");
    String b = server("10.40.0.2");
    String app = unique("shop");
    asAdmin()
        .body(
            Map.of(
                "name",
                app,
                "deployments",
                List.of(Map.of("server", a, "role", "web"), Map.of("server", b, "role", "web"))))
        .post("/api/applications")
        .then()
        .statusCode(201);
    String hostname = unique("shop") + ".example.org";
    asAdmin()
        .body(request(hostname, "application", app))
        .post("/api/aliases")
        .then()
        .statusCode(201);
    String body = body(mailFor(HOSTMASTER, hostname, "request"));
    assertTrue(body.contains("10.40.0.1") && body.contains("10.40.0.2"), body);
    given()
        .queryParam("application", app)
        .get("/api/aliases")
        .then()
        .body("items.hostname", hasItem(hostname));
  }

  @Test
  void badRequestsAreRefusedWithoutMailOrRows() {
    String web = server("10.50.0.1");
    String taken = unique("taken") + ".example.org";
    asAdmin().body(request(taken, "server", web)).post("/api/aliases").then().statusCode(201);

    asAdmin()
        .body(request(taken, "server", web))
        .post("/api/aliases")
        .then()
        .statusCode(409)
        .body("fields.hostname", containsString("exists already"));
    for (String bad :
        List.of(
            "wiki.example.org\r\nBcc: victim@example.org",
            "wiki example.org",
            "wiki",
            "-wiki.example.org",
            "wiki..example.org",
            "wiki.example.123")) {
      asAdmin()
          .body(request(bad, "server", web))
          .post("/api/aliases")
          .then()
          .statusCode(400)
          .contentType(ContentType.JSON)
          .body("fields.hostname", org.hamcrest.Matchers.notNullValue());
    }
    String outside = unique("promo") + ".example.com";
    asAdmin()
        .body(request(outside, "server", web))
        .post("/api/aliases")
        .then()
        .statusCode(400)
        .body("fields.administrativeInfo", containsString("managed elsewhere"));
    asAdmin()
        .body(request(unique("x") + ".example.org"))
        .post("/api/aliases")
        .then()
        .statusCode(400)
        .body("fields.server", containsString("Choose the server or the application"));
    asAdmin()
        .body(request(unique("x") + ".example.org", "server", web, "application", "wiki"))
        .post("/api/aliases")
        .then()
        .statusCode(400);
    asAdmin()
        .body(request(unique("x") + ".example.org", "server", "nowhere"))
        .post("/api/aliases")
        .then()
        .statusCode(400)
        .body("fields.server", containsString("No server named nowhere"));
    asAdmin()
        .body(request(unique("x") + ".example.org", "server", web, "description", ""))
        .post("/api/aliases")
        .then()
        .statusCode(400)
        .body("fields.description", containsString("purpose"));
    asAdmin()
        .body(
            request(
                unique("x") + ".example.org",
                "server",
                web,
                "requesterEmail",
                "me@x.test\r\nBcc: y@x.test"))
        .post("/api/aliases")
        .then()
        .statusCode(400)
        .body("fields", org.hamcrest.Matchers.hasKey("requesterEmail"));
    withToken(Api.newToken("viewer"))
        .body(request(unique("v") + ".example.org", "server", web))
        .post("/api/aliases")
        .then()
        .statusCode(403);

    drain.drain();
    assertEquals(
        0,
        mail.findReceivedMessages(
                u -> true, m -> subject(m).contains("Bcc") || subject(m).contains("\n"))
            .count());
    asAdmin().get("/api/aliases/" + outside).then().statusCode(404);
  }

  @Test
  void anExternalAliasIsRecordedWithoutTheHostmaster() {
    String web = server("10.60.0.1");
    String outside = unique("promo") + ".example.com";
    asAdmin()
        .body(request(outside, "server", web, "administrativeInfo", "Marketing at their registrar"))
        .post("/api/aliases")
        .then()
        .statusCode(201)
        .body("status", equalTo("active"))
        .body("external", equalTo(true));
    drain.drain();
    assertEquals(
        0, mail.findReceivedMessages(u -> true, m -> subject(m).contains(outside)).count());
  }

  @Test
  void theRequesterWithdrawsAndTheHostmasterRefuses() throws Exception {
    String web = server("10.90.0.1");
    String editor = Api.newToken("editor");
    String dropped = unique("drop") + ".example.org";
    withToken(editor)
        .body(request(dropped, "server", web))
        .post("/api/aliases")
        .then()
        .statusCode(201);
    String token =
        confirmPath(body(mailFor(HOSTMASTER, dropped, "request"))).replaceAll(".*token=", "");
    withToken(Api.newToken("viewer"))
        .body(Map.of())
        .post("/api/aliases/" + dropped + "/withdraw")
        .then()
        .statusCode(403);
    withToken(editor)
        .body(Map.of("reason", "Project cancelled"))
        .post("/api/aliases/" + dropped + "/withdraw")
        .then()
        .statusCode(200)
        .body("status", equalTo("retired"));
    given()
        .get("/api/aliases/" + dropped + "/notes")
        .then()
        .body("[0].body", containsString("Request withdrawn by"))
        .body("[0].body", containsString("Project cancelled"));
    // The withdrawn request's link no longer confirms anything.
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("token", token))
        .post("/api/aliases/" + dropped + "/confirm")
        .then()
        .statusCode(403);

    String moving = unique("move") + ".example.org";
    String other = server("10.90.0.2");
    asAdmin().body(request(moving, "server", web)).post("/api/aliases").then().statusCode(201);
    asAdmin().body(Map.of()).post("/api/aliases/" + moving + "/confirm").then().statusCode(200);
    withToken(editor)
        .body(Map.of("server", other, "reason", "rebalance"))
        .post("/api/aliases/" + moving + "/change")
        .then()
        .statusCode(200)
        .body("pendingReason", equalTo("rebalance"));
    String changeToken =
        confirmPath(body(mailFor(HOSTMASTER, moving, "change"))).replaceAll(".*token=", "");
    WebSession hostmaster = WebSession.anonymous();
    hostmaster
        .get("/aliases/" + moving + "/confirm?token=" + changeToken)
        .then()
        .statusCode(200)
        .body(containsString("Refuse"));
    hostmaster
        .postForm(
            "/aliases/" + moving + "/withdraw",
            Map.of("token", changeToken, "reason", "Other is full"))
        .then()
        .statusCode(303);
    given()
        .get("/api/aliases/" + moving)
        .then()
        .body("status", equalTo("active"))
        .body("server", equalTo(web))
        .body("pendingServer", equalTo(null));
    given()
        .get("/api/aliases/" + moving + "/notes")
        .then()
        .body("[0].body", containsString("refused by the hostmaster: Other is full"));
    withToken(editor)
        .body(Map.of())
        .post("/api/aliases/" + moving + "/withdraw")
        .then()
        .statusCode(400)
        .body("fields.status", containsString("nothing waits"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/api/aliases/" + moving + "/withdraw")
        .then()
        .statusCode(401);
  }

  @Test
  void aServerWithLiveAliasesIsNotDecommissioned() {
    String web = server("10.91.0.1");
    String hostname = unique("live") + ".example.org";
    asAdmin().body(request(hostname, "server", web)).post("/api/aliases").then().statusCode(201);
    asAdmin()
        .body(Map.of("name", web, "status", "decommissioned"))
        .put("/api/servers/" + web)
        .then()
        .statusCode(400)
        .body("fields.status", containsString(hostname));
  }
}

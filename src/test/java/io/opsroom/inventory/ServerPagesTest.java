package io.opsroom.inventory;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServerPagesTest {

  static Map<String, String> form(String name, String... more) {
    Map<String, String> fields = new HashMap<>();
    fields.put("name", name);
    fields.put("kind", "physical");
    fields.put("environment", "production");
    fields.put("status", "active");
    for (int i = 0; i < more.length; i += 2) {
      fields.put(more[i], more[i + 1]);
    }
    return fields;
  }

  @Test
  void anEditorCreatesAServerAndAVmThroughTheForms() {
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    String host = unique("kvm");
    var created =
        editor.postForm(
            "/servers",
            form(
                host,
                "os",
                "Debian 12",
                "cpus",
                "16",
                "ipAddresses",
                "10.9.0.1 52:54:00:12:34:56 lan\n2001:db8::9 public",
                "contacts",
                "owner: Ada Ops <ada.pages@example.org>"));
    assertEquals(303, created.statusCode());
    assertTrue(created.header("Location").endsWith("/servers/" + host));

    String vm = unique("guest");
    editor.postForm("/servers", form(vm, "kind", "virtual", "host", host)).then().statusCode(303);

    editor
        .get("/servers/" + host)
        .then()
        .statusCode(200)
        .body(containsString("10.9.0.1"))
        .body(containsString("52:54:00:12:34:56"))
        .body(containsString("ada.pages@example.org"))
        .body(containsString("href=\"/servers/" + vm + "\""))
        .body(containsString("data-slot=\"alerts\""))
        .body(containsString("created"));
    editor.get("/servers/" + vm).then().body(containsString("Runs on"));
    editor
        .get("/servers/" + host + "/edit")
        .then()
        .statusCode(200)
        .body(containsString("owner: Ada Ops &lt;ada.pages@example.org&gt;"));
    editor
        .get("/servers?q=" + host)
        .then()
        .statusCode(200)
        .body(containsString("/servers/" + host))
        .body(containsString("1 VM"));
    editor
        .get("/servers?host=" + host)
        .then()
        .statusCode(200)
        .body(containsString("/servers/" + vm));
  }

  @Test
  void formErrorsAppearAtTheirFieldsAndNothingIsSaved() {
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    String name = unique("oops");
    editor
        .postForm("/servers", form(name, "ipAddresses", "10.0.0.256", "cpus", "-1"))
        .then()
        .statusCode(400)
        .body(containsString("id=\"ipAddresses-error\""))
        .body(containsString("is not an IPv4 or IPv6 address"))
        .body(containsString("id=\"cpus-error\""))
        .body(containsString("value=\"" + name + "\""));
    asAdmin().get("/api/servers/" + name).then().statusCode(404);
    editor
        .postForm("/servers", form("two words"))
        .then()
        .statusCode(400)
        .body(containsString("id=\"name-error\""));
  }

  @Test
  void notesAreSanitizedAppendOnlyAndShownNewestFirst() {
    String name = unique("noted");
    asAdmin().body(Map.of("name", name)).post("/api/servers").then().statusCode(201);
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    editor
        .postForm(
            "/servers/" + name + "/notes",
            Map.of(
                "body",
                "First <script>alert(1)</script> [x](javascript:alert(2))",
                "kind",
                "warning"))
        .then()
        .statusCode(303);
    editor
        .postForm("/servers/" + name + "/notes", Map.of("body", "**Second** note", "kind", "info"))
        .then()
        .statusCode(303);
    String page = editor.get("/servers/" + name).then().statusCode(200).extract().asString();
    assertTrue(page.indexOf("<strong>Second</strong>") < page.indexOf("First"), "newest first");
    assertTrue(!page.contains("<script>alert(1)"), "no script tag");
    assertTrue(!page.contains("javascript:alert(2)"), "no javascript link");

    editor
        .postForm("/servers/" + name + "/notes", Map.of("body", "  ", "kind", "info"))
        .then()
        .statusCode(400)
        .body(containsString("Write the note first"));
    String huge = "x".repeat(10 * 1024 * 1024);
    asAdmin()
        .body(Map.of("body", huge))
        .post("/api/servers/" + name + "/notes")
        .then()
        .statusCode(400)
        .body("fields.body", containsString("at most 64 KB"));
    asAdmin()
        .body(Map.of("body", "ok", "kind", "shout"))
        .post("/api/servers/" + name + "/notes")
        .then()
        .statusCode(400)
        .body("fields.kind", containsString("Choose one of"));
    asAdmin()
        .get("/api/servers/" + name + "/notes")
        .then()
        .body("size()", org.hamcrest.Matchers.equalTo(2));

    WebSession.anonymous()
        .get("/servers/" + name)
        .then()
        .statusCode(200)
        .body(containsString("Second"))
        .body(not(containsString("name=\"body\"")));
  }

  @Test
  void viewersSeeNoEditControlsAndCannotPostForms() {
    String name = unique("ro");
    asAdmin().body(Map.of("name", name)).post("/api/servers").then().statusCode(201);
    WebSession viewer = WebSession.login(Api.newUser("viewer"), Api.PASSWORD);
    viewer
        .get("/servers/" + name)
        .then()
        .statusCode(200)
        .body(not(containsString("/servers/" + name + "/edit")));
    viewer.postForm("/servers", form(unique("nope"))).then().statusCode(403);
    viewer.get("/servers/new").then().statusCode(403);
  }

  @Test
  void theListFiltersAndSortsAndSurvivesBadParameters() {
    String tag = unique("lst");
    for (String env : List.of("staging", "production")) {
      asAdmin()
          .body(Map.of("name", tag + "-" + env, "environment", env))
          .post("/api/servers")
          .then()
          .statusCode(201);
    }
    WebSession.anonymous()
        .get("/servers?q=" + tag + "&environment=staging")
        .then()
        .statusCode(200)
        .body(containsString(tag + "-staging"))
        .body(not(containsString(tag + "-production")));
    WebSession.anonymous().get("/servers?sort=bogus&page=x").then().statusCode(200);
    WebSession.anonymous().get("/servers/no-such-server").then().statusCode(404);
  }
}

package io.opsroom.inventory;

import static io.opsroom.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The import page as a browser uses it: multipart forms with the CSRF token, preview, import. */
@QuarkusTest
class ImportPageTest {

  private static final Pattern CONTENT = Pattern.compile("name=\"content\" value=\"([^\"]*)\"");

  private static WebSession editor() {
    WebSession session = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    session.get("/inventory/import").then().statusCode(200);
    return session;
  }

  /** Posts the page's multipart form, with the session's CSRF token unless told otherwise. */
  private static Response submit(
      WebSession session, Map<String, String> fields, byte[] file, boolean withToken) {
    RequestSpecification request = session.request();
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (withToken) {
      all.put(WebSession.CSRF_FIELD, session.csrfToken());
    }
    all.forEach(
        (name, value) ->
            request.multiPart(
                new MultiPartSpecBuilder(value)
                    .controlName(name)
                    .mimeType("text/plain")
                    .charset(StandardCharsets.UTF_8)
                    .build()));
    if (file != null) {
      request.multiPart(
          new MultiPartSpecBuilder(file)
              .controlName("file")
              .fileName("inventory.csv")
              .mimeType("text/csv")
              .build());
    }
    return request.post("/inventory/import");
  }

  private static Response preview(WebSession session, String type, String text) {
    return submit(session, Map.of("type", type, "text", text, "action", "preview"), null, true);
  }

  private static String content(Response page) {
    Matcher m = CONTENT.matcher(page.asString());
    assertTrue(m.find(), "the preview offers the Import button");
    return m.group(1);
  }

  @Test
  void onlyEditorsOpenThePage() {
    given()
        .redirects()
        .follow(false)
        .get("/inventory/import")
        .then()
        .statusCode(303)
        .header("Location", containsString("/login?next=%2Finventory%2Fimport"));
    WebSession viewer = WebSession.login(Api.newUser("viewer"), Api.PASSWORD);
    viewer.get("/inventory/import").then().statusCode(403);
    String name = unique("viewerpage");
    preview(viewer, "servers", "name\n" + name + "\n").then().statusCode(403);
    submit(
            viewer,
            Map.of("type", "servers", "text", "name\n" + name + "\n", "action", "apply"),
            null,
            true)
        .then()
        .statusCode(403);
    given().get("/api/servers/" + name).then().statusCode(404);
  }

  @Test
  void pastedLinesArePreviewedThenImported() {
    WebSession session = editor();
    session
        .get("/inventory/import?type=aliases")
        .then()
        .body(containsString("Import from CSV"))
        .body(containsString("href=\"/api/export/servers.csv\""))
        .body(containsString("<option value=\"aliases\" selected>"));
    String name = unique("paged");
    String text =
        "name,os,description\n" + name + ",Debian 12,\"Caf\u00e9 r\u00e9seau\nline two\"\n";

    submit(session, Map.of("type", "servers", "text", text, "action", "preview"), null, false)
        .then()
        .statusCode(403)
        .body(containsString("This form has expired"));
    given().get("/api/servers/" + name).then().statusCode(404);

    Response preview = preview(session, "servers", text);
    preview
        .then()
        .statusCode(200)
        .body(containsString("Preview of servers"))
        .body(containsString("Ready to import: 1 to create"))
        .body(containsString("<span class=\"badge action-create\">create</span>"))
        .body(containsString(name))
        .body(containsString("Caf\u00e9 r\u00e9seau"))
        .body(containsString("Import 1 change"));
    given().get("/api/servers/" + name).then().statusCode(404);

    submit(
            session,
            Map.of("type", "servers", "content", content(preview), "action", "apply"),
            null,
            true)
        .then()
        .statusCode(200)
        .body(containsString("Imported servers"))
        .body(containsString("Imported: 1 created, 0 updated, 0 unchanged."))
        .body(not(containsString("name=\"content\"")));
    given()
        .get("/api/servers/" + name)
        .then()
        .statusCode(200)
        .body("description", equalTo("Caf\u00e9 r\u00e9seau\nline two"));

    preview(session, "servers", text)
        .then()
        .statusCode(200)
        .body(containsString("Nothing to import: every line matches the inventory."))
        .body(containsString("1 unchanged line"))
        .body(not(containsString("name=\"content\"")));
  }

  @Test
  void anUploadedFileIsReadAndItsProblemsShown() {
    WebSession session = editor();
    String name = unique("upload");
    byte[] latin1 = ("name,os\n" + name + ",Gen\u00e8ve\n").getBytes(StandardCharsets.ISO_8859_1);
    submit(session, Map.of("type", "servers", "action", "preview"), latin1, true)
        .then()
        .statusCode(400)
        .body(containsString("Line 2 is not UTF-8"));

    Response preview =
        submit(
            session,
            Map.of("type", "servers", "action", "preview"),
            ("name,cpus\n" + name + ",4\n").getBytes(StandardCharsets.UTF_8),
            true);
    preview.then().statusCode(200).body(containsString("Ready to import: 1 to create"));
    submit(
            session,
            Map.of("type", "servers", "content", content(preview), "action", "apply"),
            null,
            true)
        .then()
        .statusCode(200);
    given().get("/api/servers/" + name).then().body("cpus", equalTo(4));

    submit(session, Map.of("type", "servers", "action", "preview"), null, true)
        .then()
        .statusCode(400)
        .body(containsString("Choose a CSV file, or paste its lines below."));
  }

  @Test
  void lineErrorsAreShownAndNothingIsImported() {
    WebSession session = editor();
    String good = unique("pgood");
    String text = "name,ipAddresses\n" + good + ",10.0.0.1\n" + unique("pbad") + ",10.0.0.300\n";
    Response preview = preview(session, "servers", text);
    preview
        .then()
        .statusCode(200)
        .body(containsString("1 line has an error"))
        .body(containsString("<span class=\"badge action-error\">error</span>"))
        .body(containsString("Address 1: &quot;10.0.0.300&quot; is not an IPv4 or IPv6 address."))
        .body(not(containsString("name=\"content\"")));
    assertThat(preview.asString(), containsString("<td class=\"import-line\">3</td>"));

    // Even a hand-made Import button cannot write a file with an error.
    String forged =
        java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    submit(session, Map.of("type", "servers", "content", forged, "action", "apply"), null, true)
        .then()
        .statusCode(422)
        .body(containsString("Nothing was written: 1 line has an error."));
    given().get("/api/servers/" + good).then().statusCode(404);
  }
}

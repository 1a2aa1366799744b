package io.opsroom.inventory;

import static io.opsroom.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.options.FilePayload;
import io.opsroom.testing.Api;
import io.opsroom.testing.BrowserTest;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An editor uploads a CSV file in Chromium, reads the preview and imports it. */
@QuarkusTest
class BrowserImportTest extends BrowserTest {

  @Test
  void anEditorUploadsPreviewsAndImportsAFile() {
    String editor = Api.newUser("editor");
    String host = unique("bhost");
    String vm = unique("bvm");
    String existing = unique("bold");
    Api.asAdmin()
        .body(java.util.Map.of("name", existing, "os", "Debian 11"))
        .post("/api/servers")
        .then()
        .statusCode(201);
    String fixed =
        "name,host,os,ipAddresses,contacts,description\n"
            + vm
            + ","
            + host
            + ",Debian 12,10.6.0.2,owner: Ada Ops <ada-browser@example.org>,"
            + "\"Runs the wiki, and its search\"\n"
            + host
            + ",,Debian 12,10.6.0.1 aa:bb:cc:dd:ee:06 lan; 2001:db8::6,,KVM host\n"
            + existing
            + ",,Debian 12,,,\n";
    String file = fixed + unique("bbad") + ",,,10.6.0.300,,\n";
    logIn(editor, Api.PASSWORD);
    page.navigate(url("/inventory/import"));
    assertEquals("Import · Opsroom", page.title());
    page.setInputFiles(
        "#file", new FilePayload("servers.csv", "text/csv", file.getBytes(StandardCharsets.UTF_8)));
    page.click("button[value=preview]");
    page.waitForSelector(".import-result");
    assertTrue(page.locator("[role=status]").first().innerText().contains("1 line has an error"));
    assertEquals(0, page.locator("button[value=apply]").count());
    screenshot("import-preview-errors");

    // Fixed: the last line goes, and the file is pasted this time.
    page.fill("#text", fixed);
    page.click("button[value=preview]");
    page.waitForSelector("button[value=apply]");
    assertTrue(
        page.locator(".import-result [role=status]")
            .innerText()
            .contains("2 to create, 1 to update"));
    screenshot("import-preview-desktop");
    phoneSize();
    screenshot("import-preview-phone");

    page.click("button[value=apply]");
    page.waitForSelector("text=Imported servers");
    assertTrue(
        page.locator(".import-result [role=status]")
            .innerText()
            .startsWith("Imported: 2 created, 1 updated"));
    screenshot("import-done-phone");
    given().get("/api/servers/" + vm).then().body("host", equalTo(host));
    given().get("/api/servers/" + existing).then().body("os", equalTo("Debian 12"));
  }
}

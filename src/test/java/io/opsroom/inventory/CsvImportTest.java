package io.opsroom.inventory;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV import and export through the API, on the real database. */
@QuarkusTest
class CsvImportTest {

  private static RequestSpecification csv(String token) {
    return given()
        .header("Authorization", "Bearer " + token)
        .contentType("text/csv; charset=UTF-8")
        .accept(ContentType.JSON);
  }

  private static Response post(String type, String body, boolean apply) {
    return post(type, body.getBytes(StandardCharsets.UTF_8), apply);
  }

  private static Response post(String type, byte[] body, boolean apply) {
    return csv(Api.ADMIN_TOKEN).queryParam("apply", apply).body(body).post("/api/import/" + type);
  }

  private static JsonPath preview(String type, String body) {
    return post(type, body, false).then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath apply(String type, String body) {
    return post(type, body, true).then().statusCode(200).extract().jsonPath();
  }

  /** Entries in the audit trail ({@code /api/changes}): every write of the inventory adds one. */
  private static long auditEntries() {
    return given()
        .queryParam("perPage", 1)
        .get("/api/changes")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("count");
  }

  private static void location(String name) {
    asAdmin().body(Map.of("name", name)).post("/api/locations").then().statusCode(201);
  }

  private static void assertNoServers(String... names) {
    for (String name : names) {
      given().get("/api/servers/" + name).then().statusCode(404);
    }
  }

  @Test
  void aPreviewWritesNothingAndApplyingWritesEverything() {
    String dc = unique("dc");
    location(dc);
    String host = unique("host");
    String vm = unique("vm");
    String db = unique("db");
    // The VM's line comes before its host's: the import saves the host first.
    String file =
        "name,kind,host,location,environment,status,primaryFunction,os,cpus,memoryMb,diskGb,"
            + "graphitePrefix,ipAddresses,contacts,description\n"
            + vm
            + ",,"
            + host
            + ","
            + dc
            + ",staging,,Web,Debian 12,2,4096,40,,"
            + "10.9.0.10,owner: Ada Ops <ada-csv@example.org>,\n"
            + host
            + ",physical,,"
            + dc
            + ",,,KVM host,Debian 12,32,131072,2000,servers."
            + host
            + ",\"10.9.0.5 AA-BB-CC-00-11-22 lan; 2001:DB8::5\",technical: ada-csv@example.org,"
            + "\"Rack 4, slot 2\nsecond line\"\n"
            + db
            + ",cloud,,"
            + dc
            + ",,planned,,,,,,,10.9.0.20 - private,,\n";
    long audit = auditEntries();

    JsonPath preview = preview("servers", file);
    assertEquals("servers", preview.getString("type"));
    assertEquals(false, preview.getBoolean("applied"));
    assertEquals(List.of(2, 3, 5), preview.getList("lines.line"));
    assertEquals(List.of("create", "create", "create"), preview.getList("lines.action"));
    assertEquals(List.of(vm, host, db), preview.getList("lines.name"));
    assertEquals(
        Map.of("create", 3, "update", 0, "unchanged", 0, "error", 0), preview.getMap("counts"));
    assertTrue(
        preview.getList("lines[0].changes.field").containsAll(List.of("name", "kind", "host")));
    assertEquals(
        "virtual", preview.getString("lines[0].changes.find { it.field == 'kind' }.after"));
    assertNoServers(vm, host, db);
    assertEquals(audit, auditEntries(), "a preview writes no audit entries");

    JsonPath applied = apply("servers", file);
    assertEquals(true, applied.getBoolean("applied"));
    assertEquals(List.of("create", "create", "create"), applied.getList("lines.action"));
    assertThat(applied.getString("message"), startsWith("Imported: 3 created"));
    given()
        .get("/api/servers/" + vm)
        .then()
        .statusCode(200)
        .body("kind", equalTo("virtual"))
        .body("host", equalTo(host))
        .body("environment", equalTo("staging"))
        .body("memoryMb", equalTo(4096))
        .body("contacts[0].name", equalTo("Ada Ops"))
        .body("contacts[0].role", equalTo("owner"));
    given()
        .get("/api/servers/" + host)
        .then()
        .body("vms", contains(vm))
        .body("ipAddresses[0].mac", equalTo("aa:bb:cc:00:11:22"))
        .body("ipAddresses[0].label", equalTo("lan"))
        .body("ipAddresses[1].address", equalTo("2001:db8::5"))
        .body("contacts[0].email", equalTo("ada-csv@example.org"))
        .body("description", equalTo("Rack 4, slot 2\nsecond line"));
    given()
        .get("/api/servers/" + db)
        .then()
        .body("status", equalTo("planned"))
        .body("ipAddresses[0].label", equalTo("private"))
        .body("ipAddresses[0].mac", nullValue());
    assertTrue(auditEntries() >= audit + 4, "three servers and a new contact");
  }

  @Test
  void theSameFileAgainChangesNothing() {
    String a = unique("same");
    String b = unique("same");
    String file =
        "name,os,cpus,ipAddresses,contacts\n"
            + a
            + ",Debian 12,4,10.8.0.1 aa:bb:cc:dd:ee:01 lan,owner: Bo <bo-csv@example.org>\n"
            + b
            + ",Debian 12,,,\n";
    apply("servers", file);
    String updatedAt = given().get("/api/servers/" + a).then().extract().path("updatedAt");
    long audit = auditEntries();

    JsonPath again = preview("servers", file);
    assertEquals(List.of("unchanged", "unchanged"), again.getList("lines.action"));
    assertEquals(
        "Nothing to import: every line matches the inventory.", again.getString("message"));
    JsonPath applied = apply("servers", file);
    assertEquals(true, applied.getBoolean("applied"));
    assertEquals(
        Map.of("create", 0, "update", 0, "unchanged", 2, "error", 0), applied.getMap("counts"));
    assertEquals(audit, auditEntries());
    given().get("/api/servers/" + a).then().body("updatedAt", equalTo(updatedAt));
  }

  @Test
  void anUpdateListsWhatChangesAndLeftOutColumnsKeepTheirValues() {
    String name = unique("upd");
    apply("servers", "name,os,cpus,primaryFunction\n" + name + ",Debian 11,4,Mail relay\n");

    JsonPath preview =
        preview("servers", "NAME,OS,primaryFunction\n" + name.toUpperCase() + ",Debian 12,\n");
    assertEquals("update", preview.getString("lines[0].action"));
    assertEquals(name, preview.getString("lines[0].name"));
    assertEquals(
        List.of(
            Map.of("field", "os", "before", "Debian 11", "after", "Debian 12"),
            Map.of("field", "primaryFunction", "before", "Mail relay", "after", "")),
        preview.getList("lines[0].changes"));
    apply("servers", "NAME,OS,primaryFunction\n" + name + ",Debian 12,\n");
    given()
        .get("/api/servers/" + name)
        .then()
        .body("os", equalTo("Debian 12"))
        .body("cpus", equalTo(4))
        .body("primaryFunction", nullValue());
    var history = given().get("/api/servers/" + name + "/changes").then().extract().jsonPath();
    assertEquals("changed os, primaryFunction", history.getString("[0].summary"));
    assertEquals("token:provisioning", history.getString("[0].actor"));
  }

  @Test
  void lineErrorsAreReportedPerFieldAndNothingIsWritten() {
    String good = unique("good");
    String badIp = unique("badip");
    String badCpu = unique("badcpu");
    String file =
        "name,cpus,ipAddresses\n"
            + good
            + ",2,10.0.0.1\n"
            + badIp
            + ",2,\"10.0.0.2; 10.0.0.300 lan\"\n"
            + badCpu
            + ",many,\n"
            + good
            + ",4,\n"
            + "bad name,,\n";
    long audit = auditEntries();

    JsonPath preview = preview("servers", file);
    assertEquals(
        List.of("create", "error", "error", "error", "error"), preview.getList("lines.action"));
    assertEquals(
        "Address 2: \"10.0.0.300\" is not an IPv4 or IPv6 address.",
        preview.getString("lines[1].errors.ipAddresses"));
    assertThat(preview.getString("lines[2].errors.cpus"), containsString("whole number"));
    assertEquals(
        good + " is on line 2 already: a file names each server once.",
        preview.getString("lines[3].errors.name"));
    assertThat(preview.getString("lines[4].errors.name"), containsString("no spaces"));
    assertEquals(4, preview.getInt("counts.error"));
    assertThat(preview.getString("message"), startsWith("4 lines have errors"));

    JsonPath refused = post("servers", file, true).then().statusCode(422).extract().jsonPath();
    assertEquals(false, refused.getBoolean("applied"));
    assertEquals(preview.getList("lines"), refused.getList("lines"));
    assertThat(refused.getString("message"), startsWith("Nothing was written: 4 lines"));
    assertNoServers(good, badIp, badCpu);
    assertEquals(audit, auditEntries());
  }

  @Test
  void aVmBeforeItsHostAndHostsDecommissionedBeforeTheirVmsWork() {
    String host = unique("dh");
    String vm = unique("dv");
    apply("servers", "name,host\n" + vm + "," + host + "\n" + host + ",\n");
    given().get("/api/servers/" + vm).then().body("host", equalTo(host));

    // The host's line comes first, but it can only be decommissioned once its VM is.
    JsonPath done =
        apply("servers", "name,status\n" + host + ",decommissioned\n" + vm + ",decommissioned\n");
    assertEquals(List.of("update", "update"), done.getList("lines.action"));
    given().get("/api/servers/" + host).then().body("status", equalTo("decommissioned"));
  }

  @Test
  void fileProblemsAre400WithTheErrorBodyAndWriteNothing() {
    String name = unique("never");
    long audit = auditEntries();

    post("servers", name + ",x\n", false)
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("status", equalTo(400))
        .body("error", equalTo("Bad Request"))
        .body("message", startsWith("Unknown columns: " + name + ", x. The column name is missing"))
        .body("fields.header", startsWith("Unknown columns:"));
    post("servers", "name,colour\n" + name + ",red\n", true)
        .then()
        .statusCode(400)
        .body("fields.header", startsWith("Unknown column: colour."));
    byte[] latin1 =
        ("name,os\n" + name + "-1,Linux\n" + name + ",Gen\u00e8ve\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    post("servers", latin1, true)
        .then()
        .statusCode(400)
        .body("fields.file", startsWith("Line 3 is not UTF-8"));
    post("servers", "name,description\n" + name + ",\"open\n" + name + "-2,x\n", true)
        .then()
        .statusCode(400)
        .body("fields.file", startsWith("Line 2: a cell opens a double quote"));
    post("servers", "", true)
        .then()
        .statusCode(400)
        .body("fields.file", startsWith("The file is empty."));
    assertNoServers(name, name + "-1", name + "-2");
    assertEquals(audit, auditEntries());
  }

  @Test
  void theRequestItselfIsChecked() {
    csv(Api.ADMIN_TOKEN)
        .contentType("text/plain")
        .body("name\n")
        .post("/api/import/servers")
        .then()
        .statusCode(415)
        .body("message", containsString("Content-Type: text/csv"));
    // The body is read as UTF-8 whatever the charset parameter claims; an ASCII file is fine.
    csv(Api.ADMIN_TOKEN)
        .contentType("text/csv; charset=ISO-8859-1")
        .body("name\n".getBytes(StandardCharsets.US_ASCII))
        .post("/api/import/servers")
        .then()
        .statusCode(200)
        .body("counts.create", equalTo(0));
    csv(Api.ADMIN_TOKEN)
        .queryParam("apply", "yes")
        .body("name\n")
        .post("/api/import/servers")
        .then()
        .statusCode(400)
        .body("fields", hasKey("apply"));
    // curl's default for --data-binary is a form, and a form needs a CSRF token.
    csv(Api.ADMIN_TOKEN)
        .contentType("application/x-www-form-urlencoded")
        .body("name\n")
        .post("/api/import/servers")
        .then()
        .statusCode(403);
    csv(Api.ADMIN_TOKEN).body("name\n").post("/api/import/racks").then().statusCode(404);
    given().get("/api/export/racks.csv").then().statusCode(404);
  }

  @Test
  void theOpenApiDocumentHasTheEndpointsButNotThePage() {
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("paths", hasKey("/api/import/{type}"))
        .body("paths", hasKey("/api/export/{type}.csv"))
        .body("paths", not(hasKey("/inventory/import")));
  }

  @Test
  void viewersMayExportButNotImport() {
    String viewer = Api.newToken("viewer");
    String name = unique("viewer");
    csv(viewer).body("name\n" + name + "\n").post("/api/import/servers").then().statusCode(403);
    csv(viewer)
        .queryParam("apply", true)
        .body("name\n" + name + "\n")
        .post("/api/import/servers")
        .then()
        .statusCode(403)
        .body("status", equalTo(403));
    given()
        .contentType("text/csv")
        .body("name\n" + name + "\n")
        .post("/api/import/servers?apply=true")
        .then()
        .statusCode(401);
    assertNoServers(name);
    given()
        .header("Authorization", "Bearer " + viewer)
        .get("/api/export/servers.csv")
        .then()
        .statusCode(200);
    String editor = Api.newToken("editor");
    csv(editor)
        .queryParam("apply", true)
        .body("name\n" + name + "\n")
        .post("/api/import/servers")
        .then()
        .statusCode(200);
    given().get("/api/servers/" + name).then().statusCode(200);
  }

  @Test
  void applicationsImportWithTheirDeploymentsAndContacts() {
    String web = unique("appweb");
    String app = unique("app");
    apply("servers", "name\n" + web + "\n");
    String file =
        "name,title,technology,repositoryUrl,status,deployments,contacts,description\n"
            + app
            + ",Wiki,Java,https://git.example.org/wiki,,"
            + web
            + ":web,\"business: Carol <carol-csv@example.org>\",\n";
    assertEquals("create", preview("applications", file).getString("lines[0].action"));
    apply("applications", file);
    given()
        .get("/api/applications/" + app)
        .then()
        .body("title", equalTo("Wiki"))
        .body("deployments[0].server", equalTo(web))
        .body("deployments[0].role", equalTo("web"))
        .body("contacts[0].role", equalTo("business"));
    JsonPath changed =
        preview(
            "applications",
            "name,deployments\n" + app + "," + web + ":web; " + unique("nosuch") + ":db\n");
    assertEquals("error", changed.getString("lines[0].action"));
    assertThat(
        changed.getString("lines[0].errors.deployments"),
        startsWith("Deployment 2: no server named"));
    assertEquals("unchanged", preview("applications", file).getString("lines[0].action"));
  }

  @Test
  void aliasesAreRecordedAsTheyAreInDns() {
    String web = unique("aliasweb");
    apply("servers", "name\n" + web + "\n");
    String ours = unique("www") + ".example.org";
    String retired = unique("old") + ".example.org";
    String external = unique("shop") + ".partner.test";
    String file =
        "hostname,server,application,status,description,administrativeInfo\n"
            + ours
            + ","
            + web
            + ",,,Public site,\n"
            + retired
            + ","
            + web
            + ",,retired,,\n"
            + external
            + ","
            + web
            + ",,active,,Partner IT runs partner.test\n";
    long audit = auditEntries();
    assertEquals(
        List.of("create", "create", "create"), preview("aliases", file).getList("lines.action"));
    assertEquals(audit, auditEntries());

    apply("aliases", file);
    given()
        .get("/api/aliases/" + ours)
        .then()
        .statusCode(200)
        .body("status", equalTo("active"))
        .body("server", equalTo(web))
        .body("external", equalTo(false))
        .body("requestedBy", equalTo("token:provisioning"))
        .body("confirmedAt", nullValue());
    given().get("/api/aliases/" + retired).then().body("status", equalTo("retired"));
    given().get("/api/aliases/" + external).then().body("external", equalTo(true));

    long afterApply = auditEntries();
    JsonPath again = apply("aliases", file);
    assertEquals(List.of("unchanged", "unchanged", "unchanged"), again.getList("lines.action"));
    assertEquals(afterApply, auditEntries());

    JsonPath refused =
        preview(
            "aliases",
            "hostname,server,status\n"
                + unique("new")
                + ".example.org,"
                + web
                + ",requested\n"
                + unique("ext")
                + ".partner.test,"
                + web
                + ",\n"
                + unique("both")
                + ".example.org,,\n");
    assertThat(
        refused.getString("lines[0].errors.status"),
        startsWith("Record an alias as active or retired."));
    assertThat(
        refused.getString("lines[1].errors.administrativeInfo"),
        containsString("is not one of our domains"));
    assertThat(
        refused.getString("lines[2].errors.server"),
        startsWith("Choose the server or the application"));
  }

  @Test
  void exportingAndImportingAgainChangesNothing() {
    String dc = unique("rt");
    location(dc);
    String host = unique("rthost");
    String vm = unique("rtvm");
    String app = unique("rtapp");
    apply(
        "servers",
        "name,host,location,ipAddresses,contacts,description\n"
            + vm
            + ","
            + host
            + ","
            + dc
            + ",\"10.7.0.2 - odd\\; label\","
            + "\"owner: Dr. No: <Evil>\\; Inc <no-csv@example.org>\",\"Quotes \"\"here\"\", commas, and\r\nlines\"\n"
            + host
            + ",,"
            + dc
            + ",10.7.0.1 aa:bb:cc:dd:ee:07 ,technical: no-csv@example.org,=1+1\n");
    apply(
        "applications",
        "name,deployments,contacts\n"
            + app
            + ","
            + vm
            + ":web; "
            + host
            + ":database,business: no-csv@example.org\n");
    apply(
        "aliases",
        "hostname,application,description\n"
            + unique("rt")
            + ".example.org,"
            + app
            + ",Front door\n");
    given().get("/api/servers/" + vm).then().body("ipAddresses[0].label", equalTo("odd; label"));
    // An alias that waits for the hostmaster exports with its status and imports back unchanged,
    // but the import cannot jump over the confirmation.
    String pending = unique("pending") + ".example.org";
    asAdmin()
        .body(Map.of("hostname", pending, "application", app, "description", "Not confirmed yet"))
        .post("/api/aliases")
        .then()
        .statusCode(201)
        .body("status", equalTo("requested"));
    assertThat(
        preview("aliases", "hostname,status\n" + pending + ",active\n")
            .getString("lines[0].errors.status"),
        startsWith(pending + " waits for the hostmaster (requested)"));

    for (String type : List.of("servers", "applications", "aliases")) {
      Response export = given().get("/api/export/" + type + ".csv");
      export
          .then()
          .statusCode(200)
          .contentType(startsWith("text/csv"))
          .header(
              "Content-Disposition", startsWith("attachment; filename=\"opsroom-" + type + "-"));
      String text = export.asString();
      assertThat(
          text, startsWith(String.join(",", CsvType.of(type).orElseThrow().columns()) + "\r\n"));
      long audit = auditEntries();
      JsonPath back = apply(type, text);
      assertEquals(
          0,
          back.getInt("counts.create") + back.getInt("counts.update") + back.getInt("counts.error"),
          type + ": " + back.prettify());
      assertThat(back.getList("lines.action", String.class), everyItem(equalTo("unchanged")));
      assertTrue(back.getInt("counts.unchanged") >= 1);
      assertEquals(audit, auditEntries(), type);
    }
  }

  private static <T> void assertThat(T actual, org.hamcrest.Matcher<? super T> matcher) {
    org.hamcrest.MatcherAssert.assertThat(actual, matcher);
  }
}

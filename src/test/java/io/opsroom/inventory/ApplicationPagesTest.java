package io.opsroom.inventory;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsroom.testing.Api;
import io.opsroom.testing.WebSession;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApplicationPagesTest {

  @Test
  void anApplicationIsDeployedOnServersInRolesAndShownOnBoth() {
    String web = unique("appweb");
    String db = unique("appdb");
    asAdmin()
        .body(Map.of("name", web, "ipAddresses", List.of(Map.of("address", "10.70.0.1"))))
        .post("/api/servers")
        .then()
        .statusCode(201);
    asAdmin().body(Map.of("name", db)).post("/api/servers").then().statusCode(201);
    String app = unique("ticket");
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    var created =
        editor.postForm(
            "/applications",
            Map.of(
                "name", app,
                "title", "Ticketing",
                "technology", "PHP",
                "repositoryUrl", "https://git.example.org/ops/ticket",
                "status", "active",
                "deployments", web + ":web\n" + db + " database",
                "contacts", "business: Bea Boss <bea@example.org>"));
    assertEquals(303, created.statusCode());
    given()
        .get("/api/applications/" + app)
        .then()
        .statusCode(200)
        .body("deployments.server", contains(db, web))
        .body("deployments.role", contains("database", "web"))
        .body("contacts[0].role", equalTo("business"));
    editor
        .get("/applications/" + app)
        .then()
        .statusCode(200)
        .body(containsString("10.70.0.1"))
        .body(containsString("bea@example.org"));
    editor.get("/servers/" + web).then().body(containsString("/applications/" + app));
    given()
        .queryParam("server", db)
        .get("/api/servers/" + db)
        .then()
        .body("applications[0].application", equalTo(app));
    editor.get("/applications?technology=php").then().statusCode(200).body(containsString(app));
    given()
        .queryParam("server", web)
        .get("/api/applications")
        .then()
        .body("items.name", contains(app));
  }

  @Test
  void badApplicationsAreRefusedAtTheirFields() {
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    editor
        .postForm(
            "/applications",
            Map.of(
                "name", "Not A Slug",
                "repositoryUrl", "javascript:alert(1)",
                "deployments", "no-such-server:web",
                "status", "active"))
        .then()
        .statusCode(400)
        .body(containsString("id=\"name-error\""))
        .body(containsString("id=\"repositoryUrl-error\""))
        .body(containsString("no server named no-such-server"));
    String app = unique("dupapp");
    asAdmin().body(Map.of("name", app)).post("/api/applications").then().statusCode(201);
    asAdmin().body(Map.of("name", app)).post("/api/applications").then().statusCode(409);
    asAdmin()
        .body(
            Map.of(
                "name",
                unique("a"),
                "deployments",
                List.of(Map.of("server", "x y", "role", "Web Server"))))
        .post("/api/applications")
        .then()
        .statusCode(400)
        .body("fields", hasKey("deployments"));
  }

  @Test
  void locationsAreAddedAndChosenOnServers() {
    String loc = unique("dc");
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    editor
        .postForm("/locations", Map.of("name", loc, "provider", "Own datacenter"))
        .then()
        .statusCode(303);
    editor
        .postForm("/locations", Map.of("name", loc))
        .then()
        .statusCode(409)
        .body(containsString("exists"));
    editor.postForm("/locations", Map.of("name", "bad name!")).then().statusCode(400);
    asAdmin()
        .body(Map.of("name", unique("in"), "location", loc))
        .post("/api/servers")
        .then()
        .statusCode(201);
    given()
        .get("/api/locations/" + loc)
        .then()
        .body("servers", equalTo(1))
        .body("provider", equalTo("Own datacenter"));
    editor.get("/locations").then().statusCode(200).body(containsString(loc));
    asAdmin()
        .body(Map.of("name", unique("out"), "location", "atlantis"))
        .post("/api/servers")
        .then()
        .statusCode(400)
        .body("fields.location", containsString("No location named atlantis"));
  }

  @Test
  void contactsGetPhoneNumbersOnTheContactsPage() {
    String email = unique("carol") + "@example.org";
    asAdmin()
        .body(
            Map.of(
                "name",
                unique("cs"),
                "contacts",
                List.of(Map.of("name", "Carol", "email", email, "role", "technical"))))
        .post("/api/servers")
        .then()
        .statusCode(201);
    WebSession editor = WebSession.login(Api.newUser("editor"), Api.PASSWORD);
    editor.get("/contacts").then().statusCode(200).body(containsString(email));
    editor
        .postForm("/contacts/" + email, Map.of("name", "Carol Danvers", "phone", "+49 30 1234567"))
        .then()
        .statusCode(303);
    given()
        .get("/api/contacts/" + email)
        .then()
        .body("phone", equalTo("+49 30 1234567"))
        .body("name", equalTo("Carol Danvers"));
    editor
        .postForm("/contacts/" + email, Map.of("name", "", "phone", "1"))
        .then()
        .statusCode(400)
        .body(containsString("Enter a name"));
    given().get("/api/contacts/" + email).then().body("name", equalTo("Carol Danvers"));
  }
}

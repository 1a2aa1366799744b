package io.opsroom.inventory;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.opsroom.testing.Api.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsroom.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServerApiTest {

  static Map<String, Object> server(String name, Object... more) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    for (int i = 0; i < more.length; i += 2) {
      body.put((String) more[i], more[i + 1]);
    }
    return body;
  }

  static void create(Map<String, Object> body) {
    asAdmin().body(body).post("/api/servers").then().statusCode(201);
  }

  @Test
  void createsAHostAndAVmThatListEachOther() {
    String host = unique("host");
    String vm = unique("vm");
    asAdmin()
        .body(
            server(
                host,
                "kind",
                "physical",
                "environment",
                "production",
                "os",
                "Debian 12",
                "cpus",
                32,
                "memoryMb",
                "131072",
                "ipAddresses",
                List.of(
                    Map.of("address", "10.1.0.5", "mac", "AA-BB-CC-00-11-22", "label", "lan"),
                    Map.of("address", "2001:DB8::5")),
                "contacts",
                List.of(Map.of("name", "Ada Ops", "email", "ADA@example.org", "role", "owner"))))
        .post("/api/servers")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/servers/" + host))
        .body("cpus", equalTo(32))
        .body("memoryMb", equalTo(131072))
        .body("status", equalTo("active"))
        .body("ipAddresses[0].mac", equalTo("aa:bb:cc:00:11:22"))
        .body("ipAddresses[1].address", equalTo("2001:db8::5"))
        .body("contacts[0].email", equalTo("ada@example.org"));
    create(server(vm, "host", host));

    given()
        .get("/api/servers/" + vm)
        .then()
        .statusCode(200)
        .body("kind", equalTo("virtual"))
        .body("host", equalTo(host));
    given().get("/api/servers/" + host).then().body("vms", contains(vm));
    given()
        .queryParam("host", host)
        .get("/api/servers")
        .then()
        .body("count", equalTo(1))
        .body("items[0].name", equalTo(vm));
  }

  @Test
  void refusesHostingOnItselfOnAPhysicalKindAndInACycle() {
    String a = unique("vma");
    String b = unique("vmb");
    create(server(a, "kind", "virtual"));
    create(server(b, "host", a));

    asAdmin()
        .body(server(a, "host", a))
        .put("/api/servers/" + a)
        .then()
        .statusCode(400)
        .body("fields.host", containsString("cannot host itself"));
    asAdmin()
        .body(server(a, "host", b))
        .put("/api/servers/" + a)
        .then()
        .statusCode(400)
        .body("fields.host", containsString("cycle"));
    asAdmin()
        .body(server(unique("p"), "kind", "physical", "host", a))
        .post("/api/servers")
        .then()
        .statusCode(400)
        .body("fields.host", containsString("Only a virtual server"));
    asAdmin()
        .body(server(unique("v"), "host", "no-such-host"))
        .post("/api/servers")
        .then()
        .statusCode(400)
        .body("fields.host", containsString("No server named no-such-host"));
    given().get("/api/servers/" + a).then().body("host", nullValue());
  }

  @Test
  void refusesBadNamesAndAddressesAndWritesNothing() {
    String name = unique("bad");
    asAdmin()
        .body(
            server(
                name,
                "cpus",
                "many",
                "ipAddresses",
                List.of(Map.of("address", "10.0.0.300")),
                "environment",
                "Prod Env"))
        .post("/api/servers")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("fields.cpus", containsString("whole number"))
        .body("fields.ipAddresses", containsString("10.0.0.300"))
        .body("fields.environment", containsString("one lower-case word"));
    given().get("/api/servers/" + name).then().statusCode(404);

    for (String bad : List.of("web 01", "web01\r\nBcc: x@example.org", "-web", "web..01", "")) {
      asAdmin()
          .body(server(bad))
          .post("/api/servers")
          .then()
          .statusCode(400)
          .body("fields", hasKey("name"));
    }
    asAdmin()
        .body(
            server(unique("m"), "ipAddresses", List.of(Map.of("address", "10.0.0.1", "mac", "zz"))))
        .post("/api/servers")
        .then()
        .statusCode(400)
        .body("fields.ipAddresses", containsString("not a MAC address"));
    asAdmin()
        .body(server(unique("h"), "ipAddresses", List.of(Map.of("address", "example.org"))))
        .post("/api/servers")
        .then()
        .statusCode(400);
  }

  @Test
  void duplicateNamesConflictWhateverTheCase() {
    String name = unique("dup");
    create(server(name));
    asAdmin()
        .body(server(name.toUpperCase()))
        .post("/api/servers")
        .then()
        .statusCode(409)
        .body("fields.name", containsString("exists"));
    String other = unique("other");
    create(server(other));
    asAdmin().body(server(name)).put("/api/servers/" + other).then().statusCode(409);
  }

  @Test
  void aHostWithRunningVmsIsNotDecommissioned() {
    String host = unique("dhost");
    String vm = unique("dvm");
    create(server(host));
    create(server(vm, "host", host));
    asAdmin()
        .body(server(host, "status", "decommissioned"))
        .put("/api/servers/" + host)
        .then()
        .statusCode(400)
        .body("fields.status", containsString(vm));
    asAdmin()
        .body(server(vm, "host", host, "status", "decommissioned"))
        .put("/api/servers/" + vm)
        .then()
        .statusCode(200);
    asAdmin()
        .body(server(host, "status", "decommissioned"))
        .put("/api/servers/" + host)
        .then()
        .statusCode(200);
    asAdmin()
        .body(server(unique("late"), "host", host))
        .post("/api/servers")
        .then()
        .statusCode(400)
        .body("fields.host", containsString("decommissioned"));
  }

  @Test
  void everyChangeIsInTheAuditTrailWithBeforeAndAfter() {
    String name = unique("audit");
    create(server(name, "os", "Debian 11"));
    asAdmin()
        .body(server(name, "os", "Debian 12", "cpus", 4))
        .put("/api/servers/" + name)
        .then()
        .statusCode(200);
    // Saving the same values again changes nothing, so it records nothing.
    asAdmin()
        .body(server(name, "os", "Debian 12", "cpus", 4))
        .put("/api/servers/" + name)
        .then()
        .statusCode(200);
    var changes =
        given()
            .get("/api/servers/" + name + "/changes")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(2, changes.getList("").size());
    assertEquals("update", changes.getString("[0].action"));
    assertEquals("changed cpus, os", changes.getString("[0].summary"));
    assertEquals("Debian 11", changes.getString("[0].before.os"));
    assertEquals("Debian 12", changes.getString("[0].after.os"));
    assertEquals("token:provisioning", changes.getString("[0].actor"));
    assertEquals("create", changes.getString("[1].action"));
  }

  @Test
  void filtersSearchesSortsAndPages() {
    String tag = unique("flt");
    create(server(tag + "-a", "environment", "staging", "primaryFunction", "Mail relay"));
    create(
        server(
            tag + "-b",
            "environment",
            "staging",
            "ipAddresses",
            List.of(Map.of("address", "192.0.2.77"))));
    create(server(tag + "-c", "environment", "production", "status", "planned"));

    given()
        .queryParam("q", tag)
        .queryParam("environment", "staging")
        .queryParam("sort", "-name")
        .get("/api/servers")
        .then()
        .statusCode(200)
        .body("count", equalTo(2))
        .body("items.name", contains(tag + "-b", tag + "-a"));
    given()
        .queryParam("q", "192.0.2.77")
        .get("/api/servers")
        .then()
        .body("items.name", hasItem(tag + "-b"));
    given()
        .queryParam("q", "mail relay")
        .get("/api/servers")
        .then()
        .body("items.name", hasItem(tag + "-a"));
    given()
        .queryParam("q", tag)
        .queryParam("perPage", 2)
        .queryParam("page", 2)
        .get("/api/servers")
        .then()
        .body("count", equalTo(3))
        .body("page", equalTo(2))
        .body("items.size()", equalTo(1));
    given()
        .queryParam("sort", "color")
        .get("/api/servers")
        .then()
        .statusCode(400)
        .body("fields.sort", containsString("Sort by one of"));
    given()
        .queryParam("page", "zero")
        .get("/api/servers")
        .then()
        .statusCode(400)
        .body("fields", hasKey("page"));
    given().queryParam("perPage", 100000).get("/api/servers").then().statusCode(400);
  }

  @Test
  void viewersReadButDoNotWriteAndAnonymousWritesAreRefused() {
    String viewer = Api.newToken("viewer");
    withToken(viewer).get("/api/servers").then().statusCode(200);
    withToken(viewer).body(server(unique("v"))).post("/api/servers").then().statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(server(unique("anon")))
        .post("/api/servers")
        .then()
        .statusCode(401);
    String editor = Api.newToken("editor");
    withToken(editor).body(server(unique("e"))).post("/api/servers").then().statusCode(201);
  }

  @Test
  void unreadableJsonIsA400WithAField() {
    asAdmin()
        .body("{\"name\": \"x\", \"ipAddresses\": \"not a list\"}")
        .post("/api/servers")
        .then()
        .statusCode(400)
        .body("fields", hasKey("ipAddresses"));
    asAdmin()
        .body("{not json")
        .post("/api/servers")
        .then()
        .statusCode(400)
        .body("message", not(containsString("Exception")));
  }

  @Test
  void trailingDotsAndHugeNumbersAreHandledBeforeTheDatabase() {
    String name = unique("dot");
    asAdmin()
        .body(server(name + "."))
        .post("/api/servers")
        .then()
        .statusCode(201)
        .body("name", equalTo(name));
    asAdmin()
        .body(server(unique("big"), "cpus", 100001))
        .post("/api/servers")
        .then()
        .statusCode(400)
        .body("fields.cpus", containsString("at most"));
    asAdmin()
        .body(server(unique("dots") + ".."))
        .post("/api/servers")
        .then()
        .statusCode(400)
        .body("fields", hasKey("name"));
    given()
        .queryParam("type", "bogus")
        .get("/api/changes")
        .then()
        .statusCode(400)
        .body("fields.type", containsString("server"));
    given().queryParam("type", "server").get("/api/changes").then().statusCode(200);
  }

  @Test
  void renamingAContactIsNoChangeOfItsServers() {
    String name = unique("ren");
    String email = unique("rc") + "@example.org";
    var contacts = List.of(Map.of("name", "Rita", "email", email, "role", "owner"));
    create(server(name, "contacts", contacts));
    asAdmin()
        .body(Map.of("name", "Rita Renamed"))
        .put("/api/contacts/" + email)
        .then()
        .statusCode(200);
    asAdmin()
        .body(server(name, "contacts", contacts))
        .put("/api/servers/" + name)
        .then()
        .statusCode(200)
        .body("contacts[0].name", equalTo("Rita Renamed"));
    given().get("/api/servers/" + name + "/changes").then().body("size()", equalTo(1));
    given()
        .queryParam("type", "contact")
        .get("/api/changes")
        .then()
        .body("items.summary", hasItem("changed name"));
  }
}

package io.opsroom.inventory;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.events.Event;
import io.opsroom.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/** Every recorded inventory change is also a changelog event, written in the same transaction. */
@QuarkusTest
class InventoryEventsTest {

  @Inject SessionFactory sessionFactory;
  @Inject ChangeRecorder recorder;

  /** The inventory events that have this tag, oldest first. */
  @SuppressWarnings("unchecked")
  static List<Event> eventsTagged(String tag) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Event.getEntityManager()
                    .createNativeQuery(
                        "select * from event where source = 'inventory' and ?1 = any(tags)"
                            + " order by id",
                        Event.class)
                    .setParameter(1, tag)
                    .getResultList());
  }

  @Test
  void creatingAndChangingAServerAreEventsAndANoOpUpdateIsNone() {
    String name = unique("evsrv");
    asAdmin()
        .body(Map.of("name", name, "os", "Debian 11", "cpus", 4))
        .post("/api/servers")
        .then()
        .statusCode(201);

    List<Event> events = eventsTagged("server=" + name);
    assertEquals(1, events.size());
    Event created = events.get(0);
    assertEquals("created server " + name, created.title);
    assertEquals(List.of("inventory", "action=create", "server=" + name), created.tags);
    assertEquals("token:provisioning", created.author);
    assertTrue(created.body.contains("- **os**: Debian 11"), created.body);

    asAdmin()
        .body(Map.of("name", name, "os", "Debian 12", "cpus", 8))
        .put("/api/servers/" + name)
        .then()
        .statusCode(200);
    events = eventsTagged("server=" + name);
    assertEquals(2, events.size());
    Event changed = events.get(1);
    assertEquals(name + ": changed cpus, os", changed.title);
    assertEquals(List.of("inventory", "action=update", "server=" + name), changed.tags);
    assertTrue(changed.body.contains("- **cpus**: 4 → 8"), changed.body);
    assertTrue(changed.body.contains("- **os**: Debian 11 → Debian 12"), changed.body);

    // The same values again: no change recorded, no event.
    asAdmin()
        .body(Map.of("name", name, "os", "Debian 12", "cpus", 8))
        .put("/api/servers/" + name)
        .then()
        .statusCode(200);
    assertEquals(2, eventsTagged("server=" + name).size());
  }

  @Test
  void aDeletionIsAnEventToo() {
    String name = unique("evgone");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                recorder.record(
                    "ada",
                    "application",
                    999_999,
                    name,
                    Map.of("name", name, "title", "Gone"),
                    null));

    List<Event> events = eventsTagged("app=" + name);
    assertEquals(1, events.size());
    assertEquals("deleted application " + name, events.get(0).title);
    assertEquals(List.of("inventory", "action=delete", "app=" + name), events.get(0).tags);
    assertEquals("ada", events.get(0).author);
  }

  @Test
  void longValuesAreCutAndMarkdownInValuesIsShownAsText() {
    String name = unique("evlong");
    asAdmin()
        .body(Map.of("name", name, "description", "x".repeat(500), "os", "*bold* [link](/x)"))
        .post("/api/servers")
        .then()
        .statusCode(201);
    Event created = eventsTagged("server=" + name).get(0);
    assertTrue(created.body.contains("x".repeat(100) + "…"), created.body);
    assertTrue(!created.body.contains("x".repeat(300)), "cut");
    assertTrue(created.body.contains("\\*bold\\* \\[link\\](/x)"), created.body);
  }

  @Test
  void anApplicationsDeploymentsLinkTheEventToTheirServers() {
    String server = unique("evdep");
    asAdmin().body(Map.of("name", server)).post("/api/servers").then().statusCode(201);
    String app = unique("evapp");
    asAdmin()
        .body(Map.of("name", app, "deployments", List.of(Map.of("server", server, "role", "web"))))
        .post("/api/applications")
        .then()
        .statusCode(201);

    List<Event> events = eventsTagged("app=" + app);
    assertEquals(1, events.size());
    assertEquals(
        List.of("inventory", "action=create", "app=" + app, "server=" + server),
        events.get(0).tags);
    assertEquals(1, eventsTagged("server=" + server).size() - 1, "shown on the server's page");
  }

  @Test
  void confirmingAnAliasWritesAnEventLinkedToItsTarget() {
    String server = unique("evalias");
    asAdmin().body(Map.of("name", server)).post("/api/servers").then().statusCode(201);
    String hostname = unique("evwiki") + ".example.org";
    asAdmin()
        .body(Map.of("hostname", hostname, "server", server, "description", "Team wiki"))
        .post("/api/aliases")
        .then()
        .statusCode(201);
    asAdmin().body(Map.of()).post("/api/aliases/" + hostname + "/confirm").then().statusCode(200);

    List<Event> events = eventsTagged("alias=" + hostname);
    assertEquals(
        List.of(
            "created alias " + hostname, hostname + ": changed confirmedAt, confirmedBy, status"),
        events.stream().map(e -> e.title).toList());
    Event confirmed = events.get(1);
    assertEquals(
        List.of("inventory", "action=update", "alias=" + hostname, "server=" + server),
        confirmed.tags);
    assertTrue(confirmed.body.contains("- **status**: requested → active"), confirmed.body);
  }

  @Test
  void aTwoHundredLineImportWritesOneEventPerServerAndNoExtraQuery() {
    String prefix = unique("evcsv");
    StringBuilder file = new StringBuilder("name,os,cpus\n");
    for (int i = 0; i < 200; i++) {
      file.append(prefix)
          .append('-')
          .append(i)
          .append(",Debian 12,")
          .append(i % 8 + 1)
          .append('\n');
    }
    Statistics statistics = sessionFactory.getStatistics();
    statistics.clear();
    given()
        .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
        .contentType("text/csv; charset=UTF-8")
        .accept(ContentType.JSON)
        .queryParam("apply", true)
        .body(file.toString().getBytes(StandardCharsets.UTF_8))
        .post("/api/import/servers")
        .then()
        .statusCode(200);
    long statements = statistics.getPrepareStatementCount();
    long eventInserts = statistics.getEntityStatistics(Event.class.getName()).getInsertCount();
    System.out.printf(
        "CSV import of 200 servers: %d statements, %d event inserts%n", statements, eventInserts);

    // The import runs every line twice: a check that is rolled back, then the write.
    assertEquals(400, eventInserts, "one event insert per line and pass");
    assertEquals(1, eventsTagged("server=" + prefix + "-17").size(), "one event per line kept");
    assertEquals(
        200L,
        QuarkusTransaction.requiringNew()
            .call(() -> Event.count("title like ?1", "created server " + prefix + "-%")));
    // Measured before events existed: 2,004 statements for these 200 lines. Each line adds its
    // event's insert per pass and nothing else: no query per line.
    assertTrue(statements <= BASELINE + 400, statements + " statements");
  }

  static final long BASELINE = 2004;
}

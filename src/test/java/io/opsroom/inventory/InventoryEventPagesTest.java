package io.opsroom.inventory;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.events.EventInput;
import io.opsroom.events.EventLinks;
import io.opsroom.events.EventService;
import io.opsroom.events.EventSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/** The Events section of server and application pages: the object's newest events, in one query. */
@QuarkusTest
class InventoryEventPagesTest {

  /** The pages' statements before they had an Events section, measured on this test's data. */
  static final long SERVER_PAGE_BEFORE = 8;

  static final long APPLICATION_PAGE_BEFORE = 6;

  @Inject SessionFactory sessionFactory;
  @Inject EventService events;

  long statementsFor(String path) {
    var statistics = sessionFactory.getStatistics();
    statistics.clear();
    given().get(path).then().statusCode(200);
    return statistics.getPrepareStatementCount();
  }

  @Test
  void theServerSectionCostsOneQueryWhateverTheNumberOfEvents() {
    String quiet = unique("evpq");
    String busy = unique("evpb");
    for (String name : new String[] {quiet, busy}) {
      asAdmin().body(Map.of("name", name, "cpus", 1)).post("/api/servers").then().statusCode(201);
    }
    for (int i = 2; i < 15; i++) {
      asAdmin()
          .body(Map.of("name", busy, "cpus", i))
          .put("/api/servers/" + busy)
          .then()
          .statusCode(200);
    }
    statementsFor("/servers/" + quiet);

    assertEquals(SERVER_PAGE_BEFORE + 1, statementsFor("/servers/" + quiet));
    assertEquals(SERVER_PAGE_BEFORE + 1, statementsFor("/servers/" + busy));
  }

  @Test
  void theApplicationSectionCostsOneQueryWhateverTheNumberOfEvents() {
    String quiet = unique("evaq");
    String busy = unique("evab");
    for (String name : new String[] {quiet, busy}) {
      asAdmin()
          .body(Map.of("name", name, "title", "T"))
          .post("/api/applications")
          .then()
          .statusCode(201);
    }
    for (int i = 2; i < 15; i++) {
      asAdmin()
          .body(Map.of("name", busy, "title", "T" + i))
          .put("/api/applications/" + busy)
          .then()
          .statusCode(200);
    }
    statementsFor("/applications/" + quiet);

    assertEquals(APPLICATION_PAGE_BEFORE + 1, statementsFor("/applications/" + quiet));
    assertEquals(APPLICATION_PAGE_BEFORE + 1, statementsFor("/applications/" + busy));
  }

  @Test
  void theServerPageShowsItsNewestTenEventsAndLinksToAll() {
    String name = unique("evshow");
    asAdmin().body(Map.of("name", name)).post("/api/servers").then().statusCode(201);
    Instant base = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < 12; i++) {
      events.create(
          new EventInput(
              base.plusSeconds(60L * i),
              null,
              "Deploy " + i + " of <b>it</b>",
              null,
              List.of("deploy", "server=" + name)),
          "ada",
          EventSource.API);
    }
    events.create(
        new EventInput(
            base, null, "Somewhere else", null, List.of("deploy", "server=other-" + name)),
        "ada",
        EventSource.API);

    String html = given().get("/servers/" + name).then().statusCode(200).extract().asString();
    String section = html.substring(html.indexOf("data-events"), html.indexOf("data-all-events"));
    Matcher titles = Pattern.compile("href=\"/events/\\d+\">([^<]*)</a>").matcher(section);
    List<String> shown = titles.results().map(m -> m.group(1)).toList();
    assertEquals(10, shown.size(), section);
    // Its creation is the newest event; then the deploys, newest first.
    assertEquals("created server " + name, shown.get(0));
    assertEquals("Deploy 11 of &lt;b&gt;it&lt;/b&gt;", shown.get(1));
    assertTrue(!section.contains("Somewhere else"));
    assertTrue(section.contains(">api</span>"), "the source");
    assertTrue(
        section.contains("href=\"/events?tags=server%3D" + name + "\""), "tags link to the search");
    given()
        .get("/servers/" + name)
        .then()
        .body(
            containsString("href=\"" + EventLinks.searchUrl("server", name) + "\" data-all-events"))
        .body(not(containsString("once the changelog exists")));
  }

  @Test
  void anApplicationPageShowsItsOwnEvents() {
    String name = unique("evappshow");
    asAdmin().body(Map.of("name", name)).post("/api/applications").then().statusCode(201);
    given()
        .get("/applications/" + name)
        .then()
        .statusCode(200)
        .body(containsString("created application " + name))
        .body(containsString("href=\"/events?tags=app%3D" + name + "\" data-all-events"));
  }
}

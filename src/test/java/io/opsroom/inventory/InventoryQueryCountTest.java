package io.opsroom.inventory;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * Lists load each page's addresses, contacts, VMs and deployments in batches: the number of SQL
 * statements per page does not grow with the number of rows on it.
 */
@QuarkusTest
class InventoryQueryCountTest {

  @Inject SessionFactory sessionFactory;

  private void createServers(String tag, int count) {
    String host = tag + "-host";
    asAdmin().body(Map.of("name", host)).post("/api/servers").then().statusCode(201);
    for (int i = 0; i < count; i++) {
      String name = tag + "-" + i;
      asAdmin()
          .body(
              Map.of(
                  "name",
                  name,
                  "host",
                  host,
                  "ipAddresses",
                  List.of(Map.of("address", "10.99." + (i / 200) + "." + (i % 200 + 1))),
                  "contacts",
                  List.of(
                      Map.of("name", "Query Counter", "email", "qc@example.org", "role", "owner"))))
          .post("/api/servers")
          .then()
          .statusCode(201);
      asAdmin()
          .body(
              Map.of(
                  "name",
                  name + "-app",
                  "deployments",
                  List.of(Map.of("server", name, "role", "web"))))
          .post("/api/applications")
          .then()
          .statusCode(201);
    }
  }

  private long statementsFor(String path, String q) {
    var statistics = sessionFactory.getStatistics();
    statistics.clear();
    given().queryParam("q", q).queryParam("perPage", "200").get(path).then().statusCode(200);
    return statistics.getPrepareStatementCount();
  }

  @Test
  void statementsPerPageDoNotGrowWithRows() {
    String small = unique("qsmall");
    String large = unique("qlarge");
    createServers(small, 3);
    createServers(large, 30);

    for (String path : List.of("/api/servers", "/servers", "/api/applications", "/applications")) {
      long few = statementsFor(path, small);
      long many = statementsFor(path, large);
      assertEquals(few, many, path + ": " + few + " statements for 4 rows, " + many + " for 31");
      assertTrue(many <= 15, path + " used " + many + " statements");
    }
  }
}

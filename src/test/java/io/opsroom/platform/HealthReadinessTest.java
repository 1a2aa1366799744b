package io.opsroom.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.opsroom.testing.InjectDatabase;
import io.opsroom.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: UP while PostgreSQL answers, DOWN once it is stopped. This class
 * has its own application and database, since it stops the database.
 */
@QuarkusTest
@TestProfile(HealthReadinessTest.OwnDatabase.class)
class HealthReadinessTest {

  /** A profile of its own, so Quarkus starts a separate application for this class. */
  public static class OwnDatabase implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "3S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(PostgresResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  @InjectDatabase EmbeddedDatabase database;

  @Test
  void readinessTurnsDownWhenTheDatabaseStops() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

    database.stop();

    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body(
            "checks.find { it.name == 'Database connections health check' }.status",
            equalTo("DOWN"));
    given().get("/q/health/live").then().statusCode(200);
  }
}

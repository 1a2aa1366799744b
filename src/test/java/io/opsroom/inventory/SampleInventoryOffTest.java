package io.opsroom.inventory;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Outside dev mode the sample inventory stays out: the flag is off and nothing is seeded. */
@QuarkusTest
class SampleInventoryOffTest {

  @Inject InventoryConfig config;

  @Test
  @TestTransaction
  void theTestProfileStartsWithoutTheSample() {
    assertFalse(config.sampleData());
    assertEquals(0, ObjectChange.count("actor", SampleInventory.ACTOR));
    given().get("/api/locations/dc1").then().statusCode(404);
    given().get("/api/servers/kvm01").then().statusCode(404);
    given().get("/api/aliases/wiki.example.org").then().statusCode(404);
  }

  @Test
  void onlyDevModeSwitchesItOn() throws IOException {
    Properties properties = new Properties();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("application.properties")) {
      properties.load(in);
    }
    assertNull(properties.getProperty("opsroom.sample-data"));
    assertNull(properties.getProperty("%prod.opsroom.sample-data"));
    assertEquals("true", properties.getProperty("%dev.opsroom.sample-data"));
  }
}

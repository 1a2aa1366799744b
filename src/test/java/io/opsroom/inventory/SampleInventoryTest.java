package io.opsroom.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** With OPSROOM_SAMPLE_DATA=true, an empty database starts with the whole sample inventory. */
@QuarkusTest
@TestProfile(SampleInventoryTest.WithSampleData.class)
class SampleInventoryTest {

  /** The test settings plus the flag that dev mode sets. */
  public static class WithSampleData implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("opsroom.sample-data", "true");
    }
  }

  @Inject SampleInventory sample;

  @Test
  @TestTransaction
  void startFillsTheEmptyInventoryThroughTheServices() {
    assertEquals(5, Location.count());
    assertBetween(20, 35, Server.count(), "servers");
    assertBetween(15, 30, Application.count(), "applications");

    List<Server> hosts = Server.list("kind = 'physical' order by name");
    assertBetween(3, 4, hosts.size(), "physical hosts");
    for (Server host : hosts) {
      assertBetween(2, 5, host.vms.size(), "VMs on " + host.name);
      assertFalse(host.location.name.startsWith("linode"), host.name + " is in our rooms");
      host.vms.forEach(vm -> assertEquals(host.location, vm.location, vm.name + "'s location"));
    }
    assertBetween(3, 10, Server.count("kind = 'cloud' and location.provider = 'Linode'"), "Linode");
    assertBetween(2, 3, Server.count("location.name", "aws-eu-west-1"), "AWS instances");
    assertBetween(1, 2, Server.count("status", "planned"), "planned servers");
    assertEquals(1, Server.count("status", "decommissioned"));
    assertEquals(0, Server.count("graphitePrefix != concat('servers.', name)"));

    Map<String, Long> aliases = countBy(DnsAlias.<DnsAlias>listAll(), a -> a.status);
    assertTrue(aliases.get("active") > aliases.values().stream().mapToLong(n -> n).sum() / 2);
    assertBetween(2, 5, aliases.get("requested"), "requested aliases");
    assertEquals(1, aliases.get("change-requested"));
    assertEquals(1, aliases.get("retired"));
    List<DnsAlias> external = DnsAlias.list("external", true);
    assertEquals(1, external.size());
    assertEquals("active", external.get(0).status);
    assertTrue(external.get(0).administrativeInfo.contains("University IT"));

    Map<String, Long> notes = countBy(Note.<Note>listAll(), n -> n.kind);
    assertEquals(Set.of("info", "change", "warning"), notes.keySet());
    assertEquals(0, ObjectChange.count("actor != ?1", SampleInventory.ACTOR));
  }

  @Test
  @TestTransaction
  void seedingAgainAddsNothing() {
    long changes = ObjectChange.count();
    long notes = Note.count();
    assertTrue(sample.seedIfEmpty().isEmpty());
    assertEquals(changes, ObjectChange.count());
    assertEquals(notes, Note.count());
  }

  @Test
  void theApiShowsTheSample() {
    given()
        .get("/api/servers/kvm02")
        .then()
        .statusCode(200)
        .body("location", equalTo("dc1"))
        .body("vms", contains("ci01", "db01", "db02", "ldap02"));
    given()
        .get("/api/aliases/db.example.org")
        .then()
        .statusCode(200)
        .body("status", equalTo("change-requested"))
        .body("server", equalTo("db01"))
        .body("pendingServer", equalTo("db02"));
    given()
        .get("/api/applications/customer-portal")
        .then()
        .statusCode(200)
        .body("repositoryUrl", equalTo("https://git.example.org/web/portal"));
  }

  private static void assertBetween(long low, long high, long actual, String what) {
    assertTrue(low <= actual && actual <= high, what + ": " + actual);
  }

  private static <T> Map<String, Long> countBy(
      List<T> items, java.util.function.Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
  }
}

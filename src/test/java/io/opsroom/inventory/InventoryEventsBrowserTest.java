package io.opsroom.inventory;

import static io.opsroom.testing.Api.asAdmin;
import static io.opsroom.testing.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.events.EventInput;
import io.opsroom.events.EventService;
import io.opsroom.events.EventSource;
import io.opsroom.testing.BrowserTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server page's Events section in a browser, on a desktop and on a phone. */
@QuarkusTest
class InventoryEventsBrowserTest extends BrowserTest {

  @Inject EventService events;

  @Test
  void theServerPageListsItsEvents() {
    String name = unique("evweb");
    asAdmin()
        .body(Map.of("name", name, "os", "Debian 11"))
        .post("/api/servers")
        .then()
        .statusCode(201);
    asAdmin()
        .body(Map.of("name", name, "os", "Debian 12"))
        .put("/api/servers/" + name)
        .then()
        .statusCode(200);
    Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
    events.create(
        new EventInput(
            at,
            null,
            "Deploy shop 4.2.1 with the new checkout and a rather long title to see it wrap",
            null,
            List.of("deploy", "app=shop", "server=" + name)),
        "ada",
        EventSource.API);

    page.navigate(url("/servers/" + name));
    assertEquals(3, page.locator("[data-events] li[data-event-id]").count());
    assertTrue(page.locator("[data-all-events]").getAttribute("href").endsWith("server%3D" + name));
    page.locator("#events").scrollIntoViewIfNeeded();
    screenshot("server-events");
    phoneSize();
    page.navigate(url("/servers/" + name + "#events"));
    screenshot("server-events-phone");
  }
}

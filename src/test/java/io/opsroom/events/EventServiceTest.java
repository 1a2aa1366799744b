package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.platform.InvalidInputException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Storing events: tags and attributes on PostgreSQL, the search vector, and refusals. */
@QuarkusTest
class EventServiceTest {

  @Inject EventService events;

  @Test
  void storesTagsAttributesAndASearchableVector() {
    Event event =
        events.create(
            new EventInput(
                Instant.parse("2026-03-01T14:05:00Z"),
                null,
                "Deployed web 1.2 to production",
                "Rolled out *quickly*.",
                List.of("deploy", "App=web", "server=web01")),
            "alice",
            EventSource.API);
    Event read = QuarkusTransaction.requiringNew().call(() -> Event.findById(event.id));
    assertEquals(List.of("deploy", "app=web", "server=web01"), read.tags);
    assertEquals(Map.of("app", List.of("web"), "server", List.of("web01")), read.attrs);
    assertEquals("api", read.source);
    long found =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number)
                            Event.getEntityManager()
                                .createNativeQuery(
                                    "select count(*) from event where id = ?1 and search @@"
                                        + " websearch_to_tsquery('english', 'deployed web01')")
                                .setParameter(1, event.id)
                                .getSingleResult())
                        .longValue());
    assertEquals(1, found);
  }

  @Test
  void refusesEverythingWrongAtOnceAndWritesNothing() {
    long before = QuarkusTransaction.requiringNew().call(() -> Event.count());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                events.create(
                    new EventInput(null, null, " ", "x".repeat(5 * 1024 * 1024), List.of("a b")),
                    "alice",
                    EventSource.API));
    assertTrue(e.fieldErrors().keySet().containsAll(List.of("title", "body", "tags")));
    assertEquals(before, QuarkusTransaction.requiringNew().call(() -> Event.count()));
  }

  @Test
  void anOutageTagAddedByAnEditCreatesTheOutage() {
    String key = io.opsroom.testing.Api.unique("edited").toLowerCase();
    Event event =
        events.create(
            new EventInput(null, null, "Checkout is down", null, List.of("checkout")),
            "alice",
            EventSource.WEB);
    events.update(
        event.id,
        new EventInput(
            event.at,
            null,
            "Checkout is down",
            null,
            List.of("checkout", "outage=" + key, "start")));
    Outage outage = QuarkusTransaction.requiringNew().call(() -> Outage.findById(key));
    assertEquals("Checkout is down", outage.title);
  }
}

package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.events.EventInput;
import io.opsroom.events.EventService;
import io.opsroom.events.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text and tags of alert events, without a database: whatever the file says, they are valid.
 */
class AlertEventsTextTest {

  static final Instant AT = Instant.parse("2026-03-14T10:05:00Z");

  static AlertDefinition alert(String yaml) {
    AlertFile file = new AlertFileParser().parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), file.problems());
    return file.alerts().get(0);
  }

  @Test
  void aTransitionSaysWhatChangedWithTheValueTheThresholdsAndTheLink() {
    AlertDefinition alert =
        alert(
            "alerts:\n  - {id: web-5xx, name: Web 5xx, target: a.b, warning: 1, critical: 5,"
                + " labels: {app: web, server: web01, team: ops}}\n");

    EventInput event =
        AlertEvents.transition(alert, Level.OK, Level.CRITICAL, AT, 7.25, "worst: web02");

    assertEquals("Web 5xx: OK → CRITICAL", event.title());
    assertEquals(AT, event.at());
    assertEquals(
        "**OK → CRITICAL**, value 7.25 (warning above 1, critical above 5).\n\n"
            + "worst: web02\n\n[Alert page](/alerts/web-5xx)",
        event.body());
    assertEquals(
        List.of("alert", "alert=web-5xx", "level=critical", "from=ok", "app=web", "server=web01"),
        event.tags());
    assertNull(Tags.problem(event.tags()));
  }

  @Test
  void aHugeNameAndMessageStillMakeAValidEvent() {
    AlertDefinition alert =
        alert(
            "alerts:\n  - {id: long, name: '" + "n".repeat(600) + "', target: a.b, critical: 5}\n");

    EventInput event =
        AlertEvents.transition(alert, Level.OK, Level.ERROR, AT, null, "m".repeat(50_000));

    assertEquals(EventService.MAX_TITLE, event.title().length());
    assertTrue(event.title().endsWith("…: OK → ERROR"), event.title());
    assertTrue(event.body().length() < 3_000, "the message is cut");
    assertEquals(List.of("alert", "alert=long", "level=error", "from=ok"), event.tags());
  }

  @Test
  void flappingHasItsOwnTag() {
    AlertDefinition alert =
        alert("alerts:\n  - {id: f, name: F, target: a.b, critical: 5, labels: {server: 'a b'}}\n");

    EventInput started = AlertEvents.flapping(alert, true, Level.CRITICAL, AT);
    EventInput stopped = AlertEvents.flapping(alert, false, Level.OK, AT);

    assertEquals("F: flapping", started.title());
    assertEquals("F: stopped flapping", stopped.title());
    assertEquals(List.of("alert", "alert=f", "flapping", "server=a_b"), started.tags());
  }
}

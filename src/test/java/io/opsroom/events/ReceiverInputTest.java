package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.platform.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Graphite and Anthracite receivers make of their input, without the application. */
class ReceiverInputTest {

  private static EventInput graphite(String json) {
    return GraphiteEventJson.read(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void graphiteTimesAreEpochSecondsToTheMicrosecond() {
    assertEquals(
        Instant.parse("2023-11-14T22:13:20.123456Z"),
        graphite("{\"what\":\"x\",\"when\":1700000000.1234567}").at());
    assertEquals(
        Instant.parse("2023-11-14T22:13:20Z"), graphite("{\"what\":\"x\",\"when\":1.7E9}").at());
    assertNull(graphite("{\"what\":\"x\",\"when\":null}").at());
    assertNull(graphite("{\"what\":\"x\"}").at());
  }

  @Test
  void graphiteRefusalsNameEveryBadField() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> graphite("{\"what\":[],\"tags\":[1],\"when\":-5,\"data\":true}"));
    assertEquals(List.of("what", "data", "tags", "when"), List.copyOf(e.fieldErrors().keySet()));
    assertTrue(e.fieldErrors().get("when").contains("before 1970"));
    InvalidInputException cut =
        assertThrows(InvalidInputException.class, () -> graphite("{\"what\": \"x\""));
    assertTrue(cut.getMessage().startsWith("The body is not valid JSON (line 1"), cut.getMessage());
  }

  @Test
  void anthracitesDescriptionGivesTitleAndBody() {
    EventInput input =
        AnthraciteForm.read(
            Map.of(
                "event_desc", "\r\n  Deployed api 3.1  \r\n\r\n- fix login\r\n",
                "event_tags", "deploy,app=api  manual",
                "event_timestamp", " 1700000000 "));
    assertEquals("Deployed api 3.1", input.title());
    assertEquals("- fix login", input.body());
    assertEquals(List.of("deploy", "app=api", "manual"), input.tags());
    assertEquals(Instant.ofEpochSecond(1_700_000_000), input.at());
  }

  @Test
  void anOverlongFirstLineIsCutAndTheWholeDescriptionKept() {
    String first = "w".repeat(600);
    EventInput input = AnthraciteForm.read(Map.of("event_desc", first + "\nmore"));
    assertEquals(EventService.MAX_TITLE, input.title().length());
    assertTrue(input.title().endsWith("…"));
    assertEquals(first + "\nmore", input.body());
  }

  @Test
  void anthraciteRefusalsUseAnthracitesWords() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> AnthraciteForm.read(Map.of("event_timestamp", "1.5", "event_desc", "")));
    assertEquals(List.of("event_timestamp", "event_desc"), List.copyOf(e.fieldErrors().keySet()));
    e.fieldErrors()
        .values()
        .forEach(m -> assertTrue(m.startsWith("Could not create new event: "), m));
  }
}

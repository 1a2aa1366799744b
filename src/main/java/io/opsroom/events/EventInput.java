package io.opsroom.events;

import java.time.Instant;
import java.util.List;

/**
 * An event as a way in hands it over, before validation.
 *
 * @param at when it happened; null for now
 * @param endAt when it ended; null for a moment
 * @param title one line; required
 * @param body markdown; may be null
 * @param tags words and key=value pairs; may be null
 */
public record EventInput(Instant at, Instant endAt, String title, String body, List<String> tags) {

  public EventInput {
    tags = tags == null ? List.of() : tags;
  }
}

package io.opsroom.events;

import java.util.Locale;
import java.util.Optional;

/** Where an event came from; stored lower-case in {@code event.source}. */
public enum EventSource {
  /** The event form. */
  WEB,
  /** {@code POST /api/events}. */
  API,
  /** {@code deploy/opsroom-event}. */
  CLI,
  /** {@code deploy/opsroom-git-event}. */
  GIT,
  /** An alert changed level. */
  ALERT,
  /** An inventory object was created, changed or deleted. */
  INVENTORY,
  /** Graphite's events API, {@code POST /events/}. */
  GRAPHITE,
  /** Anthracite's receiver, {@code POST /events/add/script}. */
  ANTHRACITE;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventSource> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (EventSource source : values()) {
      if (source.word().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}

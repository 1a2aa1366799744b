package io.opsroom.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test fixtures for the channels: two alerts of the route "web" (a disk that fired CRITICAL with a
 * runbook and a description, a load that recovered) and the dispatches that carry them, at one
 * fixed moment; and the expected bodies under {@code src/test/resources/notify/}.
 */
final class Notices {

  static final Instant AT = Instant.parse("2026-11-21T14:05:00Z");
  static final String BASE_URL = "https://opsroom.example.org";

  private Notices() {}

  static AlertNotice disk() {
    return new AlertNotice(
        "disk-web1",
        "Disk full on web1",
        AlertNotice.Level.CRITICAL,
        Instant.parse("2026-11-21T14:00:00Z"),
        97.2,
        80.0,
        95.0,
        "above",
        null,
        "Root filesystem is filling up.\nSee the runbook.",
        "https://wiki.example.org/runbooks/disk",
        new TreeMap<>(Map.of("server", "web1", "team", "web")),
        List.of(),
        false,
        false,
        false,
        "token");
  }

  static AlertNotice load() {
    return new AlertNotice(
        "load-web2",
        "Load on web2",
        AlertNotice.Level.OK,
        Instant.parse("2026-11-21T14:04:00Z"),
        1.5,
        4.0,
        8.0,
        "above",
        null,
        null,
        null,
        new TreeMap<>(Map.of("server", "web2", "team", "web")),
        List.of(),
        false,
        false,
        false,
        null);
  }

  /** An alert at this level, with a message and no runbook, labelled with the app "shop". */
  static AlertNotice at(String id, AlertNotice.Level level) {
    return new AlertNotice(
        id,
        "Alert " + id,
        level,
        Instant.parse("2026-11-21T13:00:00Z"),
        level == AlertNotice.Level.UNKNOWN ? null : 5.0,
        3.0,
        4.0,
        "above",
        level == AlertNotice.Level.UNKNOWN ? "no data for 5min" : null,
        null,
        null,
        new TreeMap<>(Map.of("app", "shop")),
        List.of(),
        false,
        false,
        false,
        null);
  }

  /** The disk fired and the load recovered, together on the route "web". */
  static Dispatch group(String key) {
    return alerts(
        key,
        new Dispatch.Item(disk(), Dispatch.ItemKind.FIRING, null),
        new Dispatch.Item(load(), Dispatch.ItemKind.RECOVERED, null));
  }

  static Dispatch alerts(String key, Dispatch.Item... items) {
    return new Dispatch(key, Dispatch.Kind.ALERTS, "web", List.of(items), null, null, AT, BASE_URL);
  }

  static Dispatch about(Dispatch.Kind kind, String key, String title, String text) {
    return new Dispatch(key, kind, null, List.of(), title, text, AT, BASE_URL);
  }

  /** A file of {@code src/test/resources/notify/} as text. */
  static String fixture(String name) {
    try (InputStream in = Notices.class.getResourceAsStream("/notify/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture notify/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return HttpDelivery.PAYLOAD.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not JSON: " + text, e);
    }
  }
}

package io.opsroom.inventory;

import io.opsroom.events.EventInput;
import io.opsroom.events.EventService;
import io.opsroom.events.Tags;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an inventory change looks like in the changelog: "web01: changed os, cpus", the changed
 * fields before → after as a short markdown list, and the tags {@code inventory}, {@code
 * action=...} and the object ({@code server=web01}), plus the servers and applications it links (an
 * alias's target, an application's deployments), so the event shows on their pages too.
 */
final class ChangeEvents {

  /** The tag every inventory event has. */
  static final String TAG = "inventory";

  /** Longer values (a description) are cut: the object's history has them whole. */
  static final int MAX_VALUE = 100;

  /** More fields than this are summed up as "and N more". */
  static final int MAX_FIELDS = 15;

  private ChangeEvents() {}

  /** The event of one recorded change. */
  static EventInput of(ObjectChange change, List<String> changedKeys) {
    String word = word(change.objectType);
    String title =
        switch (change.action) {
          case "create" -> "created " + word + " " + change.objectName;
          case "delete" -> "deleted " + word + " " + change.objectName;
          default -> change.objectName + ": " + change.summary;
        };
    if (title.length() > EventService.MAX_TITLE) {
      title = title.substring(0, EventService.MAX_TITLE - 1) + "…";
    }
    List<String> tags = new ArrayList<>();
    tags.add(TAG);
    tags.add(Tags.pair("action", change.action));
    add(tags, tagKey(change.objectType), change.objectName);
    for (String server : linked(change, "server", "pendingServer")) {
      add(tags, "server", server);
    }
    for (String app : linked(change, "application", "pendingApplication")) {
      add(tags, "app", app);
    }
    if ("application".equals(change.objectType)) {
      for (String server : changedDeployments(change.before, change.after)) {
        add(tags, "server", server);
      }
    }
    return new EventInput(change.at, null, title, body(change, changedKeys), tags);
  }

  /** The tag key of an object type: the same words alert labels and event forms use. */
  static String tagKey(String objectType) {
    return "application".equals(objectType) ? "app" : objectType;
  }

  private static String word(String objectType) {
    return objectType == null ? "object" : objectType;
  }

  private static void add(List<String> tags, String key, String value) {
    String tag = Tags.validPair(key, value);
    if (tag != null && !tags.contains(tag) && tags.size() < Tags.MAX_TAGS) {
      tags.add(tag);
    }
  }

  /** An alias's target and pending target, before and after, as names. */
  private static Set<String> linked(ObjectChange change, String... keys) {
    Set<String> names = new LinkedHashSet<>();
    if (!"alias".equals(change.objectType)) {
      return names;
    }
    for (Map<String, Object> state : List.of(orEmpty(change.before), orEmpty(change.after))) {
      for (String key : keys) {
        if (state.get(key) instanceof String name && !name.isBlank()) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** The servers whose deployment of an application was added, removed or changed its role. */
  private static Set<String> changedDeployments(
      Map<String, Object> before, Map<String, Object> after) {
    List<?> old = deployments(before);
    List<?> now = deployments(after);
    Set<String> servers = new LinkedHashSet<>();
    for (Object d : now) {
      if (!old.contains(d) && d instanceof Map<?, ?> m && m.get("server") instanceof String s) {
        servers.add(s);
      }
    }
    for (Object d : old) {
      if (!now.contains(d) && d instanceof Map<?, ?> m && m.get("server") instanceof String s) {
        servers.add(s);
      }
    }
    return servers;
  }

  private static List<?> deployments(Map<String, Object> state) {
    return state != null && state.get("deployments") instanceof List<?> list ? list : List.of();
  }

  private static Map<String, Object> orEmpty(Map<String, Object> state) {
    return state == null ? Map.of() : state;
  }

  /** The changed fields as "before → after"; for a create or delete, the fields it had. */
  static String body(ObjectChange change, List<String> changedKeys) {
    List<String> lines = new ArrayList<>();
    if (change.before != null && change.after != null) {
      for (String key : changedKeys) {
        lines.add(
            "- **"
                + key
                + "**: "
                + show(change.before.get(key))
                + " → "
                + show(change.after.get(key)));
      }
    } else {
      Map<String, Object> state = change.after != null ? change.after : change.before;
      for (Map.Entry<String, Object> e : orEmpty(state).entrySet()) {
        Object value = e.getValue();
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
          lines.add("- **" + e.getKey() + "**: " + show(value));
        }
      }
    }
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < Math.min(MAX_FIELDS, lines.size()); i++) {
      body.append(lines.get(i)).append('\n');
    }
    if (lines.size() > MAX_FIELDS) {
      body.append("- and ").append(lines.size() - MAX_FIELDS).append(" more\n");
    }
    return body.toString();
  }

  /** A value on one line, cut, with markdown's active characters shown as themselves. */
  static String show(Object value) {
    String text = ChangeDisplay.format(value).replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    if (text.length() > MAX_VALUE) {
      text = text.substring(0, MAX_VALUE) + "…";
    }
    return escape(Objects.requireNonNullElse(text, ""));
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\`*_[]<>|~#!".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}

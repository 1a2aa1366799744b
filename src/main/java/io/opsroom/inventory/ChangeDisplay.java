package io.opsroom.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shows audit-trail entries in pages ({@code inject:changes}): which fields, and their values. */
@ApplicationScoped
@Named("changes")
public class ChangeDisplay {

  /** The fields worth showing: what an update changed, what a create or delete set. */
  public List<String> keys(ObjectChange change) {
    if (change.before != null && change.after != null) {
      return ChangeRecorder.changedKeys(change.before, change.after);
    }
    Map<String, Object> state = change.after != null ? change.after : change.before;
    if (state == null) {
      return List.of();
    }
    return state.entrySet().stream()
        .filter(e -> !isEmpty(e.getValue()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** A value as one readable line; lists of objects become "a b c; d e f". */
  public String show(Map<String, Object> state, String key) {
    if (state == null) {
      return "";
    }
    return format(state.get(key));
  }

  static String format(Object value) {
    if (value == null) {
      return "—";
    }
    if (value instanceof List<?> list) {
      return list.isEmpty()
          ? "—"
          : list.stream().map(ChangeDisplay::format).collect(Collectors.joining("; "));
    }
    if (value instanceof Map<?, ?> map) {
      return map.values().stream()
          .filter(v -> v != null)
          .map(Object::toString)
          .collect(Collectors.joining(" "));
    }
    return value.toString();
  }

  private static boolean isEmpty(Object value) {
    return value == null || (value instanceof List<?> list && list.isEmpty());
  }
}

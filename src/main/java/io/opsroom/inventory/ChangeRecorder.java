package io.opsroom.inventory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsroom.events.EventService;
import io.opsroom.events.EventSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The one place where changes to the inventory are recorded: every create, update and delete passes
 * through {@link #record}, in the same transaction as the change itself, and each recorded change
 * also becomes a changelog event there (source inventory, tagged with the object).
 */
@ApplicationScoped
public class ChangeRecorder {

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  @Inject ObjectMapper json;
  @Inject Clock clock;
  @Inject EventService events;

  /** The state of an object as the audit trail keeps it: its API view as a JSON object. */
  public Map<String, Object> snapshot(Object view, String... leaveOut) {
    LinkedHashMap<String, Object> map = json.convertValue(view, MAP);
    for (String key : leaveOut) {
      map.remove(key);
    }
    // A server or application names its contacts by email and role. A contact's name is the
    // contact's own (with its own history): renaming one must not show as a change of every
    // server it answers for.
    if (map.get("contacts") instanceof List<?> contacts) {
      map.put(
          "contacts",
          contacts.stream()
              .map(
                  c -> {
                    if (c instanceof Map<?, ?> contact) {
                      Map<Object, Object> copy = new LinkedHashMap<>(contact);
                      copy.remove("name");
                      return copy;
                    }
                    return c;
                  })
              .toList());
    }
    return map;
  }

  /**
   * Records one change; an update that changed nothing is not recorded. Returns the entry, or null
   * when nothing changed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public ObjectChange record(
      String actor,
      String objectType,
      long objectId,
      String objectName,
      Map<String, Object> before,
      Map<String, Object> after) {
    String action = before == null ? "create" : after == null ? "delete" : "update";
    List<String> changed = changedKeys(before, after);
    if (action.equals("update") && changed.isEmpty()) {
      return null;
    }
    ObjectChange change = new ObjectChange();
    change.at = clock.instant();
    change.actor = actor == null ? "system" : actor;
    change.objectType = objectType;
    change.objectId = objectId;
    change.objectName = objectName;
    change.action = action;
    change.summary =
        switch (action) {
          case "create" -> "created";
          case "delete" -> "deleted";
          default -> "changed " + String.join(", ", changed);
        };
    change.before = before;
    change.after = after;
    change.persist();
    // Inventory events skip the extra-attribute checks, so this is one insert and no query: a
    // large CSV import stays as fast as before.
    events.create(ChangeEvents.of(change, changed), change.actor, EventSource.INVENTORY);
    return change;
  }

  /** The keys whose values differ between two snapshots, in a stable order. */
  static List<String> changedKeys(Map<String, Object> before, Map<String, Object> after) {
    if (before == null || after == null) {
      return List.of();
    }
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<String> changed = new ArrayList<>();
    for (String key : keys) {
      if (!Objects.equals(before.get(key), after.get(key))) {
        changed.add(key);
      }
    }
    return changed;
  }
}

package io.opsroom.inventory;

import java.time.Instant;
import java.util.Map;

/** An audit-trail entry as the API and the history lists show it. */
public record ChangeView(
    Instant at,
    String actor,
    String objectType,
    String objectName,
    String action,
    String summary,
    Map<String, Object> before,
    Map<String, Object> after) {

  public static ChangeView of(ObjectChange c) {
    return new ChangeView(
        c.at, c.actor, c.objectType, c.objectName, c.action, c.summary, c.before, c.after);
  }
}

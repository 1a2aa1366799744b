package io.opsroom.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What one route was last told about one failing alert: the notify side's memory, which decides
 * repeats, escalations and where a recovery goes. It lives while the alert is failing on the route.
 */
@Entity
@Table(name = "alert_notify")
class AlertNotify extends PanacheEntityBase {

  /** An alert on a route. */
  @Embeddable
  static class Key implements Serializable {
    @Column(name = "alert_id")
    String alertId;

    String route;

    Key() {}

    Key(String alertId, String route) {
      this.alertId = alertId;
      this.route = route;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && k.alertId.equals(alertId) && k.route.equals(route);
    }

    @Override
    public int hashCode() {
      return Objects.hash(alertId, route);
    }
  }

  @EmbeddedId Key key;

  @Enumerated(EnumType.STRING)
  AlertNotice.Level level;

  @Column(name = "first_sent_at")
  Instant firstSentAt;

  @Column(name = "last_sent_at")
  Instant lastSentAt;

  int repeats;

  @Column(name = "next_repeat_at")
  Instant nextRepeatAt;

  @JdbcTypeCode(SqlTypes.ARRAY)
  List<String> channels;

  NotifyPolicy.Memory memory() {
    return new NotifyPolicy.Memory(
        key.route, level, firstSentAt, lastSentAt, repeats, nextRepeatAt, channels);
  }

  void update(NotifyPolicy.Memory memory) {
    level = memory.level();
    firstSentAt = memory.firstSentAt();
    lastSentAt = memory.lastSentAt();
    repeats = memory.repeats();
    nextRepeatAt = memory.nextRepeatAt();
    channels = List.copyOf(memory.channels());
  }
}

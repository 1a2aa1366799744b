package io.opsroom.alerting;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** One change of an alert's level; the history the grid strips and alert pages draw from. */
@Entity
@Table(name = "alert_transition")
public class AlertTransition extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "alert_id")
  public String alertId;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_level")
  public Level from;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_level")
  public Level to;

  public Instant at;

  public Double value;

  public String message;

  public static List<AlertTransition> newestFirst(String alertId, int limit) {
    return find("alertId = ?1 order by at desc, id desc", alertId).page(0, limit).list();
  }

  public static List<AlertTransition> since(Instant from) {
    return list("at >= ?1 order by at, id", from);
  }
}

package io.opsroom.alerting;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * What people (and the notify side) did about an alert: acknowledged it, took that back, silenced
 * it. The alert page shows these with its transitions and the notifications sent.
 */
@Entity
@Table(name = "alert_activity")
public class AlertActivity extends PanacheEntityBase {

  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String UNACKNOWLEDGED = "unacknowledged";
  public static final String ACK_EXPIRED = "ack-expired";
  public static final String SILENCED = "silenced";
  public static final String NOTIFIED = "notified";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "alert_id")
  public String alertId;

  public Instant at;

  /** One of the constants above (the table's check constraint lists the same). */
  public String kind;

  /** Who: a username, {@code token:<name>}, {@code email link}; null for the system. */
  public String actor;

  public String detail;

  /** Records one row; the caller's transaction writes it. */
  public static AlertActivity record(
      String alertId, Instant at, String kind, String actor, String detail) {
    AlertActivity row = new AlertActivity();
    row.alertId = alertId;
    row.at = at;
    row.kind = kind;
    row.actor = actor;
    row.detail = detail;
    row.persist();
    return row;
  }

  public static List<AlertActivity> newestFirst(String alertId, int limit) {
    return find("alertId = ?1 order by at desc, id desc", alertId).page(0, limit).list();
  }
}

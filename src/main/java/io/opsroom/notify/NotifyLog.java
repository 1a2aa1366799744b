package io.opsroom.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One alert in one sent message: what was said about it (fired, repeated, recovered), at which
 * level, on which route and channels. The alert page lists these; the noise report counts them.
 */
@Entity
@Table(name = "notify_log")
public class NotifyLog extends PanacheEntityBase {

  @Id public Long id;

  @Column(name = "alert_id")
  public String alertId;

  public Instant at;

  /** {@code firing}, {@code escalated}, {@code repeat}, {@code recovered} or {@code flapping}. */
  public String kind;

  public String level;

  public String route;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> channels;

  /** Whether the alert went out as a line of a storm summary rather than in its own message. */
  public boolean storm;

  /** The newest entries for one alert, newest first. */
  public static List<NotifyLog> forAlert(String alertId, int limit) {
    return find("alertId = ?1 order by at desc, id desc", alertId).page(0, limit).list();
  }
}

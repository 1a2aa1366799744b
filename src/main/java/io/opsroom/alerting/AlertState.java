package io.opsroom.alerting;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The current state of one alert, as the last cycle left it; survives restarts. */
@Entity
@Table(name = "alert_state")
public class AlertState extends PanacheEntityBase {

  @Id
  @Column(name = "alert_id")
  public String alertId;

  @Enumerated(EnumType.STRING)
  public Level level;

  /** When the alert entered its level. */
  public Instant since;

  /** The value that decided the level: the worst series' reduced value. */
  @Column(name = "last_value")
  public Double lastValue;

  @Column(name = "last_check")
  public Instant lastCheck;

  /** Why the last check failed (Graphite's message), for ERROR. */
  @Column(name = "last_error")
  public String lastError;

  /** Consecutive checks that crossed a threshold, for the alert's {@code for}. */
  public int streak;

  /** The levels of the last checks, one letter each, for flap detection. */
  public String history = "";

  public boolean flapping;

  /** Each series of the last check: its name, value and level. */
  @JdbcTypeCode(SqlTypes.JSON)
  public List<SeriesState> series;

  @Column(name = "acknowledged_by")
  public String acknowledgedBy;

  @Column(name = "acknowledged_at")
  public Instant acknowledgedAt;

  /** When the acknowledgement lapses and repeats start again (the level changing ends it too). */
  @Column(name = "acknowledged_until")
  public Instant acknowledgedUntil;

  /**
   * The token of the acknowledge link in this problem's emails: new for each new problem, cleared
   * at recovery, so an old email cannot acknowledge a later problem.
   */
  @Column(name = "ack_token")
  public String ackToken;

  /** One series of a check: a wildcard target gives several. */
  public record SeriesState(String name, Double value, Level level) {}

  /**
   * Whether someone is on this alert at {@code now}: it was acknowledged and the acknowledgement
   * has not lapsed. An acknowledgement without an end (from before they expired) no longer counts.
   */
  public boolean acknowledged(Instant now) {
    return acknowledgedAt != null && acknowledgedUntil != null && now.isBefore(acknowledgedUntil);
  }

  public AlertStateMachine.State machineState() {
    return new AlertStateMachine.State(level, since, streak);
  }
}

package io.opsroom.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An outage: its key (the value of its events' {@code outage=<key>} tag), title, application and
 * post-mortem link. When it started, was detected and resolved, and its impact, are events, read by
 * {@link OutageTimeline}, so the outage page and the ops report read one source.
 */
@Entity
@Table(name = "outage")
public class Outage extends PanacheEntityBase {

  @Id public String key;

  public String title;

  /**
   * The application's name, when the outage is about one: its first CRITICAL alert (an alert event
   * tagged {@code app=<name>}) marks the outage detected.
   */
  public String application;

  @Column(name = "postmortem_url")
  public String postmortemUrl;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}

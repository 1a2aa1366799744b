package io.opsroom.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One entry of the changelog: a deploy, a manual change, an alert transition, an inventory change
 * or a step of an outage. Written through {@link EventService}, which validates and derives {@link
 * #attrs} from the tags; the search vector is a generated column the entity never touches.
 */
@Entity
@Table(name = "event")
public class Event extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** When it happened (or began). */
  public Instant at;

  /** When it ended, for events that last (a maintenance window); null for a moment. */
  @Column(name = "end_at")
  public Instant endAt;

  public String title;

  /** Markdown; rendered through {@link io.opsroom.platform.Markdown}. Empty, never null. */
  public String body;

  /** Words and key=value pairs, in the order given, without duplicates. */
  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> tags;

  /** The key=value tags as key to values, derived by {@link Tags#attributes}. */
  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, List<String>> attrs;

  /** Where it came from: one of {@link EventSource}'s names, lower-case. */
  public String source;

  public String author;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** The values of one key=value tag; empty when the event has none. */
  public List<String> values(String key) {
    return attrs == null ? List.of() : attrs.getOrDefault(key, List.of());
  }

  /** The first value of one key=value tag, or null. */
  public String value(String key) {
    List<String> values = values(key);
    return values.isEmpty() ? null : values.get(0);
  }

  public boolean hasTag(String tag) {
    return tags != null && tags.contains(tag);
  }
}

package io.opsroom.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An extra attribute this installation asks for on events (a NetBox custom field): stored on each
 * event as {@code key=value} tags, offered by the form, checked by every way in.
 */
@Entity
@Table(name = "event_attribute")
public class EventAttribute extends PanacheEntityBase {

  @Id public String key;

  /** What the form calls it. */
  public String label;

  /** Whether an event from a person or a script must have it (automatic events need not). */
  public boolean mandatory;

  /** The allowed values; empty for free text. */
  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> choices;

  /** Whether several values may be given. */
  public boolean multiple;

  /** The form's order. */
  public int position;

  public static List<EventAttribute> ordered() {
    return list("order by position, key");
  }
}

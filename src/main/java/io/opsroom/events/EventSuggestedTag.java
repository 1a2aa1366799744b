package io.opsroom.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A tag the event form offers with one click. */
@Entity
@Table(name = "event_suggested_tag")
public class EventSuggestedTag extends PanacheEntityBase {

  @Id public String tag;

  public int position;

  public static List<String> ordered() {
    return EventSuggestedTag.<EventSuggestedTag>list("order by position, tag").stream()
        .map(t -> t.tag)
        .toList();
  }
}

package io.opsroom.events;

import io.opsroom.platform.PgArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The events of a time window with some or all of a list of tags, oldest first: what graphite-web's
 * {@code get_data} answers, over every Opsroom event whatever its source.
 */
@ApplicationScoped
public class GraphiteEventQuery {

  /**
   * Events from {@code from} to {@code until}, both included, ordered by time (then by id, so equal
   * times keep the order they were written in).
   *
   * @param tags the tags to match, already normalized; null for every event
   * @param union true for events with any of the tags, false for events with all of them
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<Event> find(Instant from, Instant until, List<String> tags, boolean union) {
    if (tags != null && tags.isEmpty()) {
      return List.of();
    }
    String tagFilter =
        tags == null
            ? ""
            : union ? " and tags && cast(:tags as text[])" : " and tags @> cast(:tags as text[])";
    var query =
        Event.getEntityManager()
            .createNativeQuery(
                "select * from event where at >= :from and at <= :until"
                    + tagFilter
                    + " order by at, id",
                Event.class)
            .setParameter("from", from)
            .setParameter("until", until);
    if (tags != null) {
      query.setParameter("tags", PgArrays.text(tags));
    }
    return query.getResultList();
  }
}

package io.opsroom.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The events linked to inventory objects through their {@code key=value} tags ({@code
 * server=web01}, {@code app=shop}), for the Events section of object pages and the markers on alert
 * graphs. Each is one query on the attributes' GIN index ({@code attrs @> '{"server":["web01"]}'}),
 * whatever the number of events.
 */
@ApplicationScoped
@Named("eventLinks")
public class EventLinks {

  /** The page sections show this many; "All events" opens the search for the rest. */
  public static final int SECTION_SIZE = 10;

  @Inject EntityManager em;
  @Inject ObjectMapper json;

  /** What an object page shows: its newest events and the search that lists them all. */
  public record Section(List<Event> events, String allUrl) {}

  /** The newest events tagged {@code key=value}, newest first. */
  public List<Event> recent(String key, String value, int limit) {
    return inRange(Map.of(key, value), null, null, false, limit);
  }

  /** An object page's section: its newest {@link #SECTION_SIZE} events and the link to all. */
  public Section section(String key, String value) {
    return new Section(recent(key, value, SECTION_SIZE), searchUrl(key, value));
  }

  /**
   * The events tagged with any of {@code objects} (key to value: {@code app=shop} or {@code
   * server=web01}) whose time is within {@code from}..{@code until} (either may be null for open),
   * newest first. {@code excludeAlertSource} leaves out the alerts' own transitions, which a graph
   * already shows as its line crossing the thresholds.
   */
  public List<Event> inRange(
      Map<String, String> objects,
      Instant from,
      Instant until,
      boolean excludeAlertSource,
      int limit) {
    List<String> tags = new ArrayList<>();
    objects.forEach(
        (key, value) -> {
          if (key != null && value != null) {
            tags.add(Tags.pair(key, value));
          }
        });
    return tagged(tags, from, until, excludeAlertSource, limit);
  }

  /**
   * The events that have any of these {@code key=value} tags, as {@link #inRange}: one query for
   * the objects of several alerts at once.
   */
  @SuppressWarnings("unchecked")
  public List<Event> tagged(
      Collection<String> pairs,
      Instant from,
      Instant until,
      boolean excludeAlertSource,
      int limit) {
    List<String> matches = new ArrayList<>();
    for (String pair : new LinkedHashSet<>(pairs)) {
      int eq = pair == null ? -1 : pair.indexOf('=');
      if (eq > 0 && eq < pair.length() - 1) {
        matches.add(attributes(pair.substring(0, eq), pair.substring(eq + 1)));
      }
    }
    if (matches.isEmpty() || limit < 1) {
      return List.of();
    }
    StringBuilder sql = new StringBuilder("select * from event where (");
    for (int i = 0; i < matches.size(); i++) {
      sql.append(i == 0 ? "" : " or ").append("attrs @> cast(:m").append(i).append(" as jsonb)");
    }
    sql.append(')');
    if (from != null) {
      sql.append(" and at >= :from");
    }
    if (until != null) {
      sql.append(" and at <= :until");
    }
    if (excludeAlertSource) {
      sql.append(" and source <> :alert");
    }
    sql.append(" order by at desc, id desc limit :limit");
    Query query = em.createNativeQuery(sql.toString(), Event.class);
    for (int i = 0; i < matches.size(); i++) {
      query.setParameter("m" + i, matches.get(i));
    }
    if (from != null) {
      query.setParameter("from", from);
    }
    if (until != null) {
      query.setParameter("until", until);
    }
    if (excludeAlertSource) {
      query.setParameter("alert", EventSource.ALERT.word());
    }
    query.setParameter("limit", limit);
    return query.getResultList();
  }

  /** The event search for one tag: {@code /events?tags=server%3Dweb01}. */
  public static String searchUrl(String key, String value) {
    return "/events?tags=" + URLEncoder.encode(Tags.pair(key, value), StandardCharsets.UTF_8);
  }

  /** The event search for one tag, for the tag links of pages ({@code inject:eventLinks}). */
  public String tagUrl(String tag) {
    return "/events?tags=" + URLEncoder.encode(tag, StandardCharsets.UTF_8);
  }

  /** {@code {"key": ["value"]}}, the shape of {@link Event#attrs}. */
  private String attributes(String key, String value) {
    try {
      return json.writeValueAsString(Map.of(key, List.of(value)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A map of strings is always JSON", e);
    }
  }
}

package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a search of the changelog asks for: words ({@code q}, websearch syntax), tags that must all
 * be present, a time range (from inclusive, until exclusive), a source, and a page. The same query
 * drives the list page, the JSON API, the timeline, the CSV export and the Atom feed.
 *
 * @param q the search text; null for none
 * @param tags tags every event must have, normalized as stored
 * @param from earliest event time, inclusive; null for no limit
 * @param until latest event time, exclusive; null for no limit
 * @param source only events from this source; null for all
 * @param page the page number, from 1
 * @param perPage events per page
 */
public record EventQuery(
    String q,
    List<String> tags,
    Instant from,
    Instant until,
    EventSource source,
    int page,
    int perPage) {

  public static final int PER_PAGE = 50;
  public static final int MAX_PER_PAGE = 500;

  /** Deeper pages than this are a script walking the whole table: the CSV export does that. */
  public static final int MAX_PAGE = 1_000_000;

  public EventQuery {
    q = q == null || q.isBlank() ? null : q.strip();
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** Every event, newest first, first page. */
  public static EventQuery all() {
    return new EventQuery(null, List.of(), null, null, null, 1, PER_PAGE);
  }

  public boolean hasText() {
    return q != null;
  }

  /** The same filters, another page. */
  public EventQuery page(int number, int size) {
    return new EventQuery(q, tags, from, until, source, number, size);
  }

  /** The same filters over another time range. */
  public EventQuery range(Instant start, Instant end) {
    return new EventQuery(q, tags, start, end, source, page, perPage);
  }

  /** Without the search words (when they hold no searchable word). */
  public EventQuery withoutText() {
    return new EventQuery(null, tags, from, until, source, page, perPage);
  }

  public long offset() {
    return (long) (page - 1) * perPage;
  }

  /** The filters as read: the usable query (unusable fields left out) and each field's problem. */
  public record Reading(EventQuery query, Map<String, String> errors) {

    /** The query, or a 400 naming every unusable field. */
    public EventQuery orThrow() {
      if (!errors.isEmpty()) {
        throw new InvalidInputException(400, errors);
      }
      return query;
    }
  }

  /**
   * Reads the filters as they arrive in a URL. Times are read by {@link EventTimes#parse} with
   * {@code zone} for local times and dates; tags are split on white space and commas.
   */
  public static Reading read(
      String q,
      String tags,
      String from,
      String until,
      String source,
      String page,
      String perPage,
      ZoneId zone) {
    Map<String, String> errors = new LinkedHashMap<>();
    String text = clean(q);
    if (text != null && text.length() > SearchText.MAX_LENGTH) {
      errors.put(
          "q",
          "The search text has "
              + text.length()
              + " characters; at most "
              + SearchText.MAX_LENGTH
              + ".");
      text = null;
    }
    List<String> wanted = tags(tags);
    if (wanted.size() > Tags.MAX_TAGS) {
      errors.put(
          "tags", "Filter by at most " + Tags.MAX_TAGS + " tags, not " + wanted.size() + ".");
      wanted = List.of();
    }
    Instant start = time("from", from, zone, errors);
    Instant end = time("until", until, zone, errors);
    if (start != null && end != null && end.isBefore(start)) {
      errors.put("until", "The end of the range is before its start.");
      end = null;
    }
    EventSource origin = null;
    if (source != null && !source.isBlank()) {
      origin = EventSource.parse(source).orElse(null);
      if (origin == null) {
        errors.put(
            "source",
            "Unknown source \""
                + shorten(source.strip())
                + "\": use one of "
                + Arrays.stream(EventSource.values())
                    .map(EventSource::word)
                    .collect(Collectors.joining(", "))
                + ".");
      }
    }
    int number = number("page", page, MAX_PAGE, 1, errors);
    int size = number("perPage", perPage, MAX_PER_PAGE, PER_PAGE, errors);
    return new Reading(new EventQuery(text, wanted, start, end, origin, number, size), errors);
  }

  /** Tags from a filter field, normalized as stored, so {@code App=web} finds {@code app=web}. */
  static List<String> tags(String text) {
    List<String> parts = new ArrayList<>();
    for (String part : Tags.split(clean(text))) {
      parts.add(part);
    }
    return Tags.normalize(parts);
  }

  /** Without NUL and other control characters, which PostgreSQL text cannot hold or means not. */
  static String clean(String text) {
    if (text == null) {
      return null;
    }
    String cleaned = text.replaceAll("[\\p{Cntrl}&&[^\\t\\n\\r]]", "").strip();
    return cleaned.isEmpty() ? null : cleaned;
  }

  private static Instant time(String field, String text, ZoneId zone, Map<String, String> errors) {
    try {
      return EventTimes.parse(text, zone);
    } catch (IllegalArgumentException e) {
      errors.put(field, e.getMessage());
      return null;
    }
  }

  private static int number(
      String field, String text, int max, int fallback, Map<String, String> errors) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.put(field, "Use a whole number from 1 to " + max + ", not \"" + shorten(text) + "\".");
    return fallback;
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}

package io.opsroom.events;

import io.opsroom.platform.Markdown;
import io.opsroom.platform.PgArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Searches the changelog: words (full-text, websearch syntax, highlighted), tags, time range and
 * source; newest first, a page at a time; the timeline of the same search; and every matching row
 * for the CSV export. Each page costs a fixed number of statements, whatever its size.
 *
 * <p>Callers run it inside a transaction.
 */
@ApplicationScoped
public class EventSearch {

  /** Start and stop of a highlighted word: private-use characters no one types. */
  static final char MARK_START = '\uE000';

  static final char MARK_END = '\uE001';

  /**
   * Stands in for {@code <} while the highlighter reads a body: it drops what looks like an HTML
   * tag from its fragments, and the plain text shows what people typed, tags included.
   */
  static final char LESS_THAN = '\uE002';

  /** Characters of a body's plain text that the highlighter reads: the excerpt is made there. */
  static final int HIGHLIGHT_SOURCE = 20_000;

  /** The excerpt of a body when no word of the search is in it. */
  static final int EXCERPT = 240;

  private static final String MARKS = "" + MARK_START + MARK_END;

  private static final String TITLE_OPTIONS =
      "StartSel=\"" + MARK_START + "\", StopSel=\"" + MARK_END + "\", HighlightAll=true";

  private static final String BODY_OPTIONS =
      "StartSel=\""
          + MARK_START
          + "\", StopSel=\""
          + MARK_END
          + "\", MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=\" … \"";

  @Inject EntityManager em;

  /** One event of a result page, with its title and body excerpt as safe HTML. */
  public record Hit(Event event, String titleHtml, String excerptHtml) {}

  /**
   * One page of events, how many match in all, and when the first and last of them happened.
   *
   * @param notice what the page should tell the user about the search (no searchable words)
   * @param query the query that ran: without its text when the text had no searchable word
   * @param tsquery the tsquery its words became, as text; null for none
   */
  public record Result(
      long count,
      int page,
      int perPage,
      List<Hit> items,
      String notice,
      Instant earliest,
      Instant latest,
      EventQuery query,
      String tsquery) {

    public int pages() {
      return (int) Math.max(1, (count + perPage - 1) / perPage);
    }

    public boolean hasNext() {
      return page < pages();
    }

    public boolean hasPrevious() {
      return page > 1;
    }

    public List<Event> events() {
      return items.stream().map(Hit::event).toList();
    }
  }

  /** One bar of the timeline: events in {@code [start, end)}. */
  public record Bar(Instant start, Instant end, long count, String label) {}

  /**
   * Events per hour, day, week, month or year over the search's range.
   *
   * @param unit {@code hour}, {@code day}, {@code week}, {@code month} or {@code year}
   * @param max the highest bar's count, at least 1
   */
  public record Timeline(String unit, List<Bar> bars, long max, long total) {

    /** The height of a bar, in percent of the tallest. */
    public int height(Bar bar) {
      return bar.count() == 0 ? 0 : (int) Math.max(2, Math.round(100.0 * bar.count() / max));
    }

    public String firstLabel() {
      return bars.isEmpty() ? "" : bars.get(0).label();
    }

    public String lastLabel() {
      return bars.isEmpty() ? "" : bars.get(bars.size() - 1).label();
    }

    /** The label of the bar in the middle, for the axis. */
    public String middleLabel() {
      return bars.size() < 3 ? "" : bars.get(bars.size() / 2).label();
    }
  }

  /** A search made ready to run: its SQL tsquery (as text, null for none) and its notice. */
  record Prepared(EventQuery query, String tsquery, String notice) {}

  /** One page of events, with highlighted titles and excerpts when there are search words. */
  public Result search(EventQuery query) {
    return search(query, true);
  }

  /** One page of events, newest first, without highlighting. */
  public Result search(EventQuery query, boolean highlight) {
    Prepared prepared = prepare(query);
    EventQuery q = prepared.query();
    Map<String, Object> params = new LinkedHashMap<>();
    String where = where(prepared, params);

    Object[] totals =
        (Object[])
            bind(
                    em.createNativeQuery(
                        "select count(*), min(e.at), max(e.at) from event e" + where),
                    params)
                .getSingleResult();
    long count = ((Number) totals[0]).longValue();
    Instant earliest = instant(totals[1]);
    Instant latest = instant(totals[2]);
    if (count == 0 || q.offset() >= count) {
      return new Result(
          count,
          q.page(),
          q.perPage(),
          List.of(),
          prepared.notice(),
          earliest,
          latest,
          q,
          prepared.tsquery());
    }

    boolean marked = highlight && prepared.tsquery() != null;
    String title =
        marked
            ? "ts_headline('english', translate(e.title, :marks, ''), cast(:tsq as tsquery),"
                + " :titleOptions)"
            : "e.title";
    Map<String, Object> pageParams = new LinkedHashMap<>(params);
    if (marked) {
      pageParams.put("marks", MARKS);
      pageParams.put("titleOptions", TITLE_OPTIONS);
    }
    pageParams.put("limit", q.perPage());
    pageParams.put("offset", q.offset());
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        bind(
                em.createNativeQuery(
                    "select e.id, "
                        + title
                        + " from event e"
                        + where
                        + " order by e.at desc, e.id desc limit :limit offset :offset"),
                pageParams)
            .getResultList();

    List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
    Map<Long, Event> byId = new HashMap<>();
    Event.<Event>list("id in ?1", ids).forEach(e -> byId.put(e.id, e));
    List<Event> events = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (Object[] row : rows) {
      Event event = byId.get(((Number) row[0]).longValue());
      if (event != null) {
        events.add(event);
        titles.add(highlighted((String) row[1]));
      }
    }
    List<String> excerpts =
        marked ? bodyHighlights(events, prepared.tsquery()) : plainExcerpts(events);
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      hits.add(new Hit(events.get(i), titles.get(i), excerpts.get(i)));
    }
    return new Result(
        count,
        q.page(),
        q.perPage(),
        hits,
        prepared.notice(),
        earliest,
        latest,
        q,
        prepared.tsquery());
  }

  /**
   * The timeline of a search: over its from/until when given, else over the range of its results
   * (so a search for one deploy shows the hours around it). Empty when nothing matches.
   */
  public Timeline timeline(Result result, ZoneId zone) {
    EventQuery query = result.query();
    Instant lo = query.from() != null ? query.from() : result.earliest();
    Instant hi = query.until() != null ? query.until() : result.latest();
    if (result.count() == 0 || lo == null || hi == null) {
      return new Timeline("day", List.of(), 1, 0);
    }
    if (query.until() == null) {
      hi = hi.plusNanos(1000); // the latest event is in the range: until is exclusive
    }
    String unit = unit(Duration.between(lo, hi));
    List<Bar> empty = new ArrayList<>();
    ZonedDateTime at = truncate(lo.atZone(zone), unit);
    while (at.toInstant().isBefore(hi) && empty.size() < 500) {
      ZonedDateTime next = next(at, unit);
      empty.add(new Bar(at.toInstant(), next.toInstant(), 0, label(at, unit)));
      at = next;
    }
    // Bucketed by bounds computed here, in the display zone with its daylight-saving rules, so the
    // database needs no zone of its own.
    Map<String, Object> params = new LinkedHashMap<>();
    String where = where(new Prepared(result.query(), result.tsquery(), null), params);
    params.put("bounds", PgArrays.text(empty.stream().map(b -> b.start().toString()).toList()));
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        bind(
                em.createNativeQuery(
                    "select width_bucket(e.at, cast(:bounds as timestamptz[])) as bucket, count(*)"
                        + " from event e"
                        + where
                        + " group by bucket"),
                params)
            .getResultList();
    long[] counts = new long[empty.size()];
    for (Object[] row : rows) {
      int bucket = ((Number) row[0]).intValue();
      if (bucket >= 1 && bucket <= counts.length) {
        counts[bucket - 1] += ((Number) row[1]).longValue();
      }
    }
    List<Bar> bars = new ArrayList<>();
    long max = 1;
    long total = 0;
    for (int i = 0; i < empty.size(); i++) {
      Bar b = empty.get(i);
      bars.add(new Bar(b.start(), b.end(), counts[i], b.label()));
      max = Math.max(max, counts[i]);
      total += counts[i];
    }
    return new Timeline(unit, bars, max, total);
  }

  /** One row of the CSV export; times are UTC instants, tags space-separated. */
  public record Row(
      long id,
      Instant at,
      Instant endAt,
      String title,
      String tags,
      String source,
      String author,
      String body) {}

  /**
   * Hands every matching event to {@code consumer}, newest first, at most {@code limit}, reading
   * them from the database a batch at a time.
   *
   * @return the notice of the search, or null
   */
  public String forEach(EventQuery query, int limit, Consumer<Row> consumer) {
    Prepared prepared = prepare(query);
    Map<String, Object> params = new LinkedHashMap<>();
    String where = where(prepared, params);
    params.put("limit", limit);
    Query select =
        bind(
            em.createNativeQuery(
                "select e.id, e.at, e.end_at, e.title, array_to_string(e.tags, ' '), e.source,"
                    + " e.author, e.body from event e"
                    + where
                    + " order by e.at desc, e.id desc limit :limit"),
            params);
    select.setHint("org.hibernate.fetchSize", 500);
    select.setHint("org.hibernate.readOnly", true);
    try (@SuppressWarnings("unchecked")
        Stream<Object[]> rows = select.getResultStream()) {
      rows.forEach(
          r ->
              consumer.accept(
                  new Row(
                      ((Number) r[0]).longValue(),
                      instant(r[1]),
                      instant(r[2]),
                      (String) r[3],
                      (String) r[4],
                      (String) r[5],
                      (String) r[6],
                      (String) r[7])));
    }
    return prepared.notice();
  }

  /**
   * Turns the search words into a tsquery, once: when they hold no word PostgreSQL can search for
   * (punctuation, stop words), the search runs without them and says so.
   */
  Prepared prepare(EventQuery query) {
    if (!query.hasText()) {
      return new Prepared(query, null, null);
    }
    SearchText.Sql sql = SearchText.toSql(query.q(), "w");
    String tsquery = "";
    if (!sql.isEmpty()) {
      Query check = em.createNativeQuery("select cast(" + sql.expression() + " as text)");
      for (int i = 0; i < sql.parameters().size(); i++) {
        check.setParameter("w" + i, sql.parameters().get(i));
      }
      Object value = check.getSingleResult();
      tsquery = value == null ? "" : value.toString();
    }
    if (tsquery.isBlank()) {
      return new Prepared(
          query.withoutText(),
          null,
          "No searchable words in \""
              + shorten(query.q())
              + "\": punctuation and common words such as \"the\" are not indexed, so these"
              + " results are not filtered by text.");
    }
    return new Prepared(query, tsquery, null);
  }

  private static String where(Prepared prepared, Map<String, Object> params) {
    EventQuery q = prepared.query();
    List<String> conditions = new ArrayList<>();
    if (prepared.tsquery() != null) {
      conditions.add("e.search @@ cast(:tsq as tsquery)");
      params.put("tsq", prepared.tsquery());
    }
    if (!q.tags().isEmpty()) {
      conditions.add("e.tags @> cast(:tags as text[])");
      params.put("tags", PgArrays.text(q.tags()));
    }
    if (q.from() != null) {
      conditions.add("e.at >= :from");
      params.put("from", q.from());
    }
    if (q.until() != null) {
      conditions.add("e.at < :until");
      params.put("until", q.until());
    }
    if (q.source() != null) {
      conditions.add("e.source = :source");
      params.put("source", q.source().word());
    }
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  private static Query bind(Query query, Map<String, Object> params) {
    params.forEach(query::setParameter);
    return query;
  }

  /** The highlighted excerpts of the page's bodies, in one statement. */
  private List<String> bodyHighlights(List<Event> events, String tsquery) {
    List<String> texts =
        events.stream().map(e -> unmarked(Markdown.toPlainText(e.body, HIGHLIGHT_SOURCE))).toList();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select u.ord, ts_headline('english', u.t, cast(:tsq as tsquery), :options)"
                    + " from unnest(cast(:texts as text[])) with ordinality as u(t, ord)")
            .setParameter("tsq", tsquery)
            .setParameter("options", BODY_OPTIONS)
            .setParameter("texts", PgArrays.text(texts))
            .getResultList();
    String[] marked = new String[events.size()];
    for (Object[] row : rows) {
      marked[((Number) row[0]).intValue() - 1] = (String) row[1];
    }
    List<String> excerpts = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String headline = marked[i];
      if (headline != null && headline.indexOf(MARK_START) >= 0) {
        excerpts.add(highlighted(headline.replace(LESS_THAN, '<')));
      } else {
        // No search word in the body: its beginning says most about it.
        excerpts.add(escape(shorten(texts.get(i).replace(LESS_THAN, '<'), EXCERPT)));
      }
    }
    return excerpts;
  }

  private static List<String> plainExcerpts(List<Event> events) {
    return events.stream().map(e -> escape(Markdown.toPlainText(e.body, EXCERPT))).toList();
  }

  /** Escapes the text, then turns the highlighter's marks into {@code <mark>} elements. */
  static String highlighted(String text) {
    if (text == null) {
      return "";
    }
    String html = escape(text);
    StringBuilder out = new StringBuilder(html.length() + 32);
    boolean open = false;
    for (int i = 0; i < html.length(); i++) {
      char c = html.charAt(i);
      if (c == MARK_START && !open) {
        out.append("<mark>");
        open = true;
      } else if (c == MARK_END && open) {
        out.append("</mark>");
        open = false;
      } else if (c != MARK_START && c != MARK_END) {
        out.append(c);
      }
    }
    if (open) {
      out.append("</mark>");
    }
    return out.toString();
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The text without the characters the highlighter uses, and with its stand-in for {@code <}. */
  private static String unmarked(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '<') {
        out.append(LESS_THAN);
      } else if (c != MARK_START && c != MARK_END && c != LESS_THAN) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int space = text.lastIndexOf(' ', max - 1);
    return text.substring(0, space > max / 2 ? space : max - 1).stripTrailing() + "…";
  }

  private static String shorten(String text) {
    return shorten(text, 60);
  }

  /** Hours up to two days, then days, weeks, months and years: about 100 bars at most. */
  static String unit(Duration span) {
    if (span.compareTo(Duration.ofDays(2)) <= 0) {
      return "hour";
    }
    if (span.compareTo(Duration.ofDays(92)) <= 0) {
      return "day";
    }
    if (span.compareTo(Duration.ofDays(731)) <= 0) {
      return "week";
    }
    if (span.compareTo(Duration.ofDays(3653)) <= 0) {
      return "month";
    }
    return "year";
  }

  static ZonedDateTime truncate(ZonedDateTime t, String unit) {
    return switch (unit) {
      case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
      case "day" -> t.truncatedTo(ChronoUnit.DAYS);
      case "week" ->
          t.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).truncatedTo(ChronoUnit.DAYS);
      case "month" -> t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
      default -> t.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS);
    };
  }

  static ZonedDateTime next(ZonedDateTime t, String unit) {
    return switch (unit) {
      case "hour" -> t.plusHours(1);
      case "day" -> t.plusDays(1);
      case "week" -> t.plusWeeks(1);
      case "month" -> t.plusMonths(1);
      default -> t.plusYears(1);
    };
  }

  private static final DateTimeFormatter HOUR_LABEL =
      DateTimeFormatter.ofPattern("EEE d MMM HH:00", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_LABEL =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH_LABEL =
      DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

  static String label(ZonedDateTime t, String unit) {
    return switch (unit) {
      case "hour" -> HOUR_LABEL.format(t);
      case "day" -> DAY_LABEL.format(t);
      case "week" -> "week of " + DAY_LABEL.format(t);
      case "month" -> MONTH_LABEL.format(t);
      default -> String.valueOf(t.getYear());
    };
  }

  static Instant instant(Object column) {
    if (column == null) {
      return null;
    }
    if (column instanceof Instant i) {
      return i;
    }
    if (column instanceof Timestamp t) {
      return t.toInstant();
    }
    if (column instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (column instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    throw new IllegalStateException("Not a time: " + column.getClass());
  }
}

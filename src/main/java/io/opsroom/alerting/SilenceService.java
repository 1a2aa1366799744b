package io.opsroom.alerting;

import io.opsroom.notify.LabelMatcher;
import io.opsroom.platform.InvalidInputException;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, checks, lists and ends silences. Every refused input is reported field by field, all at
 * once, and nothing is written; a new silence leaves a line in the history of each alert it covers.
 */
@ApplicationScoped
public class SilenceService {

  /** The longest comment the table takes. */
  static final int MAX_COMMENT = 2000;

  @Inject Silences silences;
  @Inject Clock clock;

  /** One matcher as typed: {@code op} is {@code =}, {@code !=}, {@code =~} or {@code !~}. */
  public record MatcherInput(String label, String op, String value) {}

  /** A weekly recurrence as typed: days MON … SUN, times HH:MM, a time zone name. */
  public record WeeklyInput(List<String> days, String start, String end, String timeZone) {}

  /**
   * A silence as typed. A missing {@code startsAt} means now; a missing {@code weekly} means the
   * whole period.
   */
  public record SilenceInput(
      List<MatcherInput> matchers,
      Instant startsAt,
      Instant endsAt,
      WeeklyInput weekly,
      String comment) {}

  /** Input that passed every check. */
  record Checked(List<LabelMatcher> matchers, SilenceSchedule schedule, String comment) {}

  /** One page of a list of silences; pages start at 1. */
  public record Listing(long count, int page, int perPage, List<Silence> items) {

    public int pages() {
      return (int) Math.max(1, (count + perPage - 1) / perPage);
    }

    public boolean hasNext() {
      return page < pages();
    }

    public boolean hasPrevious() {
      return page > 1;
    }
  }

  /** Every problem of the input, field name to message; empty when it can be stored. */
  public Map<String, String> problems(SilenceInput input) {
    Map<String, String> errors = new LinkedHashMap<>();
    check(input, errors);
    return errors;
  }

  /** Stores a silence and notes it in the history of every alert it covers now. */
  @Transactional
  public Silence create(SilenceInput input, String author) {
    Map<String, String> errors = new LinkedHashMap<>();
    Checked checked = check(input, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    Instant now = clock.instant();
    Silence silence = new Silence();
    silence.matchers = checked.matchers().stream().map(Silence.Matcher::of).toList();
    silence.startsAt = checked.schedule().startsAt();
    silence.endsAt = checked.schedule().endsAt();
    silence.setWeekly(checked.schedule().weekly());
    silence.author = author;
    silence.comment = checked.comment();
    silence.createdAt = now;
    silence.persist();
    String detail = describe(silence, now) + ": " + silence.comment;
    for (AlertDefinition alert : silences.matching(checked.matchers())) {
      AlertActivity.record(alert.id(), now, AlertActivity.SILENCED, author, detail);
    }
    return silence;
  }

  /**
   * Ends a silence now. The alerts it covered notify again from the next cycle on, as the
   * dispatcher sees them unsilenced.
   */
  @Transactional
  public Silence expire(long id) {
    Silence silence = find(id);
    Instant now = clock.instant();
    if (!silence.endsAt.isAfter(now)) {
      throw InvalidInputException.conflict(
          "endsAt", "Silence #" + id + " ended at " + silences.format(silence.endsAt) + ".");
    }
    silence.endsAt = now;
    if (!silence.startsAt.isBefore(now)) {
      // A pending silence that is ended never starts; the table wants the start before the end,
      // so the start moves to a microsecond before it.
      silence.startsAt = now.minusNanos(1_000);
    }
    return silence;
  }

  public Silence find(long id) {
    Silence silence = Silence.findById(id);
    if (silence == null) {
      throw new NotFoundException("No silence #" + id);
    }
    return silence;
  }

  /**
   * One page of the silences in {@code state} (all when empty): the expired ones by end, newest
   * first; the others newest first.
   */
  public Listing list(Optional<SilenceSchedule.State> state, int page, int perPage, Instant now) {
    if (state.isEmpty()) {
      return page(Silence.find("order by id desc"), page, perPage);
    }
    switch (state.get()) {
      case EXPIRED:
        return page(Silence.find("endsAt <= ?1 order by endsAt desc, id desc", now), page, perPage);
      case PENDING:
        return page(Silence.find("startsAt > ?1 order by id desc", now), page, perPage);
      default:
        // Active and waiting differ by the weekly windows, which only Java reads: the silences in
        // their period are few, so they are filtered and paged here.
        List<Silence> matching =
            Silence.inPeriod(now).stream()
                .filter(s -> s.schedule().state(now) == state.get())
                .sorted((a, b) -> Long.compare(b.id, a.id))
                .toList();
        int from = Math.min(matching.size(), (page - 1) * perPage);
        int to = Math.min(matching.size(), from + perPage);
        return new Listing(matching.size(), page, perPage, matching.subList(from, to));
    }
  }

  private static Listing page(
      io.quarkus.hibernate.orm.panache.PanacheQuery<Silence> query, int page, int perPage) {
    long count = query.count();
    return new Listing(count, page, perPage, query.page(Page.of(page - 1, perPage)).list());
  }

  /**
   * What the history says about a silence: {@code silence #12 until 2026-03-28 23:00 UTC}, with its
   * start when it has not begun and its weekly windows when it has some.
   */
  String describe(Silence silence, Instant now) {
    StringBuilder text = new StringBuilder("silence #").append(silence.id);
    SilenceSchedule.Weekly weekly = silence.weekly();
    if (weekly != null) {
      text.append(", weekly ").append(weekly.describe()).append(',');
    }
    if (silence.startsAt.isAfter(now)) {
      text.append(" from ").append(silences.format(silence.startsAt));
    }
    return text.append(" until ").append(silences.format(silence.endsAt)).toString();
  }

  /** The matchers of the input that are valid, for a preview of what a form would silence. */
  public static List<LabelMatcher> validMatchers(List<MatcherInput> inputs) {
    List<LabelMatcher> matchers = new ArrayList<>();
    for (MatcherInput in : inputs == null ? List.<MatcherInput>of() : inputs) {
      try {
        matchers.add(matcher(in));
      } catch (IllegalArgumentException e) {
        // A preview shows what the valid matchers cover; the form reports the others.
      }
    }
    return matchers;
  }

  private Checked check(SilenceInput input, Map<String, String> errors) {
    SilenceInput in = input != null ? input : new SilenceInput(null, null, null, null, null);
    Instant now = clock.instant();

    List<LabelMatcher> matchers = new ArrayList<>();
    List<MatcherInput> given = in.matchers() == null ? List.of() : in.matchers();
    for (int i = 0; i < given.size(); i++) {
      try {
        matchers.add(matcher(given.get(i)));
      } catch (IllegalArgumentException e) {
        errors.putIfAbsent("matchers[" + i + "]", e.getMessage());
      }
    }
    if (given.isEmpty()) {
      errors.put("matchers", "Add at least one matcher, such as alert=disk-web1 or team=web.");
    }

    Instant startsAt = in.startsAt() != null ? in.startsAt() : now;
    Instant endsAt = in.endsAt();
    if (endsAt == null) {
      errors.putIfAbsent("endsAt", "Give the end: when the maintenance will be over.");
    } else if (!endsAt.isAfter(startsAt)) {
      errors.putIfAbsent("endsAt", "The end must be after the start.");
    } else if (!endsAt.isAfter(now)) {
      errors.putIfAbsent(
          "endsAt", "This period has ended already: a silence must end in the future.");
    }

    SilenceSchedule.Weekly weekly = weekly(in.weekly(), errors);

    String comment = in.comment() == null ? "" : in.comment().strip();
    if (comment.isEmpty()) {
      errors.put("comment", "Say why: the maintenance, a ticket, whom to ask.");
    } else if (comment.length() > MAX_COMMENT) {
      errors.put("comment", "Keep the comment under " + MAX_COMMENT + " characters.");
    }

    if (!errors.isEmpty()) {
      return null;
    }
    SilenceSchedule schedule = new SilenceSchedule(startsAt, endsAt, weekly);
    Instant from = startsAt.isAfter(now) ? startsAt : now;
    if (weekly != null && !schedule.inForce(from) && schedule.nextInForce(from).isEmpty()) {
      errors.put(
          "weekly.days", "No weekly window falls inside the period: the silence would never hold.");
      return null;
    }
    return new Checked(List.copyOf(matchers), schedule, comment);
  }

  private SilenceSchedule.Weekly weekly(WeeklyInput in, Map<String, String> errors) {
    if (in == null) {
      return null;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : in.days() == null ? List.<String>of() : in.days()) {
      try {
        days.add(SilenceSchedule.parseDay(day));
      } catch (IllegalArgumentException e) {
        errors.putIfAbsent("weekly.days", e.getMessage());
      }
    }
    if (days.isEmpty()) {
      errors.putIfAbsent("weekly.days", "Choose at least one day of the week.");
    }
    LocalTime start = null;
    LocalTime end = null;
    try {
      start = SilenceSchedule.parseTime(in.start());
    } catch (IllegalArgumentException e) {
      errors.put("weekly.start", e.getMessage());
    }
    try {
      end = SilenceSchedule.parseTime(in.end());
    } catch (IllegalArgumentException e) {
      errors.put("weekly.end", e.getMessage());
    }
    if (start != null && start.equals(end)) {
      errors.put(
          "weekly.end",
          "The window must end at another time than it starts; one that ends earlier crosses"
              + " midnight, such as 23:00–02:00.");
    }
    ZoneId zone = null;
    if (in.timeZone() == null || in.timeZone().isBlank()) {
      zone = silences.zone();
    } else {
      try {
        zone = SilenceSchedule.parseZone(in.timeZone());
      } catch (IllegalArgumentException e) {
        errors.put("weekly.timeZone", e.getMessage());
      }
    }
    if (errors.containsKey("weekly.days")
        || errors.containsKey("weekly.start")
        || errors.containsKey("weekly.end")
        || errors.containsKey("weekly.timeZone")) {
      return null;
    }
    return new SilenceSchedule.Weekly(days, start, end, zone);
  }

  private static LabelMatcher matcher(MatcherInput in) {
    if (in == null || in.label() == null || in.label().isBlank()) {
      throw new IllegalArgumentException("Give the label name, such as alert, team or server.");
    }
    LabelMatcher.Op op = LabelMatcher.Op.parse(in.op() == null ? "=" : in.op().strip());
    return new LabelMatcher(in.label().strip(), op, in.value() == null ? "" : in.value());
  }
}

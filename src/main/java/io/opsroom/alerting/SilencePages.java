package io.opsroom.alerting;

import io.opsroom.notify.LabelMatcher;
import io.opsroom.platform.InvalidInputException;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The silence pages: the list at {@code /silences} (current ones with the alerts they cover, then
 * the expired ones), the form at {@code /silences/new} with its preview, and one page per silence.
 */
@Path("/silences")
@Produces(MediaType.TEXT_HTML)
public class SilencePages {

  /** How long a new silence lasts unless the form says otherwise. */
  static final Duration DEFAULT_LENGTH = Duration.ofHours(2);

  /** Expired silences per page of the list. */
  static final int EXPIRED_PER_PAGE = 20;

  /** How many matching alerts the list names before it only counts. */
  static final int NAMED_MATCHES = 5;

  /** Matcher rows the form offers at least, so a second and third condition need no script. */
  static final int MATCHER_ROWS = 3;

  private static final List<SilenceSchedule.State> CURRENT_ORDER =
      List.of(
          SilenceSchedule.State.ACTIVE,
          SilenceSchedule.State.WAITING,
          SilenceSchedule.State.PENDING);

  private static final DateTimeFormatter LOCAL_INPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  @Inject SilenceService service;
  @Inject Silences silences;
  @Inject AlertRegistry registry;
  @Inject CurrentUser me;
  @Inject Clock clock;

  /** One matcher row of the form, as typed, with its problem. */
  public record MatcherRow(String label, String op, String value, String error) {}

  /** A day checkbox of the form. */
  public record DayChoice(String code, String name, boolean checked) {}

  /** The form as typed; times are on the wall clock of {@code timeZone}. */
  public record Form(
      List<MatcherRow> matchers,
      String startsAt,
      String endsAt,
      String timeZone,
      boolean weekly,
      List<DayChoice> days,
      String weeklyStart,
      String weeklyEnd,
      String comment) {

    /** The operators, in the order the select offers them. */
    public List<String> ops() {
      return List.of("=", "!=", "=~", "!~");
    }
  }

  /** An alert a silence covers, with its level now. */
  public record AlertRef(String id, String name, String level, String css) {}

  /** A silence as the pages show it. */
  public record Summary(
      long id,
      String state,
      String matchers,
      String startsAt,
      String endsAt,
      String weekly,
      String when,
      String author,
      String comment,
      String createdAt,
      int matchCount,
      List<AlertRef> matches) {

    public boolean expired() {
      return "expired".equals(state);
    }

    /** The first few matches, for the list. */
    public List<AlertRef> firstMatches() {
      return matches.subList(0, Math.min(NAMED_MATCHES, matches.size()));
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<Summary> current, List<Summary> expired, SilenceService.Listing page, String notice);

    static native TemplateInstance form(
        Form form, Map<String, String> errors, List<AlertRef> preview, boolean previewed);

    static native TemplateInstance silence(Summary silence, String notice);
  }

  @GET
  @Transactional
  public String list(@QueryParam("page") String page, @QueryParam("expired") String expired) {
    Instant now = clock.instant();
    int number = 1;
    try {
      number = Math.max(1, Integer.parseInt(page == null ? "1" : page.strip()));
    } catch (NumberFormatException e) {
      // A hand-edited page number shows the first page.
    }
    Map<String, String> levels = levels();
    // In force first, then those waiting for their next window, then those yet to begin.
    List<Summary> current =
        Silence.current(now).stream()
            .sorted(Comparator.comparingInt(s -> CURRENT_ORDER.indexOf(s.schedule().state(now))))
            .map(s -> summary(s, now, levels))
            .toList();
    SilenceService.Listing listing =
        service.list(Optional.of(SilenceSchedule.State.EXPIRED), number, EXPIRED_PER_PAGE, now);
    List<Summary> ended = listing.items().stream().map(s -> summary(s, now, levels)).toList();
    String notice = expired != null ? "Silence #" + expired + " has ended." : null;
    return Templates.list(current, ended, listing, notice).render();
  }

  /**
   * The form, filled from the query: {@code alert=<id>} and any number of {@code
   * matcher=label=value} (or {@code !=}, {@code =~}, {@code !~}); start now, end in two hours.
   */
  @GET
  @Path("new")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public String newForm(
      @QueryParam("alert") List<String> alerts,
      @QueryParam("matcher") List<String> matchers,
      @QueryParam("comment") String comment) {
    List<MatcherRow> rows = new ArrayList<>();
    for (String alert : alerts) {
      if (!alert.isBlank()) {
        rows.add(new MatcherRow("alert", "=", alert.strip(), null));
      }
    }
    for (String text : matchers) {
      rows.add(parseMatcher(text));
    }
    ZoneId zone = silences.zone();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    Form form =
        new Form(
            padded(rows),
            LOCAL_INPUT.format(now.atZone(zone)),
            LOCAL_INPUT.format(now.plus(DEFAULT_LENGTH).atZone(zone)),
            zone.getId(),
            false,
            days(Set.of()),
            "",
            "",
            comment == null ? "" : comment);
    return formPage(form, Map.of(), false);
  }

  /** Creates the silence, or (with {@code action=preview}) shows which alerts it would cover. */
  @POST
  @RolesAllowed(Role.EDITOR_NAME)
  public Response create(
      @FormParam("label") List<String> labels,
      @FormParam("op") List<String> ops,
      @FormParam("value") List<String> values,
      @FormParam("startsAt") String startsAt,
      @FormParam("endsAt") String endsAt,
      @FormParam("timeZone") String timeZone,
      @FormParam("day") List<String> days,
      @FormParam("weeklyStart") String weeklyStart,
      @FormParam("weeklyEnd") String weeklyEnd,
      @FormParam("comment") String comment,
      @FormParam("action") String action) {
    Typed typed =
        read(
            labels, ops, values, startsAt, endsAt, timeZone, days, weeklyStart, weeklyEnd, comment);
    if ("preview".equals(action)) {
      // A preview reports only what is wrong with the matchers: the rest may be unfinished.
      Map<String, String> errors = new LinkedHashMap<>();
      service.problems(typed.input()).entrySet().stream()
          .filter(e -> e.getKey().startsWith("matchers"))
          .forEach(e -> errors.put(e.getKey(), e.getValue()));
      String html =
          QuarkusTransaction.requiringNew()
              .call(() -> formPage(typed.echo(errors), only(errors, "matchers"), true));
      return Response.ok(html).build();
    }
    try {
      if (!typed.errors().isEmpty()) {
        Map<String, String> all = new LinkedHashMap<>(typed.errors());
        service.problems(typed.input()).forEach(all::putIfAbsent);
        throw new InvalidInputException(400, all);
      }
      Silence silence = service.create(typed.input(), me.username());
      return Response.seeOther(URI.create("/silences/" + silence.id + "?created=1")).build();
    } catch (InvalidInputException e) {
      Map<String, String> errors = formErrors(e.fieldErrors());
      String html =
          QuarkusTransaction.requiringNew().call(() -> formPage(typed.echo(errors), errors, false));
      return Response.status(e.status()).entity(html).build();
    }
  }

  @GET
  @Path("{id}")
  @Transactional
  public String silence(
      @PathParam("id") long id,
      @QueryParam("created") String created,
      @QueryParam("expired") String expired) {
    Instant now = clock.instant();
    Summary summary = summary(service.find(id), now, levels());
    String notice = null;
    if (created != null) {
      notice =
          "Silence #"
              + id
              + " is saved. "
              + (summary.matchCount() == 0
                  ? "No alert matches it now."
                  : "It covers "
                      + summary.matchCount()
                      + (summary.matchCount() == 1 ? " alert" : " alerts")
                      + " now.");
    } else if (expired != null) {
      notice = "Silence #" + id + " has ended: its alerts notify again.";
    }
    return Templates.silence(summary, notice).render();
  }

  /** Ends a silence now. */
  @POST
  @Path("{id}/expire")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response expire(@PathParam("id") long id) {
    service.expire(id);
    return Response.seeOther(URI.create("/silences/" + id + "?expired=1")).build();
  }

  /** What the form said: the service's input, the problems of reading it, and how to echo it. */
  private record Typed(
      SilenceService.SilenceInput input,
      Map<String, String> errors,
      List<MatcherRow> rows,
      List<Integer> rowOfMatcher,
      Form form) {

    /** The form again, each row with its own problem ({@code matchers[i]} of the input). */
    Form echo(Map<String, String> problems) {
      List<MatcherRow> shown = new ArrayList<>(rows);
      for (int i = 0; i < rowOfMatcher.size(); i++) {
        String problem = problems.get("matchers[" + i + "]");
        if (problem != null) {
          int row = rowOfMatcher.get(i);
          MatcherRow r = shown.get(row);
          shown.set(row, new MatcherRow(r.label(), r.op(), r.value(), problem));
        }
      }
      return new Form(
          padded(shown),
          form.startsAt(),
          form.endsAt(),
          form.timeZone(),
          form.weekly(),
          form.days(),
          form.weeklyStart(),
          form.weeklyEnd(),
          form.comment());
    }
  }

  private Typed read(
      List<String> labels,
      List<String> ops,
      List<String> values,
      String startsAt,
      String endsAt,
      String timeZone,
      List<String> days,
      String weeklyStart,
      String weeklyEnd,
      String comment) {
    Map<String, String> errors = new LinkedHashMap<>();
    List<MatcherRow> rows = new ArrayList<>();
    List<Integer> rowOfMatcher = new ArrayList<>();
    List<SilenceService.MatcherInput> matchers = new ArrayList<>();
    int count = Math.max(labels.size(), values.size());
    for (int i = 0; i < count; i++) {
      String label = at(labels, i);
      String op = at(ops, i).isEmpty() ? "=" : at(ops, i);
      String value = at(values, i);
      rows.add(new MatcherRow(label, op, value, null));
      // Rows left empty are the spare ones the form offers.
      if (!label.isBlank() || !value.isBlank()) {
        rowOfMatcher.add(i);
        matchers.add(new SilenceService.MatcherInput(label, op, value));
      }
    }
    ZoneId zone = ZoneOffset.UTC;
    try {
      zone = SilenceSchedule.parseZone(timeZone);
    } catch (IllegalArgumentException e) {
      errors.put("timeZone", e.getMessage());
    }
    Instant starts = localTime(startsAt, zone, "startsAt", errors);
    Instant ends = localTime(endsAt, zone, "endsAt", errors);
    // The weekly part applies as soon as any of it is filled in: a half-filled recurrence is
    // reported rather than silently dropped.
    boolean repeats =
        days.stream().anyMatch(d -> d != null && !d.isBlank())
            || (weeklyStart != null && !weeklyStart.isBlank())
            || (weeklyEnd != null && !weeklyEnd.isBlank());
    SilenceService.WeeklyInput recurrence =
        repeats
            ? new SilenceService.WeeklyInput(
                days, weeklyStart, weeklyEnd, timeZone == null ? "" : timeZone)
            : null;
    Set<DayOfWeek> checked =
        days.stream()
            .map(
                d -> {
                  try {
                    return SilenceSchedule.parseDay(d);
                  } catch (IllegalArgumentException e) {
                    return null;
                  }
                })
            .filter(d -> d != null)
            .collect(Collectors.toSet());
    Form form =
        new Form(
            rows,
            blankIfNull(startsAt),
            blankIfNull(endsAt),
            blankIfNull(timeZone),
            repeats,
            days(checked),
            blankIfNull(weeklyStart),
            blankIfNull(weeklyEnd),
            blankIfNull(comment));
    return new Typed(
        new SilenceService.SilenceInput(matchers, starts, ends, recurrence, comment),
        errors,
        rows,
        rowOfMatcher,
        form);
  }

  /** A datetime-local value read on the wall clock of the form's time zone. */
  private static Instant localTime(
      String text, ZoneId zone, String field, Map<String, String> errors) {
    if (text == null || text.isBlank()) {
      errors.put(field, "Give a date and time.");
      return null;
    }
    try {
      return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      errors.put(field, "Write a date and time such as 2026-03-28T23:00.");
      return null;
    }
  }

  /** The service names the weekly zone apart; the form has one time zone field for both. */
  private static Map<String, String> formErrors(Map<String, String> fieldErrors) {
    Map<String, String> errors = new LinkedHashMap<>();
    fieldErrors.forEach(
        (field, message) ->
            errors.putIfAbsent("weekly.timeZone".equals(field) ? "timeZone" : field, message));
    return errors;
  }

  private static Map<String, String> only(Map<String, String> errors, String field) {
    return errors.containsKey(field) ? Map.of(field, errors.get(field)) : Map.of();
  }

  private String formPage(Form form, Map<String, String> errors, boolean previewed) {
    List<LabelMatcher> matchers =
        SilenceService.validMatchers(
            form.matchers().stream()
                .filter(r -> !r.label().isBlank() || !r.value().isBlank())
                .map(r -> new SilenceService.MatcherInput(r.label(), r.op(), r.value()))
                .toList());
    Map<String, String> levels = levels();
    List<AlertRef> preview = silences.matching(matchers).stream().map(a -> ref(a, levels)).toList();
    return Templates.form(form, errors, preview, previewed).render();
  }

  private Summary summary(Silence s, Instant now, Map<String, String> levels) {
    SilenceSchedule schedule = s.schedule();
    SilenceSchedule.State state = schedule.state(now);
    String when;
    switch (state) {
      case ACTIVE:
        when = "in force until " + silences.format(schedule.inForceUntil(now).orElse(s.endsAt));
        break;
      case PENDING:
      case WAITING:
        when =
            schedule
                .nextInForce(now)
                .map(t -> "next in force " + silences.format(t))
                .orElse("not in force again before its end");
        break;
      default:
        when = "ended " + silences.format(s.endsAt);
    }
    List<AlertRef> matches =
        silences.matching(s.labelMatchers()).stream().map(a -> ref(a, levels)).toList();
    SilenceSchedule.Weekly weekly = s.weekly();
    return new Summary(
        s.id,
        state.word(),
        s.matcherText(),
        silences.format(s.startsAt),
        silences.format(s.endsAt),
        weekly == null ? null : weekly.describe(),
        when,
        s.author,
        s.comment,
        silences.format(s.createdAt),
        matches.size(),
        matches);
  }

  private static AlertRef ref(AlertDefinition a, Map<String, String> levels) {
    String level = levels.getOrDefault(a.id(), Level.UNKNOWN.name());
    return new AlertRef(a.id(), a.name(), level, level.toLowerCase(Locale.ROOT));
  }

  /** Every alert's level now, by id, in one query. */
  private static Map<String, String> levels() {
    Map<String, String> levels = new HashMap<>();
    AlertState.<AlertState>listAll().forEach(s -> levels.put(s.alertId, s.level.name()));
    return levels;
  }

  /** {@code team=~web.*} from a query parameter; an unreadable one is kept as a bad label. */
  private static MatcherRow parseMatcher(String text) {
    String t = text == null ? "" : text.strip();
    for (String op : List.of("!~", "=~", "!=", "=")) {
      int at = t.indexOf(op);
      if (at > 0) {
        return new MatcherRow(t.substring(0, at), op, t.substring(at + op.length()), null);
      }
    }
    return new MatcherRow(t, "=", "", null);
  }

  private static List<MatcherRow> padded(List<MatcherRow> rows) {
    List<MatcherRow> all = new ArrayList<>(rows);
    while (all.size() < MATCHER_ROWS || !last(all).label().isBlank()) {
      all.add(new MatcherRow("", "=", "", null));
    }
    return all;
  }

  private static MatcherRow last(List<MatcherRow> rows) {
    return rows.isEmpty() ? new MatcherRow("x", "=", "", null) : rows.get(rows.size() - 1);
  }

  private static List<DayChoice> days(Set<DayOfWeek> checked) {
    List<DayChoice> choices = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      choices.add(
          new DayChoice(
              SilenceSchedule.dayCode(day),
              day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH),
              checked.contains(day)));
    }
    return choices;
  }

  private static String at(List<String> list, int i) {
    return i < list.size() && list.get(i) != null ? list.get(i).strip() : "";
  }

  private static String blankIfNull(String s) {
    return s == null ? "" : s;
  }
}

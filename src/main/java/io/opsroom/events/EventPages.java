package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
import io.opsroom.platform.Markdown;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The changelog pages: the list at {@code /events} (search, timeline, results), one page per event,
 * and the form to add or edit one. {@code POST /events} itself belongs to the Graphite receiver, so
 * the form posts to {@code /events/new}.
 */
@Path("/events")
@Produces(MediaType.TEXT_HTML)
public class EventPages {

  /** Tag keys that name an inventory or alerting object, and the page each one links to. */
  static final Map<String, String> OBJECT_LINKS =
      Map.of(
          "server", "/servers/",
          "app", "/applications/",
          "alert", "/alerts/",
          "outage", "/outages/");

  /** Which key comes first among an event's links. */
  private static final List<String> LINK_ORDER = List.of("outage", "alert", "app", "server");

  @Inject EventService service;
  @Inject EventSearch search;
  @Inject EventTimes times;
  @Inject CurrentUser me;
  @Inject Clock clock;

  /** The filters as typed, to echo in the form and to carry into links. */
  public record Filters(String q, String tags, String from, String until, String source) {

    public Filters {
      q = blank(q);
      tags = blank(tags);
      from = blank(from);
      until = blank(until);
      source = blank(source);
    }

    /** The filters as a query string, without page; empty when there are none. */
    public String query() {
      return query(q, tags, from, until, source);
    }

    /** Whether any filter is set. */
    public boolean any() {
      return !query().isEmpty();
    }

    /** The list with this tag added to the tag filter. */
    public String withTag(String tag) {
      List<String> all = new ArrayList<>(Tags.split(tags));
      if (!all.contains(tag)) {
        all.add(tag);
      }
      return "/events?" + query(q, String.join(" ", all), from, until, source);
    }

    /** The list narrowed to one time range, typed as the form's local times. */
    public String range(String start, String end) {
      return "/events?" + query(q, tags, start, end, source);
    }

    public String atom() {
      return "/events/feed.atom" + (any() ? "?" + query() : "");
    }

    public String csv() {
      return "/events/export.csv" + (any() ? "?" + query() : "");
    }

    /** The form for a new event, with the tags of this filter. */
    public String newEvent() {
      return "/events/new" + (tags == null ? "" : "?" + query(null, tags, null, null, null));
    }

    public String api() {
      return "/api/events" + (any() ? "?" + query() : "");
    }

    private static String query(String q, String tags, String from, String until, String source) {
      StringJoiner query = new StringJoiner("&");
      add(query, "q", q);
      add(query, "tags", tags);
      add(query, "from", from);
      add(query, "until", until);
      add(query, "source", source);
      return query.toString();
    }

    private static void add(StringJoiner query, String name, String value) {
      if (value != null && !value.isBlank()) {
        query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
  }

  /** A tag shown as a chip, linking to the list filtered by it as well. */
  public record Chip(String tag, String href) {}

  /** One result of the list. */
  public record Row(
      long id,
      String time,
      String isoTime,
      String duration,
      String titleHtml,
      String excerptHtml,
      String source,
      String author,
      List<Chip> tags) {}

  /** One bar of the timeline, with the link that narrows the list to it. */
  public record BarView(String label, long count, int height, String href) {}

  /** The timeline above the list. */
  public record TimelineView(
      String unit,
      List<BarView> bars,
      long max,
      long total,
      String firstLabel,
      String middleLabel,
      String lastLabel) {

    public boolean isEmpty() {
      return bars.isEmpty();
    }

    /** Half the tallest bar, for the middle line of the axis; 0 when it would repeat 0 or max. */
    public long half() {
      return max >= 4 ? max / 2 : 0;
    }
  }

  /** A link from an event to the object one of its tags names. */
  public record Link(String label, String href) {}

  /** One key=value attribute of an event, with its label when the installation configures it. */
  public record AttributeRow(String key, String label, List<String> values) {}

  /** An event as its page shows it. */
  public record Detail(
      long id,
      String title,
      String time,
      String isoTime,
      String endTime,
      String duration,
      String bodyHtml,
      List<Chip> tags,
      List<AttributeRow> attributes,
      List<Link> links,
      String source,
      String author,
      String createdAt,
      String updatedAt) {}

  /** One choice of an attribute's select. */
  public record Choice(String value, boolean selected) {}

  /** One extra attribute's field, as typed. */
  public record AttributeField(
      String key,
      String label,
      boolean mandatory,
      boolean multiple,
      List<Choice> choices,
      String text,
      String error) {

    public boolean hasChoices() {
      return !choices.isEmpty();
    }

    /** The name the service gives this field's problems. */
    public String field() {
      return "attributes." + key;
    }
  }

  /** The form as typed; times on the display zone's wall clock. */
  public record Form(
      String time,
      String endTime,
      String title,
      String body,
      String tags,
      List<AttributeField> attributes) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        Filters filters,
        Map<String, String> errors,
        EventSearch.Result result,
        List<Row> rows,
        TimelineView timeline,
        List<String> sources,
        String notice,
        String zone);

    static native TemplateInstance event(Detail event);

    static native TemplateInstance form(
        Form form,
        Map<String, String> errors,
        List<String> suggested,
        String action,
        Long id,
        String zone);
  }

  @GET
  @Transactional
  public Response list(
      @QueryParam("q") String q,
      @QueryParam("tags") String tags,
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @QueryParam("source") String source,
      @QueryParam("page") String page,
      @QueryParam("deleted") String deleted) {
    EventQuery.Reading reading =
        EventQuery.read(q, tags, from, until, source, page, null, times.zone());
    // A hand-edited page number shows the first page: the form has no field to show it at.
    Map<String, String> errors = new LinkedHashMap<>(reading.errors());
    errors.remove("page");
    // Times that were read are shown as the datetime-local inputs hold them, so a link with an
    // ISO instant or a date keeps its range when the form is sent again.
    EventQuery query = reading.query();
    Filters filters =
        new Filters(
            q,
            tags,
            query.from() == null ? from : times.input(query.from()),
            query.until() == null ? until : times.input(query.until()),
            source);
    EventSearch.Result result = search.search(reading.query());
    EventSearch.Timeline timeline = search.timeline(result, times.zone());
    String notice = null;
    if (deleted != null && deleted.matches("[0-9]{1,19}")) {
      notice = "Event #" + deleted + " was deleted.";
    }
    String html =
        Templates.list(
                filters,
                errors,
                result,
                result.items().stream().map(h -> row(h, filters)).toList(),
                timelineView(timeline, filters),
                Arrays.stream(EventSource.values()).map(EventSource::word).toList(),
                notice,
                times.zone().getId())
            .render();
    // Unusable filters are shown at their fields; the rest of the search still ran.
    return Response.status(errors.isEmpty() ? 200 : 400).entity(html).build();
  }

  @GET
  @Path("{id: \\d+}")
  @Transactional
  public String event(@PathParam("id") long id) {
    return Templates.event(detail(service.find(id))).render();
  }

  /**
   * The form for a new event. {@code at} (an ISO-8601 instant or epoch seconds) sets its time, as
   * the "add event at this time" link of an alert graph does; {@code tags} its tags.
   */
  @GET
  @Path("new")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public String newForm(@QueryParam("at") String at, @QueryParam("tags") String tags) {
    Map<String, String> errors = new LinkedHashMap<>();
    Instant time = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    if (at != null && !at.isBlank()) {
      try {
        time = EventTimes.parse(at, ZoneOffset.UTC);
      } catch (IllegalArgumentException e) {
        errors.put("time", "The link's time was not understood, so this is now. " + e.getMessage());
      }
    }
    Form form = form(time, null, "", "", Tags.split(EventQuery.clean(tags)), Map.of());
    return formPage(form, errors, null);
  }

  @POST
  @Path("new")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response create(
      @FormParam("time") String time,
      @FormParam("endTime") String endTime,
      @FormParam("title") String title,
      @FormParam("body") String body,
      @FormParam("tags") String tags,
      @FormParam("choice") List<String> choices,
      @FormParam("attrKey") List<String> attrKeys,
      @FormParam("attrText") List<String> attrTexts) {
    Typed typed = read(time, endTime, title, body, tags, choices, attrKeys, attrTexts);
    try {
      refuse(typed, EventSource.WEB);
      Event event = service.create(typed.input(), me.username(), EventSource.WEB);
      return Response.seeOther(URI.create("/events/" + event.id)).build();
    } catch (InvalidInputException e) {
      return refused(typed, e, null);
    }
  }

  @GET
  @Path("{id: \\d+}/edit")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public String editForm(@PathParam("id") long id) {
    Event event = service.find(id);
    Form form = form(event.at, event.endAt, event.title, event.body, event.tags, Map.of());
    return formPage(form, Map.of(), id);
  }

  @POST
  @Path("{id: \\d+}/edit")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response update(
      @PathParam("id") long id,
      @FormParam("time") String time,
      @FormParam("endTime") String endTime,
      @FormParam("title") String title,
      @FormParam("body") String body,
      @FormParam("tags") String tags,
      @FormParam("choice") List<String> choices,
      @FormParam("attrKey") List<String> attrKeys,
      @FormParam("attrText") List<String> attrTexts) {
    Event event = QuarkusTransaction.requiringNew().call(() -> service.find(id));
    Typed typed = read(time, endTime, title, body, tags, choices, attrKeys, attrTexts);
    try {
      refuse(typed, EventSource.parse(event.source).orElse(EventSource.WEB));
      service.update(id, typed.input());
      return Response.seeOther(URI.create("/events/" + id)).build();
    } catch (InvalidInputException e) {
      return refused(typed, e, id);
    }
  }

  @POST
  @Path("{id: \\d+}/delete")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response delete(@PathParam("id") long id) {
    service.delete(id);
    return Response.seeOther(URI.create("/events?deleted=" + id)).build();
  }

  // ---------------------------------------------------------------------------------------------

  private Row row(EventSearch.Hit hit, Filters filters) {
    Event e = hit.event();
    return new Row(
        e.id,
        times.format(e.at),
        e.at.toString(),
        e.endAt == null ? null : EventTimes.duration(e.at, e.endAt),
        hit.titleHtml(),
        hit.excerptHtml(),
        e.source,
        e.author,
        e.tags.stream().map(t -> new Chip(t, filters.withTag(t))).toList());
  }

  private TimelineView timelineView(EventSearch.Timeline timeline, Filters filters) {
    List<BarView> bars = new ArrayList<>();
    for (EventSearch.Bar bar : timeline.bars()) {
      String href =
          bar.count() == 0 ? null : filters.range(times.input(bar.start()), times.input(bar.end()));
      bars.add(new BarView(bar.label(), bar.count(), timeline.height(bar), href));
    }
    return new TimelineView(
        timeline.unit(),
        bars,
        timeline.max(),
        timeline.total(),
        timeline.firstLabel(),
        timeline.middleLabel(),
        timeline.lastLabel());
  }

  private Detail detail(Event e) {
    Map<String, String> labels = new LinkedHashMap<>();
    EventAttribute.ordered().forEach(a -> labels.put(a.key, a.label));
    List<AttributeRow> attributes = new ArrayList<>();
    if (e.attrs != null) {
      e.attrs.forEach(
          (key, values) -> attributes.add(new AttributeRow(key, labels.get(key), values)));
    }
    Filters none = new Filters(null, null, null, null, null);
    return new Detail(
        e.id,
        e.title,
        times.format(e.at),
        e.at.toString(),
        e.endAt == null ? null : times.format(e.endAt),
        e.endAt == null ? null : EventTimes.duration(e.at, e.endAt),
        Markdown.toHtml(e.body),
        e.tags.stream().map(t -> new Chip(t, none.withTag(t))).toList(),
        attributes,
        links(e),
        e.source,
        e.author,
        times.format(e.createdAt),
        times.format(e.updatedAt));
  }

  /** Links to the servers, applications, alerts and outages the event's tags name. */
  static List<Link> links(Event e) {
    List<Link> links = new ArrayList<>();
    for (String key : LINK_ORDER) {
      for (String value : e.values(key)) {
        links.add(
            new Link(
                key + " " + value,
                OBJECT_LINKS.get(key)
                    + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
      }
    }
    return links;
  }

  /** The form for these values: tags of a configured attribute go to that attribute's field. */
  private Form form(
      Instant at,
      Instant end,
      String title,
      String body,
      List<String> tags,
      Map<String, String> errors) {
    List<EventAttribute> attributes = EventAttribute.ordered();
    Set<String> keys = attributes.stream().map(a -> a.key).collect(Collectors.toSet());
    List<String> plain = new ArrayList<>();
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String tag : Tags.normalize(tags)) {
      int eq = tag.indexOf('=');
      if (eq > 0 && keys.contains(tag.substring(0, eq))) {
        values
            .computeIfAbsent(tag.substring(0, eq), k -> new ArrayList<>())
            .add(tag.substring(eq + 1));
      } else {
        plain.add(tag);
      }
    }
    return new Form(
        times.input(at),
        times.input(end),
        title,
        body,
        String.join(" ", plain),
        fields(attributes, values, Map.of(), errors));
  }

  private static List<AttributeField> fields(
      List<EventAttribute> attributes,
      Map<String, List<String>> chosen,
      Map<String, String> typedText,
      Map<String, String> errors) {
    List<AttributeField> fields = new ArrayList<>();
    for (EventAttribute a : attributes) {
      List<String> values = chosen.getOrDefault(a.key, List.of());
      List<Choice> choices = new ArrayList<>();
      for (String c : a.choices) {
        choices.add(new Choice(c, values.contains(c)));
      }
      // A value that is not a choice (from the tags field, or an old event) stays visible.
      for (String v : values) {
        if (!a.choices.isEmpty() && !a.choices.contains(v)) {
          choices.add(new Choice(v, true));
        }
      }
      String text = typedText.getOrDefault(a.key, String.join(" ", values));
      fields.add(
          new AttributeField(
              a.key,
              a.label,
              a.mandatory,
              a.multiple,
              choices,
              text,
              errors.get("attributes." + a.key)));
    }
    return fields;
  }

  /** What the form said: the service's input, reading problems, and the form to echo. */
  private record Typed(
      EventInput input,
      Map<String, String> errors,
      Form form,
      Map<String, List<String>> chosen,
      Map<String, String> texts) {}

  private Typed read(
      String time,
      String endTime,
      String title,
      String body,
      String tags,
      List<String> choices,
      List<String> attrKeys,
      List<String> attrTexts) {
    Map<String, String> errors = new LinkedHashMap<>();
    Instant at = null;
    if (time == null || time.isBlank()) {
      errors.put("time", "Give the date and time it happened.");
    } else {
      at = localTime("time", time, errors);
    }
    Instant end = localTime("endTime", endTime, errors);
    List<String> all = new ArrayList<>(Tags.split(tags));
    Map<String, List<String>> chosen = new LinkedHashMap<>();
    for (String choice : choices) {
      int eq = choice == null ? -1 : choice.indexOf('=');
      if (eq > 0 && eq < choice.length() - 1) {
        all.add(choice);
        chosen
            .computeIfAbsent(choice.substring(0, eq), k -> new ArrayList<>())
            .add(choice.substring(eq + 1));
      }
    }
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, EventAttribute> byKey = new LinkedHashMap<>();
    QuarkusTransaction.requiringNew()
        .run(() -> EventAttribute.ordered().forEach(a -> byKey.put(a.key, a)));
    for (int i = 0; i < attrKeys.size(); i++) {
      String key = attrKeys.get(i);
      String text = i < attrTexts.size() && attrTexts.get(i) != null ? attrTexts.get(i) : "";
      EventAttribute attribute = byKey.get(key);
      if (attribute == null) {
        continue;
      }
      texts.put(key, text);
      List<String> values = attribute.multiple ? Tags.split(text) : List.of(text.strip());
      for (String value : values) {
        if (value.isEmpty()) {
          continue;
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
          errors.put(
              "attributes." + key,
              attribute.label + " is stored as the tag " + key + "=<value>: no spaces in it.");
          continue;
        }
        all.add(Tags.pair(key, value));
      }
    }
    Form echo =
        new Form(
            blankIfNull(time),
            blankIfNull(endTime),
            blankIfNull(title),
            blankIfNull(body),
            blankIfNull(tags),
            List.of());
    return new Typed(new EventInput(at, end, title, body, all), errors, echo, chosen, texts);
  }

  private Instant localTime(String field, String text, Map<String, String> errors) {
    try {
      return EventTimes.parse(text, times.zone());
    } catch (IllegalArgumentException e) {
      errors.put(field, "Write a date and time such as 2026-03-01T14:05. " + e.getMessage());
      return null;
    }
  }

  /** Refuses with every problem of the form at once: those of reading, then the service's. */
  private void refuse(Typed typed, EventSource source) {
    if (typed.errors().isEmpty()) {
      return;
    }
    Map<String, String> all = new LinkedHashMap<>(typed.errors());
    Map<String, String> more = new LinkedHashMap<>(service.problems(typed.input(), source));
    if (typed.errors().containsKey("time")) {
      more.remove("endTime");
    }
    more.forEach(all::putIfAbsent);
    throw new InvalidInputException(400, all);
  }

  private Response refused(Typed typed, InvalidInputException e, Long id) {
    Map<String, String> errors = e.fieldErrors();
    String html =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Form typedForm = typed.form();
                  // Tags typed into the tags field that belong to an attribute stay in the tags
                  // field, as typed; the attribute fields show what was chosen in them.
                  Form echo =
                      new Form(
                          typedForm.time(),
                          typedForm.endTime(),
                          typedForm.title(),
                          typedForm.body(),
                          typedForm.tags(),
                          fields(EventAttribute.ordered(), typed.chosen(), typed.texts(), errors));
                  return formPage(echo, errors, id);
                });
    return Response.status(e.status()).entity(html).build();
  }

  private String formPage(Form form, Map<String, String> errors, Long id) {
    return Templates.form(
            form,
            errors,
            EventSuggestedTag.ordered(),
            id == null ? "/events/new" : "/events/" + id + "/edit",
            id,
            times.zone().getId())
        .render();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String blankIfNull(String s) {
    return s == null ? "" : s;
  }
}

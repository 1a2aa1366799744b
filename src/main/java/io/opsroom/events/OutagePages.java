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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outage pages: {@code /outages} (open outages first, then resolved ones, and the declare form
 * for editors) and {@code /outages/{key}} (state, figures so far, the timeline of its events,
 * warnings, the alerts that fired during it, and the buttons that record its steps). Every button
 * writes an event through {@link OutageService}; a refused step shows its message at its field.
 */
@Path("/outages")
@Produces(MediaType.TEXT_HTML)
public class OutagePages {

  /** Resolved outages per page of the list. */
  static final int RESOLVED_PER_PAGE = 25;

  private static final DateTimeFormatter LOCAL_INPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @Inject OutageService service;
  @Inject CurrentUser me;
  @Inject Clock clock;

  /** An open outage on the list. */
  public record OpenRow(
      String key,
      String title,
      String since,
      Instant start,
      Integer impact,
      String detected,
      String elapsed,
      int warnings) {}

  /** A resolved outage (or one without start) on the list. */
  public record ClosedRow(
      String key,
      String title,
      String start,
      String ttd,
      String ttr,
      Integer impact,
      boolean problem,
      int warnings) {}

  /** The declare form as typed. */
  public record DeclareForm(
      String key,
      String title,
      String start,
      String impact,
      String application,
      String postmortemUrl,
      String tags) {}

  /** A page of the resolved list. */
  public record Paging(int page, int pages) {

    public boolean hasPrevious() {
      return page > 1;
    }

    public boolean hasNext() {
      return page < pages;
    }
  }

  /** The outage as its page shows it. */
  public record Detail(
      String key,
      String title,
      String state,
      Integer impact,
      Integer peakImpact,
      String start,
      String detected,
      String resolved,
      String ttd,
      String ttr,
      String elapsed,
      String weighted,
      String application,
      String postmortemUrl,
      String createdBy,
      List<String> warnings) {

    public boolean open() {
      return "open".equals(state);
    }

    public boolean problem() {
      return "problem".equals(state);
    }
  }

  /** One event on the vertical timeline. */
  public record Item(
      long eventId,
      String time,
      Instant at,
      String kind,
      String title,
      Integer impact,
      boolean counted,
      String source,
      String author,
      String bodyHtml) {}

  /** An alert that fired during the outage. */
  public record AlertItem(
      long eventId, String alertId, String level, String title, String time, String app) {}

  /** The values of the step forms, as typed or defaulted. */
  public record Forms(
      String detectedTime,
      String resolvedTime,
      String impactTime,
      String impact,
      String noteTime,
      String note,
      String title,
      String application,
      String postmortemUrl) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        List<OpenRow> open,
        List<ClosedRow> closed,
        Paging paging,
        DeclareForm form,
        Map<String, String> errors,
        String zone);

    static native TemplateInstance outage(
        Detail outage,
        List<Item> timeline,
        List<AlertItem> alerts,
        Forms forms,
        Map<String, String> errors,
        String notice,
        String zone);
  }

  @GET
  @Transactional
  public String list(@QueryParam("page") String page) {
    return listPage(page, emptyForm(), Map.of());
  }

  /** Declares an outage and opens its page; a refusal shows the form again with the messages. */
  @POST
  @RolesAllowed(Role.EDITOR_NAME)
  public Response declare(
      @FormParam("key") String key,
      @FormParam("title") String title,
      @FormParam("start") String start,
      @FormParam("impact") String impact,
      @FormParam("application") String application,
      @FormParam("postmortemUrl") String postmortemUrl,
      @FormParam("tags") String tags) {
    DeclareForm form =
        new DeclareForm(
            blank(key),
            blank(title),
            blank(start),
            blank(impact),
            blank(application),
            blank(postmortemUrl),
            blank(tags));
    Map<String, String> errors = new LinkedHashMap<>();
    Instant startAt = localTime(start, "start", errors);
    try {
      if (!errors.isEmpty()) {
        throw new InvalidInputException(400, errors);
      }
      Outage outage =
          service.declare(
              new OutageService.Declaration(
                  key, title, startAt, impact, application, postmortemUrl, Tags.split(tags)),
              me.username(),
              EventSource.WEB);
      return Response.seeOther(URI.create("/outages/" + outage.key + "?declared=1")).build();
    } catch (InvalidInputException e) {
      Map<String, String> all = new LinkedHashMap<>(errors);
      e.fieldErrors().forEach(all::putIfAbsent);
      String html = QuarkusTransaction.requiringNew().call(() -> listPage(null, form, all));
      return Response.status(e.status()).entity(html).build();
    }
  }

  @GET
  @Path("{key}")
  @Transactional
  public String outage(
      @PathParam("key") String key,
      @QueryParam("declared") String declared,
      @QueryParam("done") String done) {
    String notice = null;
    if (declared != null) {
      notice = "The outage is declared: its start is in the changelog.";
    } else if (done != null) {
      notice =
          switch (done) {
            case "detected" -> "Marked detected.";
            case "resolved" -> "Marked resolved. Link the post-mortem when it is written.";
            case "impact" -> "The change of impact is recorded.";
            case "note" -> "The note is added to the timeline.";
            case "edit" -> "Saved.";
            default -> null;
          };
    }
    return outagePage(key, defaults(service.find(key)), Map.of(), notice);
  }

  @POST
  @Path("{key}/detected")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response detected(
      @PathParam("key") String key,
      @FormParam("time") String time,
      @FormParam("note") String note) {
    return step(
        key,
        "detected",
        time,
        null,
        note,
        forms -> withTime(forms, "detected", time),
        (k, s) -> service.markDetected(k, s, me.username(), EventSource.WEB));
  }

  @POST
  @Path("{key}/resolved")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response resolved(
      @PathParam("key") String key,
      @FormParam("time") String time,
      @FormParam("note") String note) {
    return step(
        key,
        "resolved",
        time,
        null,
        note,
        forms -> withTime(forms, "resolved", time),
        (k, s) -> service.markResolved(k, s, me.username(), EventSource.WEB));
  }

  @POST
  @Path("{key}/impact")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response impact(
      @PathParam("key") String key,
      @FormParam("time") String time,
      @FormParam("impact") String impact) {
    return step(
        key,
        "impact",
        time,
        impact,
        null,
        forms ->
            new Forms(
                forms.detectedTime(),
                forms.resolvedTime(),
                blank(time),
                blank(impact),
                forms.noteTime(),
                forms.note(),
                forms.title(),
                forms.application(),
                forms.postmortemUrl()),
        (k, s) -> service.changeImpact(k, s, me.username(), EventSource.WEB));
  }

  @POST
  @Path("{key}/notes")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response note(
      @PathParam("key") String key,
      @FormParam("time") String time,
      @FormParam("note") String note) {
    return step(
        key,
        "note",
        time,
        null,
        note,
        forms ->
            new Forms(
                forms.detectedTime(),
                forms.resolvedTime(),
                forms.impactTime(),
                forms.impact(),
                blank(time),
                blank(note),
                forms.title(),
                forms.application(),
                forms.postmortemUrl()),
        (k, s) -> service.addNote(k, s, me.username(), EventSource.WEB));
  }

  /** Title, application and post-mortem link. */
  @POST
  @Path("{key}/edit")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response edit(
      @PathParam("key") String key,
      @FormParam("title") String title,
      @FormParam("application") String application,
      @FormParam("postmortemUrl") String postmortemUrl) {
    Outage outage = service.find(key);
    try {
      service.update(
          outage.key,
          new OutageService.Changes(
              title,
              postmortemUrl == null ? "" : postmortemUrl,
              application == null ? "" : application),
          me.username(),
          EventSource.WEB);
      return Response.seeOther(URI.create("/outages/" + outage.key + "?done=edit")).build();
    } catch (InvalidInputException e) {
      Map<String, String> errors = prefixed("edit", e.fieldErrors());
      String html =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    Forms d = defaults(service.find(key));
                    Forms typed =
                        new Forms(
                            d.detectedTime(),
                            d.resolvedTime(),
                            d.impactTime(),
                            d.impact(),
                            d.noteTime(),
                            d.note(),
                            blank(title),
                            blank(application),
                            blank(postmortemUrl));
                    return outagePage(key, typed, errors, null);
                  });
      return Response.status(e.status()).entity(html).build();
    }
  }

  /** What a step button does with the outage key and the step. */
  @FunctionalInterface
  interface StepAction {
    void apply(String key, OutageService.Step step);
  }

  /** Echoes the typed values of one form into the defaults of the others. */
  @FunctionalInterface
  interface Echo {
    Forms apply(Forms defaults);
  }

  private Response step(
      String key,
      String form,
      String time,
      String impact,
      String note,
      Echo echo,
      StepAction action) {
    Outage outage = service.find(key);
    Map<String, String> errors = new LinkedHashMap<>();
    Instant at = localTime(time, "time", errors);
    try {
      if (!errors.isEmpty()) {
        throw new InvalidInputException(400, errors);
      }
      action.apply(outage.key, new OutageService.Step(at, impact, note));
      return Response.seeOther(URI.create("/outages/" + outage.key + "?done=" + form)).build();
    } catch (InvalidInputException e) {
      Map<String, String> all = new LinkedHashMap<>(errors);
      e.fieldErrors().forEach(all::putIfAbsent);
      Map<String, String> shown = prefixed(form, all);
      String html =
          QuarkusTransaction.requiringNew()
              .call(() -> outagePage(key, echo.apply(defaults(service.find(key))), shown, null));
      return Response.status(e.status()).entity(html).build();
    }
  }

  private static Map<String, String> prefixed(String form, Map<String, String> errors) {
    Map<String, String> shown = new LinkedHashMap<>();
    errors.forEach((field, message) -> shown.put(form + "." + field, message));
    return shown;
  }

  private Forms withTime(Forms d, String form, String time) {
    return new Forms(
        form.equals("detected") ? blank(time) : d.detectedTime(),
        form.equals("resolved") ? blank(time) : d.resolvedTime(),
        d.impactTime(),
        d.impact(),
        d.noteTime(),
        d.note(),
        d.title(),
        d.application(),
        d.postmortemUrl());
  }

  private Forms defaults(Outage outage) {
    String now = input(clock.instant());
    return new Forms(
        now,
        now,
        now,
        "",
        now,
        "",
        outage.title,
        blank(outage.application),
        blank(outage.postmortemUrl));
  }

  private String listPage(String page, DeclareForm form, Map<String, String> errors) {
    Instant now = clock.instant();
    ZoneId zone = service.zone();
    List<OutageService.Listed> all = service.all();
    List<OpenRow> open =
        all.stream()
            .filter(l -> l.timeline().isOpen())
            .map(
                l -> {
                  OutageTimeline t = l.timeline();
                  return new OpenRow(
                      l.key(),
                      l.outage().title,
                      format(t.start(), zone),
                      t.start(),
                      t.lastImpact(),
                      t.detected() == null ? null : OpsReport.human(t.ttd()),
                      OpsReport.human(positive(Duration.between(t.start(), now))),
                      t.warnings().size());
                })
            .toList();
    List<ClosedRow> closed =
        all.stream()
            .filter(l -> !l.timeline().isOpen())
            .map(
                l -> {
                  OutageTimeline t = l.timeline();
                  return new ClosedRow(
                      l.key(),
                      l.outage().title,
                      format(t.start(), zone),
                      OpsReport.human(t.ttd()),
                      OpsReport.human(t.ttr()),
                      t.peakImpact(),
                      !t.hasStart(),
                      t.warnings().size());
                })
            .toList();
    int pages = Math.max(1, (closed.size() + RESOLVED_PER_PAGE - 1) / RESOLVED_PER_PAGE);
    int number = 1;
    try {
      number = Math.min(pages, Math.max(1, Integer.parseInt(page == null ? "1" : page.strip())));
    } catch (NumberFormatException e) {
      // A hand-edited page number shows the first page.
    }
    int from = (number - 1) * RESOLVED_PER_PAGE;
    List<ClosedRow> shown = closed.subList(from, Math.min(closed.size(), from + RESOLVED_PER_PAGE));
    return Templates.list(open, shown, new Paging(number, pages), form, errors, zone.getId())
        .render();
  }

  private DeclareForm emptyForm() {
    return new DeclareForm(
        "", "", input(clock.instant()), String.valueOf(OutageTimeline.DEFAULT_IMPACT), "", "", "");
  }

  private String outagePage(String key, Forms forms, Map<String, String> errors, String notice) {
    Instant now = clock.instant();
    ZoneId zone = service.zone();
    Outage outage = service.find(key);
    List<Event> events = service.eventsOf(outage.key);
    OutageTimeline t = OutageTimeline.ofEvents(outage.key, outage.title, events);
    Map<Long, String> bodies = new HashMap<>();
    for (Event e : events) {
      bodies.put(e.id, Markdown.toHtml(e.body));
    }
    Duration elapsed =
        t.hasStart()
            ? positive(Duration.between(t.start(), t.resolved() == null ? now : t.resolved()))
            : null;
    Detail detail =
        new Detail(
            outage.key,
            outage.title,
            OutageResource.state(t),
            t.lastImpact(),
            t.peakImpact(),
            format(t.start(), zone),
            format(t.detected(), zone),
            format(t.resolved(), zone),
            OpsReport.human(t.ttd()),
            OpsReport.human(t.ttr()),
            OpsReport.human(elapsed),
            t.hasStart() ? OpsReport.human(t.weightedDowntime(now)) : null,
            outage.application,
            outage.postmortemUrl,
            outage.createdBy,
            t.warnings());
    List<Item> items =
        t.steps().stream()
            .map(
                s ->
                    new Item(
                        s.entry().id(),
                        format(s.entry().at(), zone),
                        s.entry().at(),
                        s.kind().word(),
                        s.entry().title(),
                        s.impact(),
                        s.counted(),
                        s.entry().source(),
                        s.entry().author(),
                        bodies.getOrDefault(s.entry().id(), "")))
            .toList();
    List<AlertItem> alerts =
        service.alertsDuring(t).stream()
            .map(
                a ->
                    new AlertItem(
                        a.eventId(),
                        a.alertId(),
                        a.level(),
                        a.title(),
                        format(a.at(), zone),
                        a.app()))
            .toList();
    return Templates.outage(detail, items, alerts, forms, errors, notice, zone.getId()).render();
  }

  /** A datetime-local value on the installation's wall clock; blank means now (null). */
  private Instant localTime(String text, String field, Map<String, String> errors) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.strip()).atZone(service.zone()).toInstant();
    } catch (DateTimeParseException e) {
      errors.put(field, "Write a date and time such as 2026-03-28T23:05.");
      return null;
    }
  }

  private String input(Instant t) {
    return LOCAL_INPUT.format(t.truncatedTo(ChronoUnit.MINUTES).atZone(service.zone()));
  }

  /** A time on the installation's wall clock, {@code 2026-03-28 23:05}; null for none. */
  static String format(Instant t, ZoneId zone) {
    return t == null ? null : DISPLAY.format(t.atZone(zone));
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static String blank(String s) {
    return s == null ? "" : s;
  }
}

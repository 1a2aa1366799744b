package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
import io.opsroom.platform.QueryNumbers;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.util.List;
import java.util.Locale;

/**
 * Outages over JSON: list (open or resolved, paged), one with its timeline, warnings and the alerts
 * that fired during it; declare, mark detected, mark resolved, change impact, add a note, and
 * change the title, application or post-mortem link (editors).
 */
@Path("/api/outages")
@Produces(MediaType.APPLICATION_JSON)
public class OutageResource {

  static final int DEFAULT_PER_PAGE = 50;
  static final int MAX_PER_PAGE = 500;

  @Inject OutageService service;
  @Inject CurrentUser me;
  @Inject Clock clock;

  /** An outage as the API shows it; durations in whole seconds, null where they do not apply. */
  public record OutageView(
      String key,
      String title,
      String state,
      Instant start,
      Instant detected,
      Instant resolved,
      Integer impact,
      Integer peakImpact,
      Long ttdSeconds,
      Long ttrSeconds,
      Long elapsedSeconds,
      Long weightedDowntimeSeconds,
      String application,
      String postmortemUrl,
      String createdBy,
      Instant createdAt,
      List<String> warnings) {}

  /** One event of an outage's timeline; {@code counted} is false for one the rules ignored. */
  public record TimelineEventView(
      long id,
      Instant time,
      String kind,
      String title,
      Integer impact,
      boolean counted,
      List<String> tags,
      String source,
      String author) {}

  /** An alert that fired during the outage. */
  public record AlertView(
      long eventId, Instant time, String alert, String level, String title, String app) {}

  /** An outage with its events and the alerts that fired during it. */
  public record OutageDetail(
      OutageView outage, List<TimelineEventView> timeline, List<AlertView> alerts) {}

  /** A page of outages, in the shape of the other lists of the API. */
  public record OutagePage(long count, int page, int perPage, List<OutageView> items) {}

  /** {@code POST /api/outages}: see {@link OutageService.Declaration}. */
  public record DeclareRequest(
      String key,
      String title,
      Instant start,
      String impact,
      String application,
      String postmortemUrl,
      List<String> tags) {}

  /** A step: {@code time} defaults to now; {@code impact} for a change of impact. */
  public record StepRequest(Instant time, String impact, String note) {}

  /** Changes to an outage's own fields: null leaves a field alone, "" clears it. */
  public record ChangeRequest(String title, String postmortemUrl, String application) {}

  @GET
  @Transactional
  public OutagePage list(
      @QueryParam("state") String state,
      @QueryParam("page") String page,
      @QueryParam("perPage") String perPage) {
    String wanted = state == null ? "" : state.strip().toLowerCase(Locale.ROOT);
    if (!wanted.isEmpty()
        && !wanted.equals("open")
        && !wanted.equals("resolved")
        && !wanted.equals("problem")) {
      throw InvalidInputException.field(
          "state", "Use open, resolved or problem (or leave it out for all).");
    }
    int number = QueryNumbers.positive("page", page, 1, Integer.MAX_VALUE);
    int size = QueryNumbers.positive("perPage", perPage, DEFAULT_PER_PAGE, MAX_PER_PAGE);
    Instant now = clock.instant();
    List<OutageView> all =
        service.all().stream()
            .map(l -> view(l, now))
            .filter(v -> wanted.isEmpty() || v.state().equals(wanted))
            .toList();
    int from = (int) Math.min(all.size(), (long) (number - 1) * size);
    int to = Math.min(all.size(), from + size);
    return new OutagePage(all.size(), number, size, all.subList(from, to));
  }

  @GET
  @Path("{key}")
  @Transactional
  public OutageDetail get(@PathParam("key") String key) {
    return detail(service.get(key));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public Response declare(DeclareRequest in) {
    DeclareRequest r =
        in != null ? in : new DeclareRequest(null, null, null, null, null, null, null);
    Outage outage =
        service.declare(
            new OutageService.Declaration(
                r.key(),
                r.title(),
                r.start(),
                r.impact(),
                r.application(),
                r.postmortemUrl(),
                r.tags()),
            me.username(),
            EventSource.API);
    return Response.created(URI.create("/api/outages/" + outage.key))
        .entity(detail(service.get(outage.key)))
        .build();
  }

  @POST
  @Path("{key}/detected")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public OutageDetail detected(@PathParam("key") String key, StepRequest in) {
    service.markDetected(key, step(in), me.username(), EventSource.API);
    return detail(service.get(key));
  }

  @POST
  @Path("{key}/resolved")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public OutageDetail resolved(@PathParam("key") String key, StepRequest in) {
    service.markResolved(key, step(in), me.username(), EventSource.API);
    return detail(service.get(key));
  }

  @POST
  @Path("{key}/impact")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public OutageDetail impact(@PathParam("key") String key, StepRequest in) {
    service.changeImpact(key, step(in), me.username(), EventSource.API);
    return detail(service.get(key));
  }

  @POST
  @Path("{key}/notes")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public OutageDetail note(@PathParam("key") String key, StepRequest in) {
    service.addNote(key, step(in), me.username(), EventSource.API);
    return detail(service.get(key));
  }

  @PATCH
  @Path("{key}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public OutageDetail patch(@PathParam("key") String key, ChangeRequest in) {
    ChangeRequest c = in != null ? in : new ChangeRequest(null, null, null);
    service.update(
        key,
        new OutageService.Changes(c.title(), c.postmortemUrl(), c.application()),
        me.username(),
        EventSource.API);
    return detail(service.get(key));
  }

  /** The same as PATCH: fields left out stay as they are. */
  @PUT
  @Path("{key}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public OutageDetail put(@PathParam("key") String key, ChangeRequest in) {
    return patch(key, in);
  }

  private static OutageService.Step step(StepRequest in) {
    return in == null
        ? new OutageService.Step(null, null, null)
        : new OutageService.Step(in.time(), in.impact(), in.note());
  }

  OutageDetail detail(OutageService.Listed listed) {
    OutageTimeline t = listed.timeline();
    return new OutageDetail(
        view(listed, clock.instant()),
        t.steps().stream()
            .map(
                s ->
                    new TimelineEventView(
                        s.entry().id(),
                        s.entry().at(),
                        s.kind().word(),
                        s.entry().title(),
                        s.impact(),
                        s.counted(),
                        s.entry().tags(),
                        s.entry().source(),
                        s.entry().author()))
            .toList(),
        service.alertsDuring(t).stream()
            .map(
                a -> new AlertView(a.eventId(), a.at(), a.alertId(), a.level(), a.title(), a.app()))
            .toList());
  }

  /** The state word: open, resolved, or problem (no start). */
  static String state(OutageTimeline t) {
    if (!t.hasStart()) {
      return "problem";
    }
    return t.isOpen() ? "open" : "resolved";
  }

  static OutageView view(OutageService.Listed listed, Instant now) {
    Outage o = listed.outage();
    OutageTimeline t = listed.timeline();
    Long elapsed = null;
    if (t.hasStart()) {
      Instant end = t.resolved() != null ? t.resolved() : now;
      elapsed = Math.max(0, Duration.between(t.start(), end).toSeconds());
    }
    return new OutageView(
        o.key,
        o.title,
        state(t),
        t.start(),
        t.detected(),
        t.resolved(),
        t.lastImpact(),
        t.peakImpact(),
        t.ttd() == null ? null : t.ttd().toSeconds(),
        t.ttr() == null ? null : t.ttr().toSeconds(),
        elapsed,
        t.hasStart() ? t.weightedDowntime(now).toSeconds() : null,
        o.application,
        o.postmortemUrl,
        o.createdBy,
        o.createdAt,
        t.warnings());
  }
}

package io.opsroom.alerting;

import io.opsroom.platform.InvalidInputException;
import io.opsroom.platform.QueryNumbers;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Silences over JSON: list, read, create (editors) and end now (editors). */
@Path("/api/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource {

  @Inject SilenceService service;
  @Inject Silences silences;
  @Inject CurrentUser me;
  @Inject Clock clock;

  /** One matcher: {@code op} is {@code =}, {@code !=}, {@code =~} or {@code !~}. */
  public record MatcherView(String label, String op, String value) {}

  /** A weekly recurrence: days MON … SUN, start and end as HH:MM, a time zone name. */
  public record WeeklyView(List<String> days, String start, String end, String timeZone) {}

  /** A silence, with its state now and the ids of the alerts it covers. */
  public record SilenceView(
      long id,
      List<MatcherView> matchers,
      Instant startsAt,
      Instant endsAt,
      WeeklyView weekly,
      String author,
      String comment,
      Instant createdAt,
      String state,
      List<String> matchingAlerts) {}

  /** A new silence; {@code startsAt} defaults to now, {@code weekly} to none. */
  public record SilenceRequest(
      List<MatcherView> matchers,
      Instant startsAt,
      Instant endsAt,
      WeeklyView weekly,
      String comment) {

    SilenceService.SilenceInput toInput() {
      return new SilenceService.SilenceInput(
          matchers == null
              ? null
              : matchers.stream()
                  .map(
                      m ->
                          m == null
                              ? null
                              : new SilenceService.MatcherInput(m.label(), m.op(), m.value()))
                  .toList(),
          startsAt,
          endsAt,
          weekly == null
              ? null
              : new SilenceService.WeeklyInput(
                  weekly.days(), weekly.start(), weekly.end(), weekly.timeZone()),
          comment);
    }
  }

  /** One page of silences, in the shape of the other lists of the API. */
  public record SilencePage(long count, int page, int perPage, List<SilenceView> items) {}

  @GET
  @Transactional
  public SilencePage list(
      @QueryParam("state") String state,
      @QueryParam("page") String page,
      @QueryParam("perPage") String perPage) {
    Optional<SilenceSchedule.State> wanted = Optional.empty();
    if (state != null && !state.isBlank()) {
      wanted = SilenceSchedule.State.parse(state);
      if (wanted.isEmpty()) {
        throw InvalidInputException.field(
            "state", "Use active, pending, waiting or expired (or leave it out for all).");
      }
    }
    Instant now = clock.instant();
    var listing =
        service.list(
            wanted,
            QueryNumbers.positive("page", page, 1, Integer.MAX_VALUE),
            QueryNumbers.positive("perPage", perPage, 50, 500),
            now);
    return new SilencePage(
        listing.count(),
        listing.page(),
        listing.perPage(),
        listing.items().stream().map(s -> view(s, now)).toList());
  }

  @GET
  @Path("{id}")
  @Transactional
  public SilenceView get(@PathParam("id") long id) {
    return view(service.find(id), clock.instant());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public Response create(SilenceRequest input) {
    var in = input != null ? input : new SilenceRequest(null, null, null, null, null);
    Silence silence = service.create(in.toInput(), me.username());
    return Response.created(URI.create("/api/silences/" + silence.id))
        .entity(view(silence, clock.instant()))
        .build();
  }

  /** Ends the silence now; 409 when it has ended already. */
  @POST
  @Path("{id}/expire")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public SilenceView expire(@PathParam("id") long id) {
    return view(service.expire(id), clock.instant());
  }

  SilenceView view(Silence s, Instant now) {
    SilenceSchedule.Weekly weekly = s.weekly();
    return new SilenceView(
        s.id,
        s.matchers.stream().map(m -> new MatcherView(m.label(), m.op(), m.value())).toList(),
        s.startsAt,
        s.endsAt,
        weekly == null
            ? null
            : new WeeklyView(
                weekly.dayCodes(),
                weekly.start().toString(),
                weekly.end().toString(),
                weekly.zone().getId()),
        s.author,
        s.comment,
        s.createdAt,
        s.schedule().state(now).word(),
        silences.matching(s.labelMatchers()).stream().map(AlertDefinition::id).toList());
  }
}

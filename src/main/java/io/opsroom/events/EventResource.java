package io.opsroom.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.opsroom.platform.InvalidInputException;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The changelog over JSON: search (the list page's filters), read, and for editors create, replace
 * and delete. Times are ISO-8601 UTC strings; scripts post deploys here with an API token.
 */
@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

  /** The sources a caller of this API may claim; the others are Opsroom's own ways in. */
  static final Set<EventSource> CALLER_SOURCES =
      Set.of(EventSource.API, EventSource.CLI, EventSource.GIT);

  @Inject EventService service;
  @Inject EventSearch search;
  @Inject CurrentUser me;

  @ConfigProperty(name = "opsroom.base-url", defaultValue = "http://localhost:8080")
  String baseUrl;

  /**
   * An event. {@code attributes} are its {@code key=value} tags again, as key to values; {@code
   * url} is its page.
   */
  public record EventView(
      long id,
      Instant time,
      Instant endTime,
      String title,
      String body,
      List<String> tags,
      Map<String, List<String>> attributes,
      String source,
      String author,
      Instant createdAt,
      Instant updatedAt,
      String url) {

    static EventView of(Event e, String baseUrl) {
      return new EventView(
          e.id,
          e.at,
          e.endAt,
          e.title,
          e.body,
          List.copyOf(e.tags),
          e.attrs == null ? Map.of() : e.attrs,
          e.source,
          e.author,
          e.createdAt,
          e.updatedAt,
          stripSlash(baseUrl) + "/events/" + e.id);
    }
  }

  /**
   * A new event, or the replacement of one. {@code time} and {@code endTime} are ISO-8601 instants
   * (or with an offset), dates, or epoch seconds; {@code time} defaults to now. {@code source} is
   * {@code api} (default), {@code cli} or {@code git}.
   */
  public record EventRequest(
      String time, String endTime, String title, String body, List<String> tags, String source) {}

  /** One page of events; {@code notice} says when the search words were not usable. */
  public record EventPage(
      long count,
      int page,
      int perPage,
      List<EventView> items,
      @JsonInclude(JsonInclude.Include.NON_NULL) String notice) {}

  /**
   * Events, newest first. {@code q} uses websearch syntax (words, "phrases", -exclusion, OR);
   * {@code tags} are space- or comma-separated and must all be present; {@code from} is inclusive
   * and {@code until} exclusive.
   */
  @GET
  @Transactional
  public EventPage list(
      @QueryParam("q") String q,
      @QueryParam("tags") String tags,
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @QueryParam("source") String source,
      @QueryParam("page") String page,
      @QueryParam("perPage") String perPage) {
    EventQuery query =
        EventQuery.read(q, tags, from, until, source, page, perPage, ZoneOffset.UTC).orThrow();
    EventSearch.Result result = search.search(query, false);
    return new EventPage(
        result.count(),
        result.page(),
        result.perPage(),
        result.events().stream().map(e -> EventView.of(e, baseUrl)).toList(),
        result.notice());
  }

  @GET
  @Path("{id: \\d+}")
  @Transactional
  public EventView get(@PathParam("id") long id) {
    return EventView.of(service.find(id), baseUrl);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public Response create(EventRequest request) {
    EventRequest r = orEmpty(request);
    Map<String, String> errors = new LinkedHashMap<>();
    EventSource source = EventSource.API;
    if (r.source() != null && !r.source().isBlank()) {
      source = EventSource.parse(r.source()).filter(CALLER_SOURCES::contains).orElse(null);
      if (source == null) {
        errors.put(
            "source",
            "Use api (the default), cli or git; the other sources are Opsroom's own ways in.");
        source = EventSource.API;
      }
    }
    EventInput input = input(r, null, errors);
    refuse(errors, input, source);
    Event event = service.create(input, me.username(), source);
    return Response.created(URI.create("/api/events/" + event.id))
        .entity(EventView.of(event, baseUrl))
        .build();
  }

  /**
   * Replaces an event's time, end, title, body and tags. Without {@code time} it keeps its time;
   * its source and author stay.
   */
  @PUT
  @Path("{id: \\d+}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public EventView update(@PathParam("id") long id, EventRequest request) {
    Event existing = service.find(id);
    Map<String, String> errors = new LinkedHashMap<>();
    EventInput input = input(orEmpty(request), existing.at, errors);
    refuse(errors, input, EventSource.parse(existing.source).orElse(EventSource.API));
    return EventView.of(service.update(id, input), baseUrl);
  }

  @DELETE
  @Path("{id: \\d+}")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public Response delete(@PathParam("id") long id) {
    service.delete(id);
    return Response.noContent().build();
  }

  private static EventRequest orEmpty(EventRequest request) {
    return request != null ? request : new EventRequest(null, null, null, null, null, null);
  }

  /** The service's input; times that do not read are noted and left out. */
  private static EventInput input(EventRequest r, Instant defaultTime, Map<String, String> errors) {
    Instant at = time("time", r.time(), errors);
    Instant end = time("endTime", r.endTime(), errors);
    return new EventInput(at == null ? defaultTime : at, end, r.title(), r.body(), r.tags());
  }

  /** Refuses with every problem at once: those of reading, then the service's own. */
  private void refuse(Map<String, String> errors, EventInput input, EventSource source) {
    if (errors.isEmpty()) {
      return;
    }
    Map<String, String> all = new LinkedHashMap<>(errors);
    Map<String, String> more = new LinkedHashMap<>(service.problems(input, source));
    if (errors.containsKey("time")) {
      // Measured against a time that was not understood, the end says nothing.
      more.remove("endTime");
    }
    more.forEach(all::putIfAbsent);
    throw new InvalidInputException(400, all);
  }

  private static Instant time(String field, String text, Map<String, String> errors) {
    try {
      return EventTimes.parse(text, ZoneOffset.UTC);
    } catch (IllegalArgumentException e) {
      errors.put(field, e.getMessage());
      return null;
    }
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}

package io.opsroom.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsroom.platform.GraphiteTime;
import io.opsroom.platform.InvalidInputException;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The changelog's compatibility endpoints: graphite-web's events API ({@code POST /events/}, {@code
 * GET /events/get_data}), so scripts written for Graphite keep working and Grafana's Graphite data
 * source draws Opsroom events as annotations, and Anthracite's script receiver ({@code POST
 * /events/add/script}) for teams moving from Anthracite. Shapes follow the originals; validation is
 * Opsroom's, and every error is a JSON body.
 */
@Path("/events")
@Tag(name = "Graphite and Anthracite compatibility")
public class GraphiteEventsResource {

  /** A JSONP callback may be a (dotted) JavaScript name and nothing else, so it cannot inject. */
  private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]{0,99}");

  @Inject EventService events;
  @Inject GraphiteEventQuery query;
  @Inject ReceiverAccess access;
  @Inject Clock clock;
  @Inject ObjectMapper json;

  @ConfigProperty(name = "opsroom.base-url", defaultValue = "http://localhost:8080")
  String baseUrl;

  /** The zone of graphite-web's wall-clock times (12:30_20240115, midnight), like TIME_ZONE. */
  @ConfigProperty(name = "opsroom.time-zone", defaultValue = "UTC")
  String timeZone;

  /** The event's id and page, in answer to a post (graphite-web answers an empty 200). */
  public record Posted(long id, String url) {}

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Add an event the way graphite-web's events API takes it",
      description =
          "The body is JSON {what, tags, when, data}, whatever the Content-Type says (curl -d"
              + " sends it as a form): what is the title, tags a list or a space-separated"
              + " string, when epoch seconds (default now), data the markdown body. Answers 200"
              + " with the new event's id and page. Needs an editor API token (Bearer, or the"
              + " password of HTTP Basic) unless opsroom.events.open-receivers is on.")
  public Posted graphite(byte[] body, @Context HttpHeaders headers) {
    String author = access.author(headers);
    EventInput input = GraphiteEventJson.read(body);
    Event event = create(input, author, EventSource.GRAPHITE, GRAPHITE_FIELDS, "");
    return new Posted(event.id, eventUrl(event));
  }

  // No @Produces: graphite-web answers JSON (or JavaScript for jsonp) whatever the caller accepts,
  // and a browser's Accept header must not turn that into a 406.
  @GET
  @Path("get_data")
  @Operation(
      summary = "Events in graphite-web's get_data shape, for Grafana annotations",
      description =
          "Every event from `from` (default: the epoch) to `until` (default: now), oldest first,"
              + " as [{when, what, data, tags, id}] with when in epoch seconds. Times use"
              + " graphite-web's syntax (-6h, -10min, now-1d, epoch seconds, 12:30_20240115,"
              + " 20240115). tags: space-separated; set=union matches any of them, anything else"
              + " all of them. jsonp=<name> wraps the answer in a call.")
  public Response getData(
      @QueryParam("from") @Parameter(description = "Start, graphite-web's time syntax") String from,
      @QueryParam("until") @Parameter(description = "End, graphite-web's time syntax") String until,
      @QueryParam("tags") @Parameter(description = "Space-separated tags") String tags,
      @QueryParam("set") @Parameter(description = "union or intersection (the default)") String set,
      @QueryParam("jsonp") @Parameter(description = "A JavaScript callback name") String jsonp,
      @Context UriInfo uri) {
    var now = clock.instant().atZone(zone());
    Map<String, String> errors = new LinkedHashMap<>();
    Instant start = time("from", from, now, Instant.EPOCH, errors);
    Instant end = time("until", until, now, now.toInstant(), errors);
    if (jsonp != null && !CALLBACK.matcher(jsonp).matches()) {
      errors.put("jsonp", "The callback must be a JavaScript name, such as handleEvents.");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    List<String> wanted = null;
    // An empty tags= matches nothing in graphite-web, unlike no tags parameter at all; Quarkus
    // hands an empty parameter over as null, so its presence is read from the query itself.
    if (tags != null || uri.getQueryParameters().containsKey("tags")) {
      wanted = Tags.normalize(words(tags));
    }
    List<Map<String, Object>> answer = new ArrayList<>();
    for (Event event : query.find(start, end, wanted, "union".equals(set))) {
      // graphite-web's keys, in its order.
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("when", event.at.getEpochSecond());
      item.put("what", event.title);
      item.put("data", event.body);
      item.put("tags", event.tags);
      item.put("id", event.id);
      answer.add(item);
    }
    String text;
    try {
      text = json.writeValueAsString(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Events could not be written as JSON", e);
    }
    if (jsonp != null) {
      return Response.ok(jsonp + "(" + text + ")", "text/javascript").build();
    }
    return Response.ok(text, MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("add/script")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(
      summary = "Add an event the way Anthracite's script receiver takes it",
      description =
          "A form (URL-encoded as curl -d sends it, or multipart as curl -F does) with"
              + " event_timestamp (epoch seconds, default now), event_desc (first line: title;"
              + " the rest: body) and event_tags (space-separated). Answers 201 with the text"
              + " `ok event_id=<id>` as Anthracite did. Needs an editor API token unless"
              + " opsroom.events.open-receivers is on.")
  public Response anthracite(
      byte[] body, @Context HttpHeaders headers, @Context RoutingContext context) {
    String author = access.author(headers);
    String type = context.get(ReceiverBodies.ORIGINAL_TYPE);
    if (!FormFields.isForm(type)) {
      throw new InvalidInputException(
          415,
          Map.of(
              "body",
              AnthraciteForm.REFUSED
                  + "send a form (Content-Type application/x-www-form-urlencoded or"
                  + " multipart/form-data), as curl -d or curl -F do."));
    }
    EventInput input = AnthraciteForm.read(FormFields.decode(body, type));
    Event event =
        create(input, author, EventSource.ANTHRACITE, ANTHRACITE_FIELDS, AnthraciteForm.REFUSED);
    return Response.status(201)
        .location(URI.create(eventUrl(event)))
        .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
        .entity("ok event_id=" + event.id + "\n")
        .build();
  }

  /** EventService's field names as graphite-web's body calls them. */
  private static final Map<String, String> GRAPHITE_FIELDS =
      Map.of("title", "what", "body", "data", "time", "when", "tags", "tags");

  /** EventService's field names as Anthracite's form calls them. */
  private static final Map<String, String> ANTHRACITE_FIELDS =
      Map.of(
          "title",
          "event_desc",
          "body",
          "event_desc",
          "time",
          "event_timestamp",
          "tags",
          "event_tags");

  /**
   * Stores the event; EventService's refusals are passed on under the caller's own field names, so
   * a script is told about "what" or "event_desc" rather than about Opsroom's "title".
   */
  private Event create(
      EventInput input,
      String author,
      EventSource source,
      Map<String, String> fieldNames,
      String prefix) {
    try {
      return events.create(input, author, source);
    } catch (InvalidInputException e) {
      Map<String, String> renamed = new LinkedHashMap<>();
      e.fieldErrors()
          .forEach(
              (field, message) ->
                  renamed.merge(
                      fieldNames.getOrDefault(field, field),
                      prefix + message,
                      (a, b) -> a + " " + b.substring(prefix.length())));
      throw new InvalidInputException(e.status(), renamed);
    }
  }

  private Instant time(
      String field, String text, ZonedDateTime now, Instant fallback, Map<String, String> errors) {
    if (text == null) {
      return fallback;
    }
    try {
      return GraphiteTime.parse(text, now);
    } catch (IllegalArgumentException e) {
      errors.put(field, e.getMessage());
      return fallback;
    }
  }

  /** The white-space separated words of a parameter; none for null or blank. */
  private static List<String> words(String text) {
    String value = text == null ? "" : text.strip();
    return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
  }

  private ZoneId zone() {
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }

  private String eventUrl(Event event) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + "/events/" + event.id;
  }
}

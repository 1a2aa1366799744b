package io.opsroom.stats;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An application's stats as JSON, for its own pages and scripts: newest values, series and alert
 * states. Cached like the embeds, readable from the sites in {@code opsroom.stats.cors-origins}.
 */
@Path("/api/applications/{name}/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Application stats")
public class ApplicationStatsResource {

  @Inject ApplicationEmbeds embeds;
  @Inject EmbedHeaders headers;

  @GET
  @Operation(
      summary = "An application's panels and alerts",
      description =
          "The newest value and the points of each of the application's panels over the range,"
              + " and the state of the alerts labelled app=<name>. Fetched from Graphite at most"
              + " once per cache time-to-live; when Graphite is down, stale is true and the last"
              + " values are shown with their age. With anonymous read off, the application's embed"
              + " token in ?token= opens it. Answers 304 to a matching If-None-Match.")
  @APIResponse(
      responseCode = "200",
      description = "The application's stats",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ApplicationStats.class)))
  @APIResponse(responseCode = "304", description = "Unchanged since the ETag sent")
  @APIResponse(responseCode = "400", description = "A range other than 24h, 7d, 4w or 1y")
  @APIResponse(responseCode = "404", description = "No such application")
  public Response stats(
      @PathParam("name") String name,
      @Parameter(description = "24h (default), 7d, 4w or 1y") @QueryParam("range") String range,
      @Parameter(description = "The application's embed token, when anonymous read is off")
          @QueryParam("token")
          String token,
      @Context HttpHeaders request) {
    ApplicationEmbeds.Snapshot snapshot = embeds.snapshot(name, StatsRange.parse(range));
    return headers.cached(
        Response.ok(ApplicationStats.of(snapshot)), snapshot.etag(), request, null, true);
  }

  @OPTIONS
  @Operation(hidden = true)
  public Response preflight(@Context HttpHeaders request) {
    return headers.preflight(request);
  }
}

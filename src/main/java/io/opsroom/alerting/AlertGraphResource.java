package io.opsroom.alerting;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An alert's last 24 hours as a PNG at {@code /alerts/{id}/graph.png}: the picture PagerDuty
 * incidents and chat messages link to, drawn like the email's.
 */
@Path("/alerts/{id}/graph.png")
public class AlertGraphResource {

  @Inject AlertRegistry registry;
  @Inject AlertGraphs graphs;

  @GET
  @Produces("image/png")
  public Response png(@PathParam("id") String id) {
    AlertDefinition alert =
        registry.definition(id).orElseThrow(() -> new NotFoundException("No alert " + id));
    byte[] png = graphs.lastDayPng(List.of(alert)).get(id);
    if (png == null) {
      throw new NotFoundException(
          "No graph for " + id + ": it is a composite, or Graphite failed.");
    }
    // A minute old is fresh enough, and spares Graphite when a channel fetches it repeatedly.
    return Response.ok(png).header("Cache-Control", "max-age=60").build();
  }
}

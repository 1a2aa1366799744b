package io.opsroom.stats;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code /applications/{name}/graphs?range=24h|7d|4w|1y}: the application's alerts and graphs, as a
 * page, or with {@code fragment=1} as the cards its page loads. A resource of its own because
 * JAX-RS matches the class path first, and the application pages' class would otherwise take the
 * request.
 */
@Path("/applications/{name}/graphs")
public class ApplicationGraphPages {

  @Inject ObjectGraphPages pages;

  // No @Produces: a caller that asks for JSON gets its errors (400, 404) as JSON from the error
  // mappers instead of a 406; the page itself is HTML whatever was asked.
  @GET
  public Response graphs(
      @PathParam("name") String name,
      @QueryParam("range") String range,
      @QueryParam("fragment") String fragment) {
    return ObjectGraphPages.html(pages.application(name, range, fragment));
  }
}

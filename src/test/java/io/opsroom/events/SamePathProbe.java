package io.opsroom.events;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A second resource class at {@code /events}, as the event pages are: shows that Quarkus REST
 * serves two classes under one class-level path, that a path template there does not take {@code
 * get_data} from the Graphite receiver, that one path answers different methods from different
 * classes, and that a form posted under {@code /events} still needs its CSRF token. Its paths
 * cannot collide with a real page.
 */
@Path("/events")
public class SamePathProbe {

  /**
   * PUT on {@code /events} itself, where the Graphite receiver has POST (and the event pages GET):
   * one path, several classes, told apart by the method. No page uses PUT there.
   */
  @PUT
  @Produces(MediaType.TEXT_PLAIN)
  public String put() {
    return "put on the list";
  }

  @GET
  @Path("{probe: same-path-probe-[0-9]+}")
  @Produces(MediaType.TEXT_PLAIN)
  public String probe(@PathParam("probe") String probe) {
    return "probe " + probe;
  }

  @POST
  @Path("same-path-probe-form")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_PLAIN)
  public String form(@RestForm String title) {
    return "form " + title;
  }
}

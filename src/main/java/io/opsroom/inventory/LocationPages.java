package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The locations page: where servers live, with how many servers each holds, and a form to add one.
 */
@Path("/locations")
@Produces(MediaType.TEXT_HTML)
public class LocationPages {

  @Inject LocationService locations;
  @Inject CurrentUser me;

  /** The add-location form as typed. */
  public record LocationForm(String name, String provider, String description) {
    static final LocationForm EMPTY = new LocationForm("", "", "");
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance locations(
        List<LocationView> locations, LocationForm form, Map<String, String> errors);
  }

  @GET
  @Transactional
  public String list() {
    return page(LocationForm.EMPTY, Map.of());
  }

  @POST
  @RolesAllowed(Role.EDITOR_NAME)
  public Response add(
      @FormParam("name") String name,
      @FormParam("provider") String provider,
      @FormParam("description") String description) {
    try {
      locations.create(
          new LocationService.LocationInput(name, provider, description), me.username());
      return Response.seeOther(URI.create("/locations")).build();
    } catch (InvalidInputException e) {
      var form = new LocationForm(name, provider, description);
      return Response.status(e.status())
          .entity(QuarkusTransaction.requiringNew().call(() -> page(form, e.fieldErrors())))
          .build();
    }
  }

  private String page(LocationForm form, Map<String, String> errors) {
    var counts = LocationResource.serverCounts();
    List<LocationView> views =
        Location.listByName().stream()
            .map(l -> LocationView.of(l, counts.getOrDefault(l.id, 0L)))
            .toList();
    return Templates.locations(views, form, errors).render();
  }
}

package io.opsroom.inventory;

import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Locations and contacts over JSON. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LocationResource {

  @Inject LocationService locations;
  @Inject ContactService contacts;
  @Inject CurrentUser me;

  @GET
  @Path("locations")
  @Transactional
  public List<LocationView> list() {
    var counts = serverCounts();
    return Location.listByName().stream()
        .map(l -> LocationView.of(l, counts.getOrDefault(l.id, 0L)))
        .toList();
  }

  @GET
  @Path("locations/{name}")
  @Transactional
  public LocationView get(@PathParam("name") String name) {
    Location l = find(name);
    return LocationView.of(l, Server.count("location", l));
  }

  @POST
  @Path("locations")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response create(LocationService.LocationInput input) {
    var in = input != null ? input : new LocationService.LocationInput(null, null, null);
    Location l = locations.create(in, me.username());
    return Response.created(URI.create("/api/locations/" + l.name))
        .entity(LocationView.of(l, 0))
        .build();
  }

  @PUT
  @Path("locations/{name}")
  @RolesAllowed(Role.EDITOR_NAME)
  public LocationView update(@PathParam("name") String name, LocationService.LocationInput input) {
    var in = input != null ? input : new LocationService.LocationInput(null, null, null);
    Location l = locations.update(name, in, me.username());
    return LocationView.of(l, Server.count("location", l));
  }

  @GET
  @Path("contacts")
  @Transactional
  public List<Contact.View> contacts() {
    return Contact.<Contact>list("order by name, email").stream().map(Contact.View::of).toList();
  }

  @GET
  @Path("contacts/{email}")
  @Transactional
  public Contact.View contact(@PathParam("email") String email) {
    return Contact.findByEmail(Names.normalize(email))
        .map(Contact.View::of)
        .orElseThrow(() -> new NotFoundException("No contact " + email));
  }

  @PUT
  @Path("contacts/{email}")
  @RolesAllowed(Role.EDITOR_NAME)
  public Contact.View updateContact(
      @PathParam("email") String email, ContactService.ContactFields input) {
    var in = input != null ? input : new ContactService.ContactFields(null, null, null);
    return Contact.View.of(contacts.update(email, in, me.username()));
  }

  @GET
  @Path("changes")
  @Transactional
  public Page<ChangeView> changes(
      @jakarta.ws.rs.QueryParam("type") String type,
      @jakarta.ws.rs.QueryParam("page") String page,
      @jakarta.ws.rs.QueryParam("perPage") String perPage) {
    Page.Request request = Page.Request.parse(page, perPage);
    String objectType = Names.normalize(type);
    if (objectType != null
        && !objectType.isEmpty()
        && !List.of("server", "application", "alias", "location", "contact").contains(objectType)) {
      throw io.opsroom.platform.InvalidInputException.field(
          "type", "Use one of: server, application, alias, location, contact.");
    }
    var query =
        type == null || type.isBlank()
            ? ObjectChange.<ObjectChange>find("order by at desc, id desc")
            : ObjectChange.<ObjectChange>find(
                "objectType = ?1 order by at desc, id desc", objectType);
    long count = query.count();
    List<ChangeView> items =
        query.page(request.page() - 1, request.perPage()).list().stream()
            .map(ChangeView::of)
            .toList();
    return new Page<>(count, request.page(), request.perPage(), items);
  }

  static java.util.Map<Long, Long> serverCounts() {
    java.util.Map<Long, Long> counts = new java.util.HashMap<>();
    Server.getEntityManager()
        .createQuery(
            "select s.location.id, count(s) from Server s where s.location is not null"
                + " group by s.location.id",
            Object[].class)
        .getResultList()
        .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
    return counts;
  }

  private static Location find(String name) {
    return Location.findByName(Names.normalize(name))
        .orElseThrow(() -> new NotFoundException("No location " + name));
  }
}

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** Applications over JSON: list with filters and paging, get, create, replace, notes, history. */
@Path("/api/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {

  @Inject ApplicationService applications;
  @Inject NoteService notes;
  @Inject InventorySearch search;
  @Inject CurrentUser me;

  @GET
  @Transactional
  public Page<ApplicationView> list(
      @QueryParam("q") String q,
      @QueryParam("technology") String technology,
      @QueryParam("status") String status,
      @QueryParam("server") String server,
      @QueryParam("contact") String contact,
      @QueryParam("sort") String sort,
      @QueryParam("page") String page,
      @QueryParam("perPage") String perPage) {
    var filter =
        new InventorySearch.ApplicationFilter(q, technology, status, server, contact, sort);
    return search.applications(filter, Page.Request.parse(page, perPage)).map(ApplicationView::of);
  }

  @GET
  @Path("{name}")
  @Transactional
  public ApplicationView get(@PathParam("name") String name) {
    return ApplicationView.of(find(name));
  }

  @POST
  @RolesAllowed(Role.EDITOR_NAME)
  public Response create(ApplicationService.ApplicationInput input) {
    Application app = applications.create(orEmpty(input), me.username());
    return Response.created(URI.create("/api/applications/" + app.name))
        .entity(ApplicationView.of(app))
        .build();
  }

  @PUT
  @Path("{name}")
  @RolesAllowed(Role.EDITOR_NAME)
  public ApplicationView update(
      @PathParam("name") String name, ApplicationService.ApplicationInput input) {
    return ApplicationView.of(applications.update(name, orEmpty(input), me.username()));
  }

  @GET
  @Path("{name}/notes")
  @Transactional
  public List<NoteView> notes(@PathParam("name") String name) {
    return Note.newestFirst(find(name)).stream().map(NoteView::of).toList();
  }

  @POST
  @Path("{name}/notes")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response addNote(@PathParam("name") String name, NoteService.NoteInput input) {
    Note note = notes.add("application", name, NoteResources.orEmpty(input), me.username());
    return Response.status(201).entity(NoteView.of(note)).build();
  }

  @GET
  @Path("{name}/changes")
  @Transactional
  public List<ChangeView> changes(@PathParam("name") String name) {
    return ObjectChange.history("application", find(name).id, 200).stream()
        .map(ChangeView::of)
        .toList();
  }

  private static Application find(String name) {
    return Application.findByName(Names.normalize(name))
        .orElseThrow(() -> new NotFoundException("No application " + name));
  }

  private static ApplicationService.ApplicationInput orEmpty(
      ApplicationService.ApplicationInput input) {
    return input != null
        ? input
        : new ApplicationService.ApplicationInput(
            null, null, null, null, null, null, null, null, null, null);
  }
}

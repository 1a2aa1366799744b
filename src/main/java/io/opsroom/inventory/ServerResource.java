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

/** Servers over JSON: list with filters and paging, get, create, replace, notes, history. */
@Path("/api/servers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServerResource {

  @Inject ServerService servers;
  @Inject NoteService notes;
  @Inject InventorySearch search;
  @Inject CurrentUser me;

  @GET
  @Transactional
  public Page<ServerView> list(
      @QueryParam("q") String q,
      @QueryParam("location") String location,
      @QueryParam("environment") String environment,
      @QueryParam("status") String status,
      @QueryParam("kind") String kind,
      @QueryParam("contact") String contact,
      @QueryParam("host") String host,
      @QueryParam("sort") String sort,
      @QueryParam("page") String page,
      @QueryParam("perPage") String perPage) {
    var filter =
        new InventorySearch.ServerFilter(
            q, location, environment, status, kind, contact, host, sort);
    return search.servers(filter, Page.Request.parse(page, perPage)).map(ServerView::of);
  }

  @GET
  @Path("{name}")
  @Transactional
  public ServerView get(@PathParam("name") String name) {
    return ServerView.of(find(name));
  }

  @POST
  @RolesAllowed(Role.EDITOR_NAME)
  public Response create(ServerService.ServerInput input) {
    Server server = servers.create(orEmpty(input), me.username());
    return Response.created(URI.create("/api/servers/" + server.name))
        .entity(ServerView.of(server))
        .build();
  }

  @PUT
  @Path("{name}")
  @RolesAllowed(Role.EDITOR_NAME)
  public ServerView update(@PathParam("name") String name, ServerService.ServerInput input) {
    return ServerView.of(servers.update(name, orEmpty(input), me.username()));
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
    Note note = notes.add("server", name, NoteResources.orEmpty(input), me.username());
    return Response.status(201).entity(NoteView.of(note)).build();
  }

  @GET
  @Path("{name}/changes")
  @Transactional
  public List<ChangeView> changes(@PathParam("name") String name) {
    return ObjectChange.history("server", find(name).id, 200).stream().map(ChangeView::of).toList();
  }

  private static Server find(String name) {
    return Server.findByName(Names.normalize(name))
        .orElseThrow(() -> new NotFoundException("No server " + name));
  }

  private static ServerService.ServerInput orEmpty(ServerService.ServerInput input) {
    return input != null
        ? input
        : new ServerService.ServerInput(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null);
  }
}

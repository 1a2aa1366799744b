package io.opsroom.inventory;

import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
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
import java.util.List;

/**
 * DNS aliases over JSON. {@code POST /api/aliases} creates a request and mails the hostmaster;
 * {@code /confirm} is for the hostmaster (with the token from the mail) or an admin.
 */
@Path("/api/aliases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AliasResource {

  @Inject AliasService aliases;
  @Inject NoteService notes;
  @Inject InventorySearch search;
  @Inject CurrentUser me;

  /** Retiring needs only a reason. */
  public record RetireRequest(String reason, String requesterEmail) {}

  /** The secret from the hostmaster's confirm link; admins may leave it out. */
  public record Confirmation(String token) {}

  /** Why a pending request is withdrawn (by its requester) or refused (by the hostmaster). */
  public record Withdrawal(String reason, String token) {}

  /** The fields of an alias that change without the hostmaster. */
  public record Details(String description, String administrativeInfo) {}

  @GET
  @Transactional
  public Page<AliasView> list(
      @QueryParam("q") String q,
      @QueryParam("status") String status,
      @QueryParam("server") String server,
      @QueryParam("application") String application,
      @QueryParam("sort") String sort,
      @QueryParam("page") String page,
      @QueryParam("perPage") String perPage) {
    var filter = new InventorySearch.AliasFilter(q, status, server, application, sort);
    return search.aliases(filter, Page.Request.parse(page, perPage)).map(AliasView::of);
  }

  @GET
  @Path("{hostname}")
  @Transactional
  public AliasView get(@PathParam("hostname") String hostname) {
    return AliasView.of(aliases.find(hostname));
  }

  @POST
  @RolesAllowed(Role.EDITOR_NAME)
  public Response request(AliasService.AliasRequest input) {
    var in =
        input != null ? input : new AliasService.AliasRequest(null, null, null, null, null, null);
    DnsAlias alias = aliases.request(in, me.username()).alias();
    return Response.created(URI.create("/api/aliases/" + alias.hostname))
        .entity(AliasView.of(alias))
        .build();
  }

  @PUT
  @Path("{hostname}")
  @RolesAllowed(Role.EDITOR_NAME)
  public AliasView update(@PathParam("hostname") String hostname, Details input) {
    var in = input != null ? input : new Details(null, null);
    return AliasView.of(
        aliases.updateDetails(hostname, in.description(), in.administrativeInfo(), me.username()));
  }

  @POST
  @Path("{hostname}/change")
  @RolesAllowed(Role.EDITOR_NAME)
  public AliasView requestChange(
      @PathParam("hostname") String hostname, AliasService.ChangeRequest input) {
    var in = input != null ? input : new AliasService.ChangeRequest(null, null, null, null);
    return AliasView.of(aliases.requestChange(hostname, in, me.username()).alias());
  }

  @POST
  @Path("{hostname}/retire")
  @RolesAllowed(Role.EDITOR_NAME)
  public AliasView requestRetire(@PathParam("hostname") String hostname, RetireRequest input) {
    var in = input != null ? input : new RetireRequest(null, null);
    return AliasView.of(
        aliases.requestRetire(hostname, in.reason(), in.requesterEmail(), me.username()).alias());
  }

  @POST
  @Path("{hostname}/confirm")
  @PermitAll
  public AliasView confirm(@PathParam("hostname") String hostname, Confirmation input) {
    String token = input == null ? null : input.token();
    String actor = confirmer(aliases, me, hostname, token);
    return AliasView.of(aliases.confirm(hostname, actor));
  }

  @POST
  @Path("{hostname}/withdraw")
  @PermitAll
  public AliasView withdraw(@PathParam("hostname") String hostname, Withdrawal input) {
    var in = input != null ? input : new Withdrawal(null, null);
    return AliasView.of(
        aliases.withdraw(hostname, in.reason(), withdrawer(aliases, me, hostname, in.token())));
  }

  /** Who withdraws: the hostmaster with the mailed token, or any editor. */
  static String withdrawer(AliasService aliases, CurrentUser me, String hostname, String token) {
    if (token != null && !token.isBlank()) {
      return confirmer(aliases, me, hostname, token);
    }
    if (me.canEdit()) {
      return me.username();
    }
    if (me.isAnonymous()) {
      throw new io.quarkus.security.UnauthorizedException("Log in to withdraw a request.");
    }
    throw new ForbiddenException("Only editors (or the hostmaster, with the link) can withdraw.");
  }

  /**
   * Who confirms: an admin by name, or the holder of the mailed token ("hostmaster", or their
   * username when logged in). Anyone else is refused.
   */
  static String confirmer(AliasService aliases, CurrentUser me, String hostname, String token) {
    if (token != null && !token.isBlank()) {
      if (!aliases.tokenMatches(aliases.find(hostname), token)) {
        throw new ForbiddenException(
            "This confirm link is not valid (any more): the request was confirmed, replaced or"
                + " never existed.");
      }
      return me.isAnonymous() ? "hostmaster" : me.username();
    }
    if (me.isAdmin()) {
      return me.username();
    }
    throw new ForbiddenException(
        "Only the hostmaster (with the link from the email) or an admin can confirm.");
  }

  @GET
  @Path("{hostname}/notes")
  @Transactional
  public List<NoteView> notes(@PathParam("hostname") String hostname) {
    return Note.newestFirst(aliases.find(hostname)).stream().map(NoteView::of).toList();
  }

  @POST
  @Path("{hostname}/notes")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response addNote(@PathParam("hostname") String hostname, NoteService.NoteInput input) {
    Note note = notes.add("alias", hostname, NoteResources.orEmpty(input), me.username());
    return Response.status(201).entity(NoteView.of(note)).build();
  }

  @GET
  @Path("{hostname}/changes")
  @Transactional
  public List<ChangeView> changes(@PathParam("hostname") String hostname) {
    return ObjectChange.history("alias", aliases.find(hostname).id, 200).stream()
        .map(ChangeView::of)
        .toList();
  }
}

package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import io.opsroom.security.AppUser;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The alias pages: the list, the request form, one page per alias, and the confirm page. */
@Path("/aliases")
@Produces(MediaType.TEXT_HTML)
public class AliasPages {

  @Inject AliasService aliases;
  @Inject NoteService notes;
  @Inject InventorySearch search;
  @Inject CurrentUser me;

  /** The request form as typed. */
  public record RequestForm(
      String hostname,
      String targetType,
      String server,
      String application,
      String description,
      String administrativeInfo,
      String requesterEmail) {}

  /** The change and retire forms as typed. */
  public record ChangeForm(String targetType, String server, String application, String reason) {
    static final ChangeForm EMPTY = new ChangeForm("server", "", "", "");
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        Page<DnsAlias> page,
        InventorySearch.AliasFilter filter,
        Map<String, Long> counts,
        String query);

    static native TemplateInstance request(
        RequestForm form,
        Map<String, String> errors,
        List<String> servers,
        List<String> applications,
        List<String> domains,
        String hostmaster);

    static native TemplateInstance alias(
        DnsAlias alias,
        List<NoteView> notes,
        List<ObjectChange> changes,
        ServerPages.NoteForm note,
        ChangeForm change,
        Map<String, String> errors,
        String notice,
        List<String> servers,
        List<String> applications);

    static native TemplateInstance confirm(DnsAlias alias, String token, boolean valid);
  }

  @GET
  @Transactional
  public String list(
      @QueryParam("q") String q,
      @QueryParam("status") String status,
      @QueryParam("server") String server,
      @QueryParam("application") String application,
      @QueryParam("sort") String sort,
      @QueryParam("page") String page) {
    var filter = new InventorySearch.AliasFilter(q, status, server, application, sort);
    Page<DnsAlias> result;
    try {
      result = search.aliases(filter, Page.Request.parse(page, null));
    } catch (InvalidInputException e) {
      filter = new InventorySearch.AliasFilter(q, status, server, application, null);
      result = search.aliases(filter, Page.Request.parse(null, null));
    }
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    DnsAlias.STATUSES.forEach(s -> counts.put(s, 0L));
    DnsAlias.getEntityManager()
        .createQuery("select d.status, count(d) from DnsAlias d group by d.status", Object[].class)
        .getResultList()
        .forEach(row -> counts.put((String) row[0], (Long) row[1]));
    counts.put(
        "waiting",
        counts.get(DnsAlias.REQUESTED)
            + counts.get(DnsAlias.CHANGE_REQUESTED)
            + counts.get(DnsAlias.RETIRE_REQUESTED));
    return Templates.list(
            result,
            filter,
            counts,
            PageLinks.query("q", q, "status", status, "server", server, "application", application))
        .render();
  }

  @GET
  @Path("request")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public String requestForm(
      @QueryParam("server") String server, @QueryParam("application") String application) {
    String email =
        me.userId().map(id -> AppUser.<AppUser>findById(id)).map(u -> u.email).orElse(null);
    var form =
        new RequestForm(
            "", application != null ? "application" : "server", server, application, "", "", email);
    return requestPage(form, Map.of());
  }

  @POST
  @Path("request")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response request(
      @FormParam("hostname") String hostname,
      @FormParam("targetType") String targetType,
      @FormParam("server") String server,
      @FormParam("application") String application,
      @FormParam("description") String description,
      @FormParam("administrativeInfo") String administrativeInfo,
      @FormParam("requesterEmail") String requesterEmail) {
    boolean toApplication = "application".equals(targetType);
    try {
      var outcome =
          aliases.request(
              new AliasService.AliasRequest(
                  hostname,
                  toApplication ? null : server,
                  toApplication ? application : null,
                  description,
                  administrativeInfo,
                  requesterEmail),
              me.username());
      return Response.seeOther(URI.create("/aliases/" + outcome.alias().hostname + "?requested=1"))
          .build();
    } catch (InvalidInputException e) {
      var form =
          new RequestForm(
              hostname,
              targetType,
              server,
              application,
              description,
              administrativeInfo,
              requesterEmail);
      return Response.status(e.status())
          .entity(QuarkusTransaction.requiringNew().call(() -> requestPage(form, e.fieldErrors())))
          .build();
    }
  }

  @GET
  @Path("{hostname}")
  @Transactional
  public String alias(
      @PathParam("hostname") String hostname,
      @QueryParam("requested") String requested,
      @QueryParam("confirmed") String confirmed,
      @QueryParam("withdrawn") String withdrawn) {
    DnsAlias alias = aliases.find(hostname);
    String notice = null;
    if (confirmed != null) {
      notice = "Confirmed: the alias is " + alias.status + ".";
    }
    if (withdrawn != null) {
      notice = "Withdrawn: the alias is " + alias.status + ".";
    }
    if (requested != null && alias.isPending()) {
      notice =
          aliases.hostmaster().isPresent()
              ? "Sent to the hostmaster. This page shows the alias active once they confirm."
              : "No hostmaster address is configured (OPSROOM_HOSTMASTER_EMAIL): an admin"
                  + " confirms on this page.";
    }
    return aliasPage(alias, ServerPages.NoteForm.EMPTY, ChangeForm.EMPTY, Map.of(), notice);
  }

  @POST
  @Path("{hostname}/notes")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response addNote(
      @PathParam("hostname") String hostname,
      @FormParam("body") String body,
      @FormParam("kind") String kind) {
    try {
      notes.add("alias", hostname, new NoteService.NoteInput(body, kind), me.username());
      return Response.seeOther(
              URI.create("/aliases/" + Names.canonicalHostname(hostname) + "#notes"))
          .build();
    } catch (InvalidInputException e) {
      return errorPage(hostname, new ServerPages.NoteForm(body, kind), ChangeForm.EMPTY, e);
    }
  }

  @POST
  @Path("{hostname}/change")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response requestChange(
      @PathParam("hostname") String hostname,
      @FormParam("targetType") String targetType,
      @FormParam("server") String server,
      @FormParam("application") String application,
      @FormParam("reason") String reason) {
    boolean toApplication = "application".equals(targetType);
    try {
      aliases.requestChange(
          hostname,
          new AliasService.ChangeRequest(
              toApplication ? null : server,
              toApplication ? application : null,
              reason,
              requesterEmail()),
          me.username());
      return Response.seeOther(
              URI.create("/aliases/" + Names.canonicalHostname(hostname) + "?requested=1"))
          .build();
    } catch (InvalidInputException e) {
      return errorPage(
          hostname,
          ServerPages.NoteForm.EMPTY,
          new ChangeForm(targetType, server, application, reason),
          e);
    }
  }

  @POST
  @Path("{hostname}/retire")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response requestRetire(
      @PathParam("hostname") String hostname, @FormParam("reason") String reason) {
    try {
      aliases.requestRetire(hostname, reason, requesterEmail(), me.username());
      return Response.seeOther(
              URI.create("/aliases/" + Names.canonicalHostname(hostname) + "?requested=1"))
          .build();
    } catch (InvalidInputException e) {
      return errorPage(hostname, ServerPages.NoteForm.EMPTY, ChangeForm.EMPTY, e);
    }
  }

  /** The page behind the hostmaster's link: shows what to confirm; a button confirms it. */
  @GET
  @Path("{hostname}/confirm")
  @PermitAll
  @Transactional
  public String confirmPage(
      @PathParam("hostname") String hostname, @QueryParam("token") String token) {
    DnsAlias alias = aliases.find(hostname);
    boolean valid = aliases.tokenMatches(alias, token) || (me.isAdmin() && alias.isPending());
    return Templates.confirm(alias, token, valid).render();
  }

  @POST
  @Path("{hostname}/confirm")
  @PermitAll
  public Response confirm(
      @PathParam("hostname") String hostname, @FormParam("token") String token) {
    String actor = AliasResource.confirmer(aliases, me, hostname, token);
    DnsAlias alias = aliases.confirm(hostname, actor);
    return Response.seeOther(URI.create("/aliases/" + alias.hostname + "?confirmed=1")).build();
  }

  /** The requester withdraws, or the hostmaster refuses (with the link's token). */
  @POST
  @Path("{hostname}/withdraw")
  @PermitAll
  public Response withdraw(
      @PathParam("hostname") String hostname,
      @FormParam("reason") String reason,
      @FormParam("token") String token) {
    String actor = AliasResource.withdrawer(aliases, me, hostname, token);
    try {
      DnsAlias alias = aliases.withdraw(hostname, reason, actor);
      return Response.seeOther(URI.create("/aliases/" + alias.hostname + "?withdrawn=1")).build();
    } catch (InvalidInputException e) {
      return errorPage(hostname, ServerPages.NoteForm.EMPTY, ChangeForm.EMPTY, e);
    }
  }

  private String requesterEmail() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                me.userId()
                    .map(id -> AppUser.<AppUser>findById(id))
                    .map(u -> u.email)
                    .orElse(null));
  }

  private Response errorPage(
      String hostname, ServerPages.NoteForm note, ChangeForm change, InvalidInputException e) {
    String html =
        QuarkusTransaction.requiringNew()
            .call(() -> aliasPage(aliases.find(hostname), note, change, e.fieldErrors(), null));
    return Response.status(e.status()).entity(html).build();
  }

  private String requestPage(RequestForm form, Map<String, String> errors) {
    return Templates.request(
            form,
            errors,
            serverNames(),
            applicationNames(),
            aliases.domains(),
            aliases.hostmaster().orElse(null))
        .render();
  }

  private String aliasPage(
      DnsAlias alias,
      ServerPages.NoteForm note,
      ChangeForm change,
      Map<String, String> errors,
      String notice) {
    return Templates.alias(
            alias,
            Note.newestFirst(alias).stream().map(NoteView::of).toList(),
            ObjectChange.history("alias", alias.id, 20),
            note,
            change,
            errors,
            notice,
            serverNames(),
            applicationNames())
        .render();
  }

  private static List<String> serverNames() {
    return Server.getEntityManager()
        .createQuery(
            "select s.name from Server s where s.status <> 'decommissioned' order by s.name",
            String.class)
        .getResultList();
  }

  private static List<String> applicationNames() {
    return Application.getEntityManager()
        .createQuery(
            "select a.name from Application a where a.status <> 'decommissioned' order by a.name",
            String.class)
        .getResultList();
  }
}

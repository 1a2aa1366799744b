package io.opsroom.inventory;

import io.opsroom.events.EventLinks;
import io.opsroom.platform.InvalidInputException;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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

/** The server pages: the filtered list, one intranet page per server, and the edit forms. */
@Path("/servers")
@Produces(MediaType.TEXT_HTML)
public class ServerPages {

  @Inject ServerService servers;
  @Inject NoteService notes;
  @Inject InventorySearch search;
  @Inject CurrentUser me;
  @Inject EventLinks eventLinks;

  /** The server form's fields as typed; lists are text boxes with one item per line. */
  public static class ServerForm {
    @FormParam("name")
    public String name;

    @FormParam("kind")
    public String kind;

    @FormParam("host")
    public String host;

    @FormParam("location")
    public String location;

    @FormParam("environment")
    public String environment;

    @FormParam("status")
    public String status;

    @FormParam("primaryFunction")
    public String primaryFunction;

    @FormParam("os")
    public String os;

    @FormParam("cpus")
    public String cpus;

    @FormParam("memoryMb")
    public String memoryMb;

    @FormParam("diskGb")
    public String diskGb;

    @FormParam("graphitePrefix")
    public String graphitePrefix;

    @FormParam("description")
    public String description;

    @FormParam("ipAddresses")
    public String ipAddresses;

    @FormParam("contacts")
    public String contacts;

    static ServerForm blank(String host) {
      ServerForm form = new ServerForm();
      form.kind = host == null ? "physical" : "virtual";
      form.host = host;
      form.environment = "production";
      form.status = "active";
      return form;
    }

    static ServerForm of(Server s) {
      ServerView v = ServerView.of(s);
      ServerForm form = new ServerForm();
      form.name = v.name();
      form.kind = v.kind();
      form.host = v.host();
      form.location = v.location();
      form.environment = v.environment();
      form.status = v.status();
      form.primaryFunction = v.primaryFunction();
      form.os = v.os();
      form.cpus = v.cpus() == null ? null : v.cpus().toString();
      form.memoryMb = v.memoryMb() == null ? null : v.memoryMb().toString();
      form.diskGb = v.diskGb() == null ? null : v.diskGb().toString();
      form.graphitePrefix = v.graphitePrefix();
      form.description = v.description();
      form.ipAddresses = ListSyntax.formatAddresses(v.ipAddresses());
      form.contacts = ListSyntax.formatContacts(v.contacts());
      return form;
    }

    ServerService.ServerInput input() {
      return new ServerService.ServerInput(
          name,
          kind,
          host,
          location,
          environment,
          status,
          primaryFunction,
          os,
          cpus,
          memoryMb,
          diskGb,
          graphitePrefix,
          description,
          ListSyntax.addresses(ipAddresses),
          ListSyntax.contacts(contacts));
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        Page<Server> page,
        InventorySearch.ServerFilter filter,
        List<Location> locations,
        List<String> environments,
        Map<String, Long> counts,
        String query);

    static native TemplateInstance server(
        Server server,
        List<DnsAlias> aliases,
        List<NoteView> notes,
        List<ObjectChange> changes,
        EventLinks.Section events,
        NoteForm note,
        Map<String, String> errors);

    static native TemplateInstance form(
        ServerForm form,
        String editing,
        Map<String, String> errors,
        List<Location> locations,
        List<String> servers);
  }

  /** The add-note form as typed. */
  public record NoteForm(String body, String kind) {
    static final NoteForm EMPTY = new NoteForm("", "info");
  }

  @GET
  @Transactional
  public String list(
      @QueryParam("q") String q,
      @QueryParam("location") String location,
      @QueryParam("environment") String environment,
      @QueryParam("status") String status,
      @QueryParam("kind") String kind,
      @QueryParam("contact") String contact,
      @QueryParam("host") String host,
      @QueryParam("sort") String sort,
      @QueryParam("page") String page) {
    var filter =
        new InventorySearch.ServerFilter(
            q, location, environment, status, kind, contact, host, sort);
    Page<Server> result;
    try {
      result = search.servers(filter, Page.Request.parse(page, null));
    } catch (InvalidInputException e) {
      filter =
          new InventorySearch.ServerFilter(
              q, location, environment, status, kind, contact, host, null);
      result = search.servers(filter, Page.Request.parse(null, null));
    }
    return Templates.list(
            result,
            filter,
            Location.listByName(),
            environments(),
            statusCounts(),
            PageLinks.query(
                "q",
                q,
                "location",
                location,
                "environment",
                environment,
                "status",
                status,
                "kind",
                kind,
                "contact",
                contact,
                "host",
                host))
        .render();
  }

  @GET
  @Path("new")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public String newServer(@QueryParam("host") String host) {
    return formPage(ServerForm.blank(host), null, Map.of());
  }

  @POST
  @RolesAllowed(Role.EDITOR_NAME)
  public Response create(@BeanParam ServerForm form) {
    try {
      Server server = servers.create(form.input(), me.username());
      return Response.seeOther(URI.create("/servers/" + server.name)).build();
    } catch (InvalidInputException e) {
      return Response.status(e.status())
          .entity(formPageInTransaction(form, null, e.fieldErrors()))
          .build();
    }
  }

  @GET
  @Path("{name}")
  @Transactional
  public String server(@PathParam("name") String name) {
    return serverPage(find(name), NoteForm.EMPTY, Map.of());
  }

  @GET
  @Path("{name}/edit")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public String edit(@PathParam("name") String name) {
    Server server = find(name);
    return formPage(ServerForm.of(server), server.name, Map.of());
  }

  @POST
  @Path("{name}")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response update(@PathParam("name") String name, @BeanParam ServerForm form) {
    try {
      Server server = servers.update(name, form.input(), me.username());
      return Response.seeOther(URI.create("/servers/" + server.name)).build();
    } catch (InvalidInputException e) {
      return Response.status(e.status())
          .entity(formPageInTransaction(form, Names.normalize(name), e.fieldErrors()))
          .build();
    }
  }

  @POST
  @Path("{name}/notes")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response addNote(
      @PathParam("name") String name,
      @FormParam("body") String body,
      @FormParam("kind") String kind) {
    try {
      notes.add("server", name, new NoteService.NoteInput(body, kind), me.username());
      return Response.seeOther(URI.create("/servers/" + Names.normalize(name) + "#notes")).build();
    } catch (InvalidInputException e) {
      return Response.status(e.status())
          .entity(serverPageInTransaction(name, new NoteForm(body, kind), e.fieldErrors()))
          .build();
    }
  }

  private String formPageInTransaction(
      ServerForm form, String editing, Map<String, String> errors) {
    return QuarkusTransaction.requiringNew().call(() -> formPage(form, editing, errors));
  }

  private String serverPageInTransaction(String name, NoteForm note, Map<String, String> errors) {
    return QuarkusTransaction.requiringNew().call(() -> serverPage(find(name), note, errors));
  }

  private String formPage(ServerForm form, String editing, Map<String, String> errors) {
    List<String> names =
        Server.<Server>list("status <> 'decommissioned' order by name").stream()
            .map(s -> s.name)
            .filter(n -> !n.equals(editing))
            .toList();
    return Templates.form(form, editing, errors, Location.listByName(), names).render();
  }

  private String serverPage(Server server, NoteForm note, Map<String, String> errors) {
    return Templates.server(
            server,
            DnsAlias.listForServer(server),
            Note.newestFirst(server).stream().map(NoteView::of).toList(),
            ObjectChange.history("server", server.id, 20),
            eventLinks.section("server", server.name),
            note,
            errors)
        .render();
  }

  private static Server find(String name) {
    return Server.findByName(Names.normalize(name))
        .orElseThrow(() -> new NotFoundException("No server " + name));
  }

  private static List<String> environments() {
    return Server.getEntityManager()
        .createQuery("select distinct s.environment from Server s order by 1", String.class)
        .getResultList();
  }

  private static Map<String, Long> statusCounts() {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    Server.STATUSES.forEach(s -> counts.put(s, 0L));
    Server.getEntityManager()
        .createQuery("select s.status, count(s) from Server s group by s.status", Object[].class)
        .getResultList()
        .forEach(row -> counts.put((String) row[0], (Long) row[1]));
    return counts;
  }
}

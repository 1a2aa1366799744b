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

/** The application pages: the filtered list, one page per application, and the edit forms. */
@Path("/applications")
@Produces(MediaType.TEXT_HTML)
public class ApplicationPages {

  @Inject ApplicationService applications;
  @Inject NoteService notes;
  @Inject InventorySearch search;
  @Inject CurrentUser me;
  @Inject EventLinks eventLinks;

  /** The application form's fields as typed; lists are text boxes with one item per line. */
  public static class ApplicationForm {
    @FormParam("name")
    public String name;

    @FormParam("title")
    public String title;

    @FormParam("technology")
    public String technology;

    @FormParam("repositoryUrl")
    public String repositoryUrl;

    @FormParam("graphitePrefix")
    public String graphitePrefix;

    @FormParam("runbookUrl")
    public String runbookUrl;

    @FormParam("status")
    public String status;

    @FormParam("description")
    public String description;

    @FormParam("deployments")
    public String deployments;

    @FormParam("contacts")
    public String contacts;

    static ApplicationForm blank(String server) {
      ApplicationForm form = new ApplicationForm();
      form.status = "active";
      form.deployments = server == null ? null : server + ":app";
      return form;
    }

    static ApplicationForm of(Application a) {
      ApplicationView v = ApplicationView.of(a);
      ApplicationForm form = new ApplicationForm();
      form.name = v.name();
      form.title = v.title();
      form.technology = v.technology();
      form.repositoryUrl = v.repositoryUrl();
      form.graphitePrefix = v.graphitePrefix();
      form.runbookUrl = v.runbookUrl();
      form.status = v.status();
      form.description = v.description();
      form.deployments = ListSyntax.formatDeployments(v.deployments());
      form.contacts = ListSyntax.formatContacts(v.contacts());
      return form;
    }

    ApplicationService.ApplicationInput input() {
      return new ApplicationService.ApplicationInput(
          name,
          title,
          technology,
          repositoryUrl,
          graphitePrefix,
          runbookUrl,
          status,
          description,
          ListSyntax.deployments(deployments),
          ListSyntax.contacts(contacts));
    }
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance list(
        Page<Application> page,
        InventorySearch.ApplicationFilter filter,
        List<String> technologies,
        String query);

    static native TemplateInstance application(
        Application application,
        List<DnsAlias> aliases,
        List<NoteView> notes,
        List<ObjectChange> changes,
        EventLinks.Section events,
        ServerPages.NoteForm note,
        Map<String, String> errors);

    static native TemplateInstance form(
        ApplicationForm form, String editing, Map<String, String> errors, List<String> servers);
  }

  @GET
  @Transactional
  public String list(
      @QueryParam("q") String q,
      @QueryParam("technology") String technology,
      @QueryParam("status") String status,
      @QueryParam("server") String server,
      @QueryParam("contact") String contact,
      @QueryParam("sort") String sort,
      @QueryParam("page") String page) {
    var filter =
        new InventorySearch.ApplicationFilter(q, technology, status, server, contact, sort);
    Page<Application> result;
    try {
      result = search.applications(filter, Page.Request.parse(page, null));
    } catch (InvalidInputException e) {
      filter = new InventorySearch.ApplicationFilter(q, technology, status, server, contact, null);
      result = search.applications(filter, Page.Request.parse(null, null));
    }
    List<String> technologies =
        Application.getEntityManager()
            .createQuery(
                "select distinct a.technology from Application a where a.technology is not null"
                    + " order by 1",
                String.class)
            .getResultList();
    return Templates.list(
            result,
            filter,
            technologies,
            PageLinks.query(
                "q",
                q,
                "technology",
                technology,
                "status",
                status,
                "server",
                server,
                "contact",
                contact))
        .render();
  }

  @GET
  @Path("new")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public String newApplication(@QueryParam("server") String server) {
    return formPage(ApplicationForm.blank(server), null, Map.of());
  }

  @POST
  @RolesAllowed(Role.EDITOR_NAME)
  public Response create(@BeanParam ApplicationForm form) {
    try {
      Application app = applications.create(form.input(), me.username());
      return Response.seeOther(URI.create("/applications/" + app.name)).build();
    } catch (InvalidInputException e) {
      return Response.status(e.status())
          .entity(
              QuarkusTransaction.requiringNew().call(() -> formPage(form, null, e.fieldErrors())))
          .build();
    }
  }

  @GET
  @Path("{name}")
  @Transactional
  public String application(@PathParam("name") String name) {
    return applicationPage(find(name), ServerPages.NoteForm.EMPTY, Map.of());
  }

  @GET
  @Path("{name}/edit")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public String edit(@PathParam("name") String name) {
    Application app = find(name);
    return formPage(ApplicationForm.of(app), app.name, Map.of());
  }

  @POST
  @Path("{name}")
  @RolesAllowed(Role.EDITOR_NAME)
  public Response update(@PathParam("name") String name, @BeanParam ApplicationForm form) {
    try {
      Application app = applications.update(name, form.input(), me.username());
      return Response.seeOther(URI.create("/applications/" + app.name)).build();
    } catch (InvalidInputException e) {
      String editing = Names.normalize(name);
      return Response.status(e.status())
          .entity(
              QuarkusTransaction.requiringNew()
                  .call(() -> formPage(form, editing, e.fieldErrors())))
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
      notes.add("application", name, new NoteService.NoteInput(body, kind), me.username());
      return Response.seeOther(URI.create("/applications/" + Names.normalize(name) + "#notes"))
          .build();
    } catch (InvalidInputException e) {
      String html =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      applicationPage(
                          find(name), new ServerPages.NoteForm(body, kind), e.fieldErrors()));
      return Response.status(e.status()).entity(html).build();
    }
  }

  private String formPage(ApplicationForm form, String editing, Map<String, String> errors) {
    List<String> servers =
        Server.getEntityManager()
            .createQuery(
                "select s.name from Server s where s.status <> 'decommissioned' order by s.name",
                String.class)
            .getResultList();
    return Templates.form(form, editing, errors, servers).render();
  }

  private String applicationPage(
      Application app, ServerPages.NoteForm note, Map<String, String> errors) {
    return Templates.application(
            app,
            DnsAlias.listForApplication(app),
            Note.newestFirst(app).stream().map(NoteView::of).toList(),
            ObjectChange.history("application", app.id, 20),
            eventLinks.section("app", app.name),
            note,
            errors)
        .render();
  }

  private static Application find(String name) {
    return Application.findByName(Names.normalize(name))
        .orElseThrow(() -> new NotFoundException("No application " + name));
  }
}

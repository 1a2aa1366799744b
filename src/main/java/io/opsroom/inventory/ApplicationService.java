package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates and changes applications and where they are deployed. */
@ApplicationScoped
public class ApplicationService {

  @Inject Clock clock;
  @Inject ChangeRecorder changes;
  @Inject ContactService contacts;
  @Inject InventoryLock lock;

  /** An application as typed; a save replaces every field, blank clears it. */
  public record ApplicationInput(
      String name,
      String title,
      String technology,
      String repositoryUrl,
      String graphitePrefix,
      String runbookUrl,
      String status,
      String description,
      List<DeploymentInput> deployments,
      List<ContactService.ContactInput> contacts) {}

  /** The application runs on {@code server} in {@code role}. */
  public record DeploymentInput(String server, String role) {}

  @Transactional
  public Application create(ApplicationInput input, String actor) {
    return save(null, input, actor);
  }

  @Transactional
  public Application update(String name, ApplicationInput input, String actor) {
    Application application =
        Application.findByName(Names.normalize(name))
            .orElseThrow(() -> new NotFoundException("No application " + name));
    return save(application, input, actor);
  }

  private Application save(Application existing, ApplicationInput in, String actor) {
    lock.acquire();
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);

    String name = Names.normalize(in.name());
    fields.check(name != null && !name.isEmpty(), "name", "Enter a short name such as wiki.");
    fields.check(
        Names.isSlug(name),
        "name",
        "Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit.");
    String title = fields.line("title", in.title(), Fields.SHORT);
    String technology = fields.line("technology", in.technology(), Fields.SHORT);
    String repositoryUrl = fields.url("repositoryUrl", in.repositoryUrl());
    String graphitePrefix = fields.graphitePrefix("graphitePrefix", in.graphitePrefix());
    String runbookUrl = fields.url("runbookUrl", in.runbookUrl());
    String status = fields.choice("status", in.status(), Application.STATUSES, "active");
    String description = fields.text("description", in.description(), Fields.LONG);
    if (existing != null && "decommissioned".equals(status) && !existing.isDecommissioned()) {
      String aliases =
          DnsAlias.listForApplication(existing).stream()
              .filter(a -> !DnsAlias.RETIRED.equals(a.status))
              .map(a -> a.hostname)
              .collect(java.util.stream.Collectors.joining(", "));
      fields.check(
          aliases.isEmpty(),
          "status",
          "Retire or move the DNS aliases that point here first: " + aliases + ".");
    }
    List<Deployment> deployments = checkDeployments(existing, in.deployments(), fields);
    List<ContactService.Resolved> contactList = contacts.check(in.contacts(), fields, "contacts");
    problems.throwIfAny();

    Application clash = Application.findByName(name).orElse(null);
    if (clash != null && clash != existing) {
      throw InvalidInputException.conflict("name", "An application named " + name + " exists.");
    }

    Map<String, Object> before = existing == null ? null : snapshot(existing);
    Application app = existing == null ? new Application() : existing;
    app.name = name;
    app.title = title == null ? name : title;
    app.technology = technology;
    app.repositoryUrl = repositoryUrl;
    app.graphitePrefix = graphitePrefix;
    app.runbookUrl = runbookUrl;
    app.status = status;
    app.description = description;
    app.updatedAt = clock.instant();
    if (existing == null) {
      app.createdAt = app.updatedAt;
      app.persist();
    }
    for (Deployment d : app.deployments) {
      d.server.deployments.remove(d);
    }
    app.deployments.clear();
    app.contacts.clear();
    app.flush();
    for (Deployment d : deployments) {
      d.application = app;
      app.deployments.add(d);
      d.server.deployments.add(d);
    }
    for (ContactService.Resolved c : contactList) {
      ContactAssignment a = new ContactAssignment();
      a.contact = contacts.findOrCreate(c, actor);
      a.application = app;
      a.role = c.role();
      app.contacts.add(a);
    }
    app.flush();
    changes.record(actor, "application", app.id, app.name, before, snapshot(app));
    return app;
  }

  private static List<Deployment> checkDeployments(
      Application existing, List<DeploymentInput> input, Fields fields) {
    List<Deployment> result = new ArrayList<>();
    if (input == null) {
      return result;
    }
    Set<String> already = new HashSet<>();
    if (existing != null) {
      existing.deployments.forEach(d -> already.add(d.server.name));
    }
    Set<String> seen = new HashSet<>();
    int position = 0;
    for (DeploymentInput d : input) {
      position++;
      if (d == null || Fields.blankToNull(d.server()) == null) {
        continue;
      }
      String serverName = Names.normalize(d.server());
      String role = Fields.blankToNull(Names.normalize(d.role()));
      role = role == null ? "app" : role;
      Server server = Server.findByName(serverName).orElse(null);
      String where = "Deployment " + position + ": ";
      fields.check(
          server != null,
          "deployments",
          where + "no server named " + serverName.replaceAll("\\p{Cntrl}", "?") + ".");
      fields.check(
          Names.isWord(role),
          "deployments",
          where + "the role is one lower-case word such as web, worker or database.");
      if (server != null) {
        fields.check(
            !server.isDecommissioned() || already.contains(serverName),
            "deployments",
            where + serverName + " is decommissioned.");
        fields.check(
            seen.add(serverName + " " + role),
            "deployments",
            where + serverName + " as " + role + " is listed twice.");
        Deployment row = new Deployment();
        row.server = server;
        row.role = role;
        result.add(row);
      }
    }
    return result;
  }

  Map<String, Object> snapshot(Application app) {
    return changes.snapshot(ApplicationView.of(app), ApplicationView.DERIVED);
  }
}

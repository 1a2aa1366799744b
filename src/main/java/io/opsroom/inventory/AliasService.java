package io.opsroom.inventory;

import io.opsroom.notify.EmailMessage;
import io.opsroom.notify.NotificationOutbox;
import io.opsroom.platform.InvalidInputException;
import io.opsroom.security.Secrets;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DNS alias workflow: a request, a change or a retirement is stored first and mailed to the
 * hostmaster (through the outbox, so an SMTP outage delays it but never loses it); the hostmaster
 * confirms from the link in the mail, or an admin confirms on the alias page.
 */
@ApplicationScoped
public class AliasService {

  @Inject Clock clock;
  @Inject ChangeRecorder changes;
  @Inject InventoryLock lock;
  @Inject InventoryConfig config;
  @Inject NoteService notes;
  @Inject NotificationOutbox outbox;

  @Location("mail/alias.html")
  Template htmlMail;

  @Location("mail/alias.txt")
  Template textMail;

  /**
   * A request for a new alias. Exactly one of server and application is the target; the requester's
   * email, when given, gets a copy.
   */
  public record AliasRequest(
      String hostname,
      String server,
      String application,
      String description,
      String administrativeInfo,
      String requesterEmail) {}

  /** A request to point an active alias elsewhere. */
  public record ChangeRequest(
      String server, String application, String reason, String requesterEmail) {}

  /** What a request did: the alias, and whether the hostmaster was mailed. */
  public record Outcome(DnsAlias alias, boolean mailedHostmaster) {}

  /** True if {@code hostname} lies in one of our domains (or no domains are configured). */
  public boolean isOurDomain(String hostname) {
    List<String> domains = domains();
    return domains.isEmpty() || domains.stream().anyMatch(d -> Names.inDomain(hostname, d));
  }

  public List<String> domains() {
    return config.aliasDomains().orElse(List.of()).stream()
        .map(Names::canonicalHostname)
        .filter(d -> d != null && !d.isEmpty())
        .toList();
  }

  public Optional<String> hostmaster() {
    return config.hostmasterEmail().map(String::strip).filter(s -> !s.isEmpty());
  }

  @Transactional
  public Outcome request(AliasRequest in, String actor) {
    lock.acquire();
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);
    String hostname = Names.canonicalHostname(in.hostname());
    String hostnameProblem = Names.aliasProblem(hostname);
    fields.check(hostnameProblem == null, "hostname", hostnameProblem);
    boolean ours = hostnameProblem == null && isOurDomain(hostname);
    TargetChoice target = checkTarget(in.server(), in.application(), fields);
    String description = fields.text("description", in.description(), 2000);
    String adminInfo = fields.text("administrativeInfo", in.administrativeInfo(), 2000);
    String requesterEmail = fields.email("requesterEmail", in.requesterEmail());
    if (hostnameProblem == null) {
      fields.check(
          Server.findByName(hostname).isEmpty(),
          "hostname",
          hostname + " is the name of a server; an alias needs a name of its own.");
    }
    if (ours) {
      fields.check(
          description != null,
          "description",
          "Say what the alias is for: the hostmaster needs the purpose.");
    } else if (hostnameProblem == null) {
      fields.check(
          adminInfo != null,
          "administrativeInfo",
          hostname.substring(hostname.indexOf('.') + 1)
              + " is not one of our domains ("
              + String.join(", ", domains())
              + "): it is managed elsewhere. Say who manages it and where, and Opsroom records"
              + " the alias for reference.");
    }
    problems.throwIfAny();

    DnsAlias alias = DnsAlias.findByHostname(hostname).orElse(null);
    if (alias != null && !DnsAlias.RETIRED.equals(alias.status)) {
      throw InvalidInputException.conflict(
          "hostname", hostname + " exists already (" + alias.status + ").");
    }
    Map<String, Object> before = alias == null ? null : snapshot(alias);
    if (alias == null) {
      alias = new DnsAlias();
      alias.hostname = hostname;
    }
    alias.server = target.server();
    alias.application = target.application();
    alias.pendingServer = null;
    alias.pendingApplication = null;
    alias.pendingReason = null;
    alias.description = description;
    alias.administrativeInfo = adminInfo;
    alias.external = !ours;
    alias.requestedBy = actor;
    alias.requestedAt = clock.instant();
    alias.updatedAt = alias.requestedAt;
    alias.confirmedAt = null;
    alias.confirmedBy = null;
    String token = null;
    if (ours) {
      alias.status = DnsAlias.REQUESTED;
      token = Secrets.random(24);
      alias.confirmTokenHash = Secrets.sha256(token);
    } else {
      alias.status = DnsAlias.ACTIVE;
      alias.confirmTokenHash = null;
    }
    alias.persist();
    alias.flush();
    changes.record(actor, "alias", alias.id, alias.hostname, before, snapshot(alias));
    boolean mailed = false;
    if (ours) {
      mailed = mail("request", alias, null, description, token, requesterEmail, actor);
    }
    return new Outcome(alias, mailed);
  }

  /** Asks the hostmaster to point an active alias at another server or application. */
  @Transactional
  public Outcome requestChange(String hostname, ChangeRequest in, String actor) {
    lock.acquire();
    DnsAlias alias = find(hostname);
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);
    TargetChoice target = checkTarget(in.server(), in.application(), fields);
    String reason = fields.text("reason", in.reason(), 2000);
    String requesterEmail = fields.email("requesterEmail", in.requesterEmail());
    fields.check(
        DnsAlias.ACTIVE.equals(alias.status),
        "status",
        alias.hostname + " is " + alias.status + "; only an active alias can be changed.");
    if (!fields.has("server") && !fields.has("application")) {
      fields.check(
          target.server() != alias.server || target.application() != alias.application,
          target.server() != null ? "server" : "application",
          alias.hostname + " points there already.");
    }
    problems.throwIfAny();
    Map<String, Object> before = snapshot(alias);
    AliasMail.Target old = describe(alias.server, alias.application);
    if (alias.external) {
      // Nobody here confirms changes in external domains: the record follows what was done there.
      alias.server = target.server();
      alias.application = target.application();
      alias.updatedAt = clock.instant();
      alias.flush();
      changes.record(actor, "alias", alias.id, alias.hostname, before, snapshot(alias));
      return new Outcome(alias, false);
    }
    alias.pendingServer = target.server();
    alias.pendingApplication = target.application();
    return askHostmaster(
        alias, before, DnsAlias.CHANGE_REQUESTED, old, reason, requesterEmail, actor);
  }

  /** Asks the hostmaster to remove an active alias from DNS. */
  @Transactional
  public Outcome requestRetire(
      String hostname, String reason, String requesterEmail, String actor) {
    lock.acquire();
    DnsAlias alias = find(hostname);
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);
    String why = fields.text("reason", reason, 2000);
    String email = fields.email("requesterEmail", requesterEmail);
    fields.check(
        DnsAlias.ACTIVE.equals(alias.status),
        "status",
        alias.hostname + " is " + alias.status + "; only an active alias can be retired.");
    problems.throwIfAny();
    Map<String, Object> before = snapshot(alias);
    alias.updatedAt = clock.instant();
    if (alias.external) {
      alias.status = DnsAlias.RETIRED;
      alias.flush();
      changes.record(actor, "alias", alias.id, alias.hostname, before, snapshot(alias));
      return new Outcome(alias, false);
    }
    return askHostmaster(alias, before, DnsAlias.RETIRE_REQUESTED, null, why, email, actor);
  }

  /**
   * Puts a change or retirement in front of the hostmaster: a fresh confirm token (an older link
   * stops working), the audit entry, and the mails.
   */
  private Outcome askHostmaster(
      DnsAlias alias,
      Map<String, Object> before,
      String status,
      AliasMail.Target oldTarget,
      String reason,
      String requesterEmail,
      String actor) {
    alias.status = status;
    alias.pendingReason = reason;
    String token = Secrets.random(24);
    alias.confirmTokenHash = Secrets.sha256(token);
    alias.updatedAt = clock.instant();
    alias.flush();
    changes.record(actor, "alias", alias.id, alias.hostname, before, snapshot(alias));
    String action = DnsAlias.CHANGE_REQUESTED.equals(status) ? "change" : "retire";
    boolean mailed = mail(action, alias, oldTarget, reason, token, requesterEmail, actor);
    return new Outcome(alias, mailed);
  }

  /** Changes what an alias is for and, for external ones, who manages it; never its target. */
  @Transactional
  public DnsAlias updateDetails(
      String hostname, String description, String administrativeInfo, String actor) {
    lock.acquire();
    DnsAlias alias = find(hostname);
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);
    String d = fields.text("description", description, 2000);
    String info = fields.text("administrativeInfo", administrativeInfo, 2000);
    fields.check(
        !alias.external || info != null,
        "administrativeInfo",
        "Say who manages this external alias and where.");
    problems.throwIfAny();
    Map<String, Object> before = snapshot(alias);
    alias.description = d;
    alias.administrativeInfo = info;
    alias.updatedAt = clock.instant();
    alias.flush();
    changes.record(actor, "alias", alias.id, alias.hostname, before, snapshot(alias));
    return alias;
  }

  /**
   * An alias as DNS holds it already, for the CSV import: status blank means active. Exactly one of
   * server and application is the target.
   */
  public record AliasRecord(
      String hostname,
      String server,
      String application,
      String status,
      String description,
      String administrativeInfo) {}

  /**
   * Records an existing alias, or brings the record of one up to date, without the hostmaster: the
   * alias is in DNS already (or was retired there), so nothing is mailed and nothing waits for a
   * confirmation. Only {@code active} and {@code retired} can be recorded; an alias that waits for
   * the hostmaster keeps its workflow and accepts only its own status and target. The caller has
   * checked that the actor is an editor. Saving the same values again changes nothing.
   */
  @Transactional
  public DnsAlias record(AliasRecord in, String actor) {
    lock.acquire();
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);
    String hostname = Names.canonicalHostname(in.hostname());
    String hostnameProblem = Names.aliasProblem(hostname);
    fields.check(hostnameProblem == null, "hostname", hostnameProblem);
    DnsAlias alias =
        hostnameProblem == null ? DnsAlias.findByHostname(hostname).orElse(null) : null;
    String status = fields.choice("status", in.status(), DnsAlias.STATUSES, DnsAlias.ACTIVE);
    if (alias != null && alias.isPending()) {
      fields.check(
          status.equals(alias.status),
          "status",
          hostname
              + " waits for the hostmaster ("
              + alias.status
              + "): record it again once that is confirmed.");
    } else if (!fields.has("status")) {
      fields.check(
          DnsAlias.ACTIVE.equals(status) || DnsAlias.RETIRED.equals(status),
          "status",
          "Record an alias as active or retired. To ask the hostmaster for a new one, use the"
              + " request form.");
    }
    String s = Names.normalize(Fields.blankToNull(in.server()));
    String a = Names.normalize(Fields.blankToNull(in.application()));
    Server server = null;
    Application app = null;
    if ((s == null) == (a == null)) {
      fields.check(false, "server", "Choose the server or the application the alias points at.");
    } else if (s != null) {
      server = Server.findByName(s).orElse(null);
      fields.check(server != null, "server", "No server named " + printable(s) + ".");
    } else {
      app = Application.findByName(a).orElse(null);
      fields.check(app != null, "application", "No application named " + printable(a) + ".");
    }
    boolean sameTarget = alias != null && alias.server == server && alias.application == app;
    if (alias != null && alias.isPending()) {
      fields.check(
          sameTarget || fields.has("server") || fields.has("application"),
          server != null ? "server" : "application",
          hostname + " waits for the hostmaster: change its target after the confirmation.");
    }
    // A record of the past may point at something decommissioned since; a new target, or an
    // alias that comes back into use, may not.
    boolean asItWas = sameTarget && status.equals(alias.status);
    if (!asItWas && !DnsAlias.RETIRED.equals(status)) {
      fields.check(
          server == null || !server.isDecommissioned(), "server", s + " is decommissioned.");
      fields.check(
          app == null || !app.isDecommissioned(), "application", a + " is decommissioned.");
    }
    String description = fields.text("description", in.description(), 2000);
    String adminInfo = fields.text("administrativeInfo", in.administrativeInfo(), 2000);
    boolean ours = hostnameProblem == null && isOurDomain(hostname);
    if (hostnameProblem == null) {
      fields.check(
          Server.findByName(hostname).isEmpty(),
          "hostname",
          hostname + " is the name of a server; an alias needs a name of its own.");
      fields.check(
          ours || adminInfo != null,
          "administrativeInfo",
          hostname.substring(hostname.indexOf('.') + 1)
              + " is not one of our domains ("
              + String.join(", ", domains())
              + "): it is managed elsewhere. Say who manages it and where.");
    }
    problems.throwIfAny();

    Map<String, Object> before = alias == null ? null : snapshot(alias);
    if (alias == null) {
      alias = new DnsAlias();
      alias.hostname = hostname;
      alias.requestedBy = actor;
      alias.requestedAt = clock.instant();
      alias.updatedAt = alias.requestedAt;
    }
    alias.server = server;
    alias.application = app;
    alias.status = status;
    alias.external = !ours;
    alias.description = description;
    alias.administrativeInfo = adminInfo;
    Map<String, Object> after = snapshot(alias);
    if (before != null && ChangeRecorder.changedKeys(before, after).isEmpty()) {
      return alias;
    }
    alias.updatedAt = clock.instant();
    alias.persist();
    alias.flush();
    changes.record(actor, "alias", alias.id, alias.hostname, before, after);
    return alias;
  }

  /** True if {@code token} is the secret of the confirm link that is waiting for this alias. */
  public boolean tokenMatches(DnsAlias alias, String token) {
    if (alias.confirmTokenHash == null || token == null || token.isBlank()) {
      return false;
    }
    return MessageDigest.isEqual(
        alias.confirmTokenHash.getBytes(StandardCharsets.US_ASCII),
        Secrets.sha256(token.strip()).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Carries out what waits for the hostmaster. The caller has checked who may confirm: the holder
   * of the link's token, or an admin. {@code actor} is recorded as the confirmer.
   */
  @Transactional
  public DnsAlias confirm(String hostname, String actor) {
    lock.acquire();
    DnsAlias alias = find(hostname);
    if (!alias.isPending()) {
      throw InvalidInputException.conflict(
          "status", alias.hostname + " is " + alias.status + ": nothing waits for confirmation.");
    }
    Map<String, Object> before = snapshot(alias);
    String action = alias.status;
    String text;
    switch (action) {
      case DnsAlias.CHANGE_REQUESTED -> {
        String from = alias.targetName();
        alias.server = alias.pendingServer;
        alias.application = alias.pendingApplication;
        alias.status = DnsAlias.ACTIVE;
        text =
            "Change confirmed by "
                + actor
                + ": now points at "
                + alias.targetName()
                + " (was "
                + from
                + ").";
      }
      case DnsAlias.RETIRE_REQUESTED -> {
        alias.status = DnsAlias.RETIRED;
        text = "Retirement confirmed by " + actor + ": removed from DNS.";
      }
      default -> {
        alias.status = DnsAlias.ACTIVE;
        text = "Confirmed by " + actor + ": active, pointing at " + alias.targetName() + ".";
      }
    }
    alias.pendingServer = null;
    alias.pendingApplication = null;
    alias.pendingReason = null;
    alias.confirmTokenHash = null;
    alias.confirmedBy = actor;
    alias.confirmedAt = clock.instant();
    alias.updatedAt = alias.confirmedAt;
    alias.flush();
    changes.record(actor, "alias", alias.id, alias.hostname, before, snapshot(alias));
    notes.addSystemNote(alias, "change", text, actor);
    return alias;
  }

  /**
   * Takes back what waits for the hostmaster: a new request is dropped (retired, never in DNS), a
   * change or retirement is called off and the alias stays active as it was. The requester
   * withdraws; the hostmaster refuses (from the link). Either way a note says why.
   */
  @Transactional
  public DnsAlias withdraw(String hostname, String reason, String actor) {
    lock.acquire();
    DnsAlias alias = find(hostname);
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);
    String why = fields.text("reason", reason, 2000);
    fields.check(
        alias.isPending(),
        "status",
        alias.hostname + " is " + alias.status + ": nothing waits for the hostmaster.");
    problems.throwIfAny();
    Map<String, Object> before = snapshot(alias);
    String what =
        switch (alias.status) {
          case DnsAlias.CHANGE_REQUESTED -> "Change";
          case DnsAlias.RETIRE_REQUESTED -> "Retirement";
          default -> "Request";
        };
    alias.status = DnsAlias.REQUESTED.equals(alias.status) ? DnsAlias.RETIRED : DnsAlias.ACTIVE;
    alias.pendingServer = null;
    alias.pendingApplication = null;
    alias.pendingReason = null;
    alias.confirmTokenHash = null;
    alias.updatedAt = clock.instant();
    alias.flush();
    changes.record(actor, "alias", alias.id, alias.hostname, before, snapshot(alias));
    String verb =
        "hostmaster".equals(actor) ? "refused by the hostmaster" : "withdrawn by " + actor;
    notes.addSystemNote(
        alias, "change", what + " " + verb + (why == null ? "." : ": " + why), actor);
    return alias;
  }

  /** The alias with this hostname, or 404. */
  public DnsAlias find(String hostname) {
    String h = Names.canonicalHostname(hostname);
    return DnsAlias.findByHostname(h == null ? "" : h)
        .orElseThrow(() -> new NotFoundException("No alias " + hostname));
  }

  /** Validated target: exactly one of a server and an application, in service. */
  private record TargetChoice(Server server, Application application) {}

  private static TargetChoice checkTarget(
      String serverName, String applicationName, Fields fields) {
    String s = Names.normalize(Fields.blankToNull(serverName));
    String a = Names.normalize(Fields.blankToNull(applicationName));
    if ((s == null) == (a == null)) {
      fields.check(false, "server", "Choose the server or the application the alias points at.");
      return new TargetChoice(null, null);
    }
    if (s != null) {
      Server server = Server.findByName(s).orElse(null);
      fields.check(server != null, "server", "No server named " + printable(s) + ".");
      fields.check(
          server == null || !server.isDecommissioned(), "server", s + " is decommissioned.");
      return new TargetChoice(server, null);
    }
    Application app = Application.findByName(a).orElse(null);
    fields.check(app != null, "application", "No application named " + printable(a) + ".");
    fields.check(app == null || !app.isDecommissioned(), "application", a + " is decommissioned.");
    return new TargetChoice(null, app);
  }

  private static String printable(String value) {
    return value.replaceAll("\\p{Cntrl}", "?");
  }

  static AliasMail.Target describe(Server server, Application application) {
    if (server != null) {
      return new AliasMail.Target(
          "server", server.name, "/servers/" + server.name, List.of(machine(server, null)));
    }
    List<AliasMail.Machine> machines = new ArrayList<>();
    for (Deployment d : application.deployments) {
      machines.add(machine(d.server, d.role));
    }
    return new AliasMail.Target(
        "application", application.name, "/applications/" + application.name, machines);
  }

  private static AliasMail.Machine machine(Server server, String role) {
    return new AliasMail.Machine(
        server.name, role, server.ipAddresses.stream().map(ip -> ip.address).toList());
  }

  /** Queues the hostmaster's mail (with the confirm link) and the requester's copy (without). */
  private boolean mail(
      String action,
      DnsAlias alias,
      AliasMail.Target oldTarget,
      String words,
      String token,
      String requesterEmail,
      String actor) {
    String base = config.baseUrl().replaceAll("/+$", "");
    String aliasUrl = base + "/aliases/" + alias.hostname;
    String confirmUrl =
        aliasUrl + "/confirm?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    AliasMail.Target target =
        "change".equals(action)
            ? describe(alias.pendingServer, alias.pendingApplication)
            : describe(alias.server, alias.application);
    target = absolute(base, target);
    AliasMail.Target old = oldTarget == null ? null : absolute(base, oldTarget);
    String purpose = alias.description;
    String reason = "request".equals(action) ? null : words;
    boolean mailed = false;
    Optional<String> hostmaster = hostmaster();
    String key = "alias:" + alias.id + ":" + action + ":" + alias.confirmTokenHash.substring(0, 16);
    AliasMail forHostmaster =
        new AliasMail(
            action,
            alias.hostname,
            target,
            old,
            purpose,
            reason,
            actor,
            clock.instant(),
            aliasUrl,
            confirmUrl,
            true,
            true);
    if (hostmaster.isPresent()) {
      mailed =
          outbox.enqueue(key + ":hostmaster", message(List.of(hostmaster.get()), forHostmaster));
    }
    if (requesterEmail != null
        && hostmaster.map(h -> !h.equalsIgnoreCase(requesterEmail)).orElse(true)) {
      // The requester's copy: the same facts, never the confirm link.
      AliasMail copy = forHostmaster.copyForRequester(hostmaster.isPresent());
      outbox.enqueue(key + ":requester", message(List.of(requesterEmail), copy));
    }
    return mailed;
  }

  private static AliasMail.Target absolute(String base, AliasMail.Target t) {
    return new AliasMail.Target(t.type(), t.name(), base + t.url(), t.machines());
  }

  private EmailMessage message(List<String> to, AliasMail m) {
    String html = htmlMail.data("m", m).render();
    String text = textMail.data("m", m).render();
    return new EmailMessage(to, m.subject(), html, text);
  }

  Map<String, Object> snapshot(DnsAlias alias) {
    return changes.snapshot(AliasView.of(alias), AliasView.DERIVED);
  }
}

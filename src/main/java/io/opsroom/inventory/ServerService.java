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
import java.util.stream.Collectors;

/** Creates and changes servers; every rule about servers, VMs and their addresses is here. */
@ApplicationScoped
public class ServerService {

  @Inject Clock clock;
  @Inject ChangeRecorder changes;
  @Inject ContactService contacts;
  @Inject InventoryLock lock;

  /**
   * A server as typed into a form, a CSV line or a JSON body. Numbers arrive as text so that every
   * source gets the same messages. A save replaces every field: blank clears it.
   */
  public record ServerInput(
      String name,
      String kind,
      String host,
      String location,
      String environment,
      String status,
      String primaryFunction,
      String os,
      String cpus,
      String memoryMb,
      String diskGb,
      String graphitePrefix,
      String description,
      List<IpInput> ipAddresses,
      List<ContactService.ContactInput> contacts) {}

  /** One address as typed. */
  public record IpInput(String address, String mac, String label) {}

  /** Creates a server; {@code actor} is recorded in the audit trail. */
  @Transactional
  public Server create(ServerInput input, String actor) {
    return save(null, input, actor);
  }

  /** Replaces the fields of the server now named {@code name}. */
  @Transactional
  public Server update(String name, ServerInput input, String actor) {
    Server server =
        Server.findByName(Names.normalize(name))
            .orElseThrow(() -> new NotFoundException("No server " + name));
    return save(server, input, actor);
  }

  private Server save(Server existing, ServerInput in, String actor) {
    lock.acquire();
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Fields fields = new Fields(problems);

    String name = Names.canonicalHostname(in.name());
    String nameProblem = Names.serverNameProblem(name);
    fields.check(nameProblem == null, "name", nameProblem);

    String hostName = Names.normalize(Fields.blankToNull(in.host()));
    String kind =
        fields.choice("kind", in.kind(), Server.KINDS, hostName != null ? "virtual" : "physical");
    String status = fields.choice("status", in.status(), Server.STATUSES, "active");
    String environment = Fields.blankToNull(Names.normalize(in.environment()));
    environment = environment == null ? "production" : environment;
    fields.check(
        Names.isWord(environment),
        "environment",
        "Use one lower-case word such as production, staging or development.");

    Server host = null;
    if (hostName != null) {
      host = Server.findByName(hostName).orElse(null);
      fields.check(host != null, "host", "No server named " + hostName + ".");
      fields.check("virtual".equals(kind), "host", "Only a virtual server has a host.");
      fields.check(!hostName.equals(name), "host", "A server cannot host itself.");
      if (host != null && existing != null && !fields.has("host")) {
        fields.check(
            !hostChainReaches(host, existing),
            "host",
            hostName + " runs on " + existing.name + " already: this would make a cycle.");
      }
      if (host != null && !"decommissioned".equals(status)) {
        fields.check(
            !host.isDecommissioned(),
            "host",
            hostName + " is decommissioned: choose a host in service.");
      }
    }
    if (existing != null && "decommissioned".equals(status) && !existing.isDecommissioned()) {
      String aliases =
          DnsAlias.listForServer(existing).stream()
              .filter(a -> !DnsAlias.RETIRED.equals(a.status))
              .map(a -> a.hostname)
              .collect(Collectors.joining(", "));
      fields.check(
          aliases.isEmpty(),
          "status",
          "Retire or move the DNS aliases that point here first: " + aliases + ".");
    }
    if (existing != null && "decommissioned".equals(status)) {
      String running =
          existing.vms.stream()
              .filter(vm -> !vm.isDecommissioned())
              .map(vm -> vm.name)
              .collect(Collectors.joining(", "));
      fields.check(
          running.isEmpty(), "status", "Move or decommission its VMs first: " + running + ".");
    }

    Location location = null;
    String locationName = Names.normalize(Fields.blankToNull(in.location()));
    if (locationName != null) {
      location = Location.findByName(locationName).orElse(null);
      fields.check(
          location != null,
          "location",
          "No location named " + locationName + "; add it on the locations page first.");
    }

    String primaryFunction = fields.line("primaryFunction", in.primaryFunction(), Fields.SHORT);
    String os = fields.line("os", in.os(), Fields.SHORT);
    Integer cpus = fields.positive("cpus", in.cpus(), "CPUs");
    fields.check(cpus == null || cpus <= 100_000, "cpus", "Use at most 100000 CPUs.");
    Integer memoryMb = fields.positive("memoryMb", in.memoryMb(), "megabytes");
    Integer diskGb = fields.positive("diskGb", in.diskGb(), "gigabytes");
    String graphitePrefix = fields.graphitePrefix("graphitePrefix", in.graphitePrefix());
    String description = fields.text("description", in.description(), Fields.LONG);
    List<IpInput> addresses = checkAddresses(in.ipAddresses(), fields);
    List<ContactService.Resolved> contactList = contacts.check(in.contacts(), fields, "contacts");
    problems.throwIfAny();

    Server clash = Server.findByName(name).orElse(null);
    if (clash != null && clash != existing) {
      throw InvalidInputException.conflict("name", "A server named " + name + " exists.");
    }

    Map<String, Object> before = existing == null ? null : snapshot(existing);
    Server server = existing == null ? new Server() : existing;
    server.name = name;
    server.kind = kind;
    server.host = host;
    server.location = location;
    server.environment = environment;
    server.status = status;
    server.primaryFunction = primaryFunction;
    server.os = os;
    server.cpus = cpus;
    server.memoryMb = memoryMb;
    server.diskGb = diskGb;
    server.graphitePrefix = graphitePrefix;
    server.description = description;
    server.updatedAt = clock.instant();
    if (existing == null) {
      server.createdAt = server.updatedAt;
      server.persist();
    }
    // Replaced rows are deleted before the new ones are inserted, so that the unique index on
    // (server, address) never sees the same address twice.
    server.ipAddresses.clear();
    server.contacts.clear();
    server.flush();
    int position = 0;
    for (IpInput ip : addresses) {
      IpAddress row = new IpAddress();
      row.server = server;
      row.address = ip.address();
      row.mac = ip.mac();
      row.label = ip.label();
      row.position = position++;
      server.ipAddresses.add(row);
    }
    for (ContactService.Resolved c : contactList) {
      ContactAssignment a = new ContactAssignment();
      a.contact = contacts.findOrCreate(c, actor);
      a.server = server;
      a.role = c.role();
      server.contacts.add(a);
    }
    server.flush();
    changes.record(actor, "server", server.id, server.name, before, snapshot(server));
    return server;
  }

  /** True if following the host chain upwards from {@code start} arrives at {@code server}. */
  private static boolean hostChainReaches(Server start, Server server) {
    Set<Long> seen = new HashSet<>();
    for (Server s = start; s != null && seen.add(s.id); s = s.host) {
      if (s.id.equals(server.id)) {
        return true;
      }
    }
    return false;
  }

  private static List<IpInput> checkAddresses(List<IpInput> input, Fields fields) {
    List<IpInput> result = new ArrayList<>();
    if (input == null) {
      return result;
    }
    Set<String> seen = new HashSet<>();
    int position = 0;
    for (IpInput ip : input) {
      position++;
      if (ip == null
          || (Fields.blankToNull(ip.address()) == null && Fields.blankToNull(ip.mac()) == null)) {
        continue;
      }
      String raw = ip.address() == null ? "" : ip.address().strip();
      String address = NetworkAddresses.ip(raw).orElse(null);
      fields.check(
          address != null,
          "ipAddresses",
          "Address " + position + ": \"" + printable(raw) + "\" is not an IPv4 or IPv6 address.");
      String mac = null;
      if (Fields.blankToNull(ip.mac()) != null) {
        mac = NetworkAddresses.mac(ip.mac()).orElse(null);
        fields.check(
            mac != null,
            "ipAddresses",
            "Address "
                + position
                + ": \""
                + printable(ip.mac())
                + "\" is not a MAC address (aa:bb:cc:dd:ee:ff).");
      }
      String label = Fields.blankToNull(ip.label());
      fields.check(
          label == null || (label.length() <= 50 && !Names.hasControl(label)),
          "ipAddresses",
          "Address " + position + ": use a label of at most 50 characters on one line.");
      if (address != null) {
        fields.check(seen.add(address), "ipAddresses", address + " is listed twice.");
      }
      result.add(new IpInput(address, mac, label));
    }
    return result;
  }

  private static String printable(String value) {
    String v = value.replaceAll("\\p{Cntrl}", "?");
    return v.length() > 60 ? v.substring(0, 60) + "…" : v;
  }

  Map<String, Object> snapshot(Server server) {
    return changes.snapshot(ServerView.of(server), ServerView.DERIVED);
  }
}

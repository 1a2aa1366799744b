package io.opsroom.inventory;

import java.time.Instant;
import java.util.List;

/** A server as the API shows it; field names are a contract with scripts (DESIGN §6). */
public record ServerView(
    String name,
    String kind,
    String host,
    String location,
    String environment,
    String status,
    String primaryFunction,
    String os,
    Integer cpus,
    Integer memoryMb,
    Integer diskGb,
    String graphitePrefix,
    String description,
    List<IpAddressView> ipAddresses,
    List<ContactRole> contacts,
    List<String> vms,
    List<DeploymentOnServer> applications,
    Instant createdAt,
    Instant updatedAt) {

  /** The fields the audit trail leaves out: they change when other objects change. */
  static final String[] DERIVED = {"vms", "applications", "createdAt", "updatedAt"};

  /** One address of a server. */
  public record IpAddressView(String address, String mac, String label) {}

  /** A contact in a role on a server or application. */
  public record ContactRole(String name, String email, String role) {

    static List<ContactRole> of(List<ContactAssignment> assignments) {
      return assignments.stream()
          .map(a -> new ContactRole(a.contact.name, a.contact.email, a.role))
          .toList();
    }
  }

  /** An application deployed on this server, and its role here. */
  public record DeploymentOnServer(String application, String role) {}

  public static ServerView of(Server s) {
    return new ServerView(
        s.name,
        s.kind,
        s.host == null ? null : s.host.name,
        s.location == null ? null : s.location.name,
        s.environment,
        s.status,
        s.primaryFunction,
        s.os,
        s.cpus,
        s.memoryMb,
        s.diskGb,
        s.graphitePrefix,
        s.description,
        s.ipAddresses.stream().map(ip -> new IpAddressView(ip.address, ip.mac, ip.label)).toList(),
        ContactRole.of(s.contacts),
        s.vms.stream().map(vm -> vm.name).toList(),
        s.deployments.stream()
            .map(d -> new DeploymentOnServer(d.application.name, d.role))
            .toList(),
        s.createdAt,
        s.updatedAt);
  }
}

package io.opsroom.inventory;

import java.time.Instant;

/** A DNS alias as the API shows it; field names are a contract with scripts (DESIGN §6). */
public record AliasView(
    String hostname,
    String server,
    String application,
    String status,
    boolean external,
    String description,
    String administrativeInfo,
    String pendingServer,
    String pendingApplication,
    String pendingReason,
    String requestedBy,
    Instant requestedAt,
    String confirmedBy,
    Instant confirmedAt,
    Instant updatedAt) {

  static final String[] DERIVED = {"updatedAt"};

  public static AliasView of(DnsAlias a) {
    return new AliasView(
        a.hostname,
        a.server == null ? null : a.server.name,
        a.application == null ? null : a.application.name,
        a.status,
        a.external,
        a.description,
        a.administrativeInfo,
        a.pendingServer == null ? null : a.pendingServer.name,
        a.pendingApplication == null ? null : a.pendingApplication.name,
        a.pendingReason,
        a.requestedBy,
        a.requestedAt,
        a.confirmedBy,
        a.confirmedAt,
        a.updatedAt);
  }
}

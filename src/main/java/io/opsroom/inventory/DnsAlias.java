package io.opsroom.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A DNS alias (CNAME) for a server or an application. Aliases in our own domains pass through the
 * hostmaster: a request, a change or a retirement waits until the hostmaster confirms it. Aliases
 * in external domains are records of what is managed elsewhere.
 */
@Entity
@Table(name = "dns_alias")
public class DnsAlias extends PanacheEntityBase {

  public static final String REQUESTED = "requested";
  public static final String ACTIVE = "active";
  public static final String CHANGE_REQUESTED = "change-requested";
  public static final String RETIRE_REQUESTED = "retire-requested";
  public static final String RETIRED = "retired";
  public static final List<String> STATUSES =
      List.of(REQUESTED, ACTIVE, CHANGE_REQUESTED, RETIRE_REQUESTED, RETIRED);

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String hostname;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "server_id")
  public Server server;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "application_id")
  public Application application;

  public String status;

  /** In a domain someone else manages: recorded, never sent to our hostmaster. */
  public boolean external;

  /** What the alias is for, in the requester's words. */
  public String description;

  /** For external aliases: who manages the domain, where, and how to reach them. */
  @Column(name = "administrative_info")
  public String administrativeInfo;

  /** The new target a change request asks for. */
  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "pending_server_id")
  public Server pendingServer;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "pending_application_id")
  public Application pendingApplication;

  @Column(name = "pending_reason")
  public String pendingReason;

  /** The SHA-256 of the secret in the hostmaster's confirm link; null when nothing waits. */
  @Column(name = "confirm_token_hash")
  public String confirmTokenHash;

  @Column(name = "requested_by")
  public String requestedBy;

  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "confirmed_by")
  public String confirmedBy;

  @Column(name = "confirmed_at")
  public Instant confirmedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /** True while the hostmaster has something to confirm. */
  public boolean isPending() {
    return REQUESTED.equals(status)
        || CHANGE_REQUESTED.equals(status)
        || RETIRE_REQUESTED.equals(status);
  }

  /** The name of what the alias points at: a server or an application. */
  public String targetName() {
    return server != null ? server.name : application.name;
  }

  public String targetType() {
    return server != null ? "server" : "application";
  }

  public static Optional<DnsAlias> findByHostname(String hostname) {
    return find("hostname", hostname).firstResultOptional();
  }

  public static List<DnsAlias> listForServer(Server server) {
    return list("server = ?1 or pendingServer = ?1 order by hostname", server);
  }

  public static List<DnsAlias> listForApplication(Application application) {
    return list("application = ?1 or pendingApplication = ?1 order by hostname", application);
  }
}

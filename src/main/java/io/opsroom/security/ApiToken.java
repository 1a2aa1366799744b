package io.opsroom.security;

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

/** A bearer token for scripts; its value is shown once and stored as a hash. */
@Entity
@Table(name = "api_token")
public class ApiToken extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String name;

  @Column(name = "token_hash")
  public String tokenHash;

  /** The first characters of the token, so people can tell their tokens apart. */
  @Column(name = "token_prefix")
  public String tokenPrefix;

  public Role role;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "created_by")
  public AppUser createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "last_used_at")
  public Instant lastUsedAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  public boolean usableAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }

  public static Optional<ApiToken> findByHash(String tokenHash) {
    return find("tokenHash", tokenHash).firstResultOptional();
  }

  public static List<ApiToken> listNewestFirst() {
    return find("from ApiToken t left join fetch t.createdBy order by t.createdAt desc, t.id desc")
        .list();
  }
}

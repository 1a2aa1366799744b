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
import java.util.Optional;

/** A browser login; the cookie holds a random id of which only the hash is stored. */
@Entity
@Table(name = "user_session")
public class UserSession extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "id_hash")
  public String idHash;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id")
  public AppUser user;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "last_seen_at")
  public Instant lastSeenAt;

  public static Optional<UserSession> findByIdHash(String idHash) {
    return find("from UserSession s join fetch s.user where s.idHash = ?1", idHash)
        .firstResultOptional();
  }
}

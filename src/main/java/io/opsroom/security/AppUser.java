package io.opsroom.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A person who logs in with a username and password; the password is stored as bcrypt. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String username;

  @Column(name = "display_name")
  public String displayName;

  public String email;

  @Column(name = "password_hash")
  public String passwordHash;

  public Role role;

  public boolean active;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "last_login_at")
  public Instant lastLoginAt;

  public static Optional<AppUser> findByUsername(String username) {
    if (username == null) {
      return Optional.empty();
    }
    return find("username", username.trim().toLowerCase(Locale.ROOT)).firstResultOptional();
  }

  public static List<AppUser> listByUsername() {
    return list("order by username");
  }

  /** How many active admins there are; callers hold the user-changes lock (UserService). */
  public static long countActiveAdmins() {
    return count("role = ?1 and active = true", Role.ADMIN);
  }
}

package io.opsroom.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a user or token may do; each role includes the ones below it. */
public enum Role {
  VIEWER,
  EDITOR,
  ADMIN;

  public static final String VIEWER_NAME = "viewer";
  public static final String EDITOR_NAME = "editor";
  public static final String ADMIN_NAME = "admin";

  /** The lower-case name used in the database, the API and {@code @RolesAllowed}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The security roles an identity with this role holds: its own and every lower one. */
  public Set<String> grantedRoles() {
    return switch (this) {
      case VIEWER -> Set.of(VIEWER_NAME);
      case EDITOR -> Set.of(VIEWER_NAME, EDITOR_NAME);
      case ADMIN -> Set.of(VIEWER_NAME, EDITOR_NAME, ADMIN_NAME);
    };
  }

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  public static Optional<Role> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}

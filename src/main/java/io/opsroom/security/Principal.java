package io.opsroom.security;

/** Who is calling, as the security layer knows them: a user in a session or an API token. */
public record Principal(String name, Role role, Via via, Long id) {

  /** How the caller proved who they are. */
  public enum Via {
    SESSION,
    TOKEN
  }
}

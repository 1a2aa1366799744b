package io.opsroom.security;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** API tokens: created with their value shown once, checked on each call, revoked, never read. */
@ApplicationScoped
public class TokenService {

  static final String PREFIX = "opsroom_";
  static final int MIN_LENGTH = 20;
  private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 4;
  private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  @Inject Clock clock;

  /** A token just made: the entity and the secret value, which is not stored. */
  public record Created(ApiToken token, String value) {}

  @Transactional
  public Created create(String name, String role, Instant expiresAt, Long createdByUserId) {
    return create(name, role, expiresAt, createdByUserId, PREFIX + Secrets.random(30));
  }

  /** Creates a token with a value chosen by the operator (provisioning with a known token). */
  @Transactional
  public Created create(
      String name, String role, Instant expiresAt, Long createdByUserId, String value) {
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    String trimmedName = name == null ? "" : name.trim();
    problems.check(!trimmedName.isEmpty(), "name", "Name the token after what uses it.");
    problems.check(trimmedName.length() <= 100, "name", "Use at most 100 characters.");
    Optional<Role> parsedRole = Role.parse(role);
    problems.check(parsedRole.isPresent(), "role", "Choose viewer, editor or admin.");
    problems.check(
        expiresAt == null || expiresAt.isAfter(clock.instant()),
        "expiresAt",
        "Choose an expiry in the future, or none.");
    problems.check(
        value != null && value.length() >= MIN_LENGTH && value.strip().equals(value),
        "token",
        "A token needs at least " + MIN_LENGTH + " characters and no surrounding spaces.");
    problems.throwIfAny();
    String hash = Secrets.sha256(value);
    if (ApiToken.findByHash(hash).isPresent()) {
      throw InvalidInputException.conflict("token", "This token value is already in use.");
    }
    ApiToken token = new ApiToken();
    token.name = trimmedName;
    token.role = parsedRole.get();
    token.tokenHash = hash;
    token.tokenPrefix = value.substring(0, Math.min(SHOWN_PREFIX_LENGTH, value.length()));
    token.createdAt = clock.instant();
    token.expiresAt = expiresAt;
    token.createdBy = createdByUserId == null ? null : AppUser.findById(createdByUserId);
    token.persist();
    return new Created(token, value);
  }

  /** The principal of a usable token, or empty when it is unknown, revoked or expired. */
  @Transactional
  public Optional<Principal> identify(String value) {
    Instant now = clock.instant();
    return ApiToken.findByHash(Secrets.sha256(value))
        .filter(token -> token.usableAt(now))
        .map(
            token -> {
              if (token.lastUsedAt == null
                  || token.lastUsedAt.plus(LAST_USED_RESOLUTION).isBefore(now)) {
                token.lastUsedAt = now;
              }
              return new Principal(
                  "token:" + token.name, token.role, Principal.Via.TOKEN, token.id);
            });
  }

  @Transactional
  public ApiToken revoke(long id) {
    ApiToken token = ApiToken.findById(id);
    if (token == null) {
      throw new NotFoundException("No token " + id);
    }
    if (token.revokedAt == null) {
      token.revokedAt = clock.instant();
    }
    return token;
  }
}

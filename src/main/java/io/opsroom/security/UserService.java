package io.opsroom.security;

import io.opsroom.platform.InvalidInputException;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Creates, changes and checks users; every rule on usernames, passwords and roles is here. */
@ApplicationScoped
public class UserService {

  static final int MIN_PASSWORD_LENGTH = 8;
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  /** Compared against when the username is unknown, so both cases take the same time. */
  private static final String DUMMY_HASH = BcryptUtil.bcryptHash("opsroom-no-such-user");

  /** The advisory lock key that serializes changes to users. */
  private static final long USER_CHANGES_LOCK = 0x6f70_7372_6f6f_6d02L;

  @Inject Clock clock;
  @Inject EntityManager entityManager;

  /** What a new user is made of; role and password are required. */
  public record NewUser(
      String username, String password, String role, String displayName, String email) {}

  /** Changes to a user; null fields stay as they are. */
  public record UserChange(
      String role, Boolean active, String password, String displayName, String email) {}

  @Transactional
  public AppUser create(NewUser input) {
    String username = normalize(input.username());
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    problems.check(!username.isEmpty(), "username", "Enter a username.");
    problems.check(
        USERNAME.matcher(username).matches(),
        "username",
        "Use 1 to 63 lower-case letters, digits, dots, dashes or underscores.");
    checkPassword(problems, input.password());
    Optional<Role> role = Role.parse(input.role());
    problems.check(role.isPresent(), "role", "Choose viewer, editor or admin.");
    checkEmail(problems, input.email());
    problems.throwIfAny();
    serializeUserChanges();
    if (AppUser.findByUsername(username).isPresent()) {
      throw InvalidInputException.conflict("username", "A user named " + username + " exists.");
    }
    AppUser user = new AppUser();
    user.username = username;
    user.passwordHash = BcryptUtil.bcryptHash(input.password());
    user.role = role.get();
    user.displayName = blankToNull(input.displayName());
    user.email = blankToNull(input.email());
    user.active = true;
    user.createdAt = clock.instant();
    user.persist();
    return user;
  }

  @Transactional
  public AppUser update(String username, UserChange change) {
    serializeUserChanges();
    AppUser user =
        AppUser.findByUsername(username)
            .orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No user " + username));
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    Optional<Role> role = Optional.empty();
    if (change.role() != null) {
      role = Role.parse(change.role());
      problems.check(role.isPresent(), "role", "Choose viewer, editor or admin.");
    }
    if (change.password() != null) {
      checkPassword(problems, change.password());
    }
    checkEmail(problems, change.email());
    problems.throwIfAny();
    boolean losesAdmin =
        user.role == Role.ADMIN
            && user.active
            && (role.map(r -> r != Role.ADMIN).orElse(false)
                || Boolean.FALSE.equals(change.active()));
    if (losesAdmin && AppUser.countActiveAdmins() <= 1) {
      throw InvalidInputException.conflict(
          "role", "At least one active admin must remain; make another admin first.");
    }
    role.ifPresent(r -> user.role = r);
    if (change.active() != null) {
      user.active = change.active();
      if (!user.active) {
        UserSession.delete("user", user);
      }
    }
    if (change.password() != null) {
      user.passwordHash = BcryptUtil.bcryptHash(change.password());
      UserSession.delete("user", user);
    }
    if (change.displayName() != null) {
      user.displayName = blankToNull(change.displayName());
    }
    if (change.email() != null) {
      user.email = blankToNull(change.email());
    }
    return user;
  }

  /**
   * Changes a user's own password after checking the current one. Every session of the user ends,
   * so a stolen session does not survive the change; the caller opens a fresh one.
   */
  @Transactional
  public AppUser changeOwnPassword(long userId, String current, String password, String repeat) {
    AppUser user = AppUser.findById(userId);
    if (user == null || !user.active) {
      throw new jakarta.ws.rs.NotFoundException("No user " + userId);
    }
    InvalidInputException.Collector problems = new InvalidInputException.Collector();
    problems.check(
        current != null && BcryptUtil.matches(current, user.passwordHash),
        "current",
        "This is not your current password.");
    checkPassword(problems, password);
    problems.check(
        password == null || password.equals(repeat), "repeat", "The two new passwords differ.");
    problems.throwIfAny();
    user.passwordHash = BcryptUtil.bcryptHash(password);
    UserSession.delete("user", user);
    return user;
  }

  /** The active user with this username and password, or empty; never says which part failed. */
  @Transactional
  public Optional<AppUser> authenticate(String username, String password) {
    Optional<AppUser> user = AppUser.findByUsername(username).filter(u -> u.active);
    String hash = user.map(u -> u.passwordHash).orElse(DUMMY_HASH);
    boolean matches = password != null && BcryptUtil.matches(password, hash);
    if (user.isEmpty() || !matches) {
      return Optional.empty();
    }
    user.get().lastLoginAt = clock.instant();
    return user;
  }

  /**
   * Changes to users wait for each other (until their transaction ends), across instances: two
   * admins demoting each other at once cannot both see the other as the remaining admin, and no
   * order of row locks can deadlock.
   */
  private void serializeUserChanges() {
    entityManager
        .createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, USER_CHANGES_LOCK)
        .getSingleResult();
  }

  static String normalize(String username) {
    return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
  }

  private static void checkPassword(InvalidInputException.Collector problems, String password) {
    problems.check(
        password != null && password.length() >= MIN_PASSWORD_LENGTH,
        "password",
        "Use a password of at least " + MIN_PASSWORD_LENGTH + " characters.");
    problems.check(
        password == null || password.length() <= 200, "password", "Use at most 200 characters.");
  }

  private static void checkEmail(InvalidInputException.Collector problems, String email) {
    problems.check(
        email == null || email.isBlank() || email.matches("[^@\\s]+@[^@\\s]+"),
        "email",
        "Enter an email address like name@example.org.");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}

package io.opsroom.security;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Browser sessions: opened at login, looked up on each request, closed at logout. */
@ApplicationScoped
public class SessionService {

  /** Writing last_seen_at on every request would turn each page view into a write. */
  private static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(5);

  @Inject Clock clock;
  @Inject SecurityConfig config;

  /** Opens a session for the user and returns the secret for the cookie. */
  @Transactional
  public String open(AppUser user) {
    String secret = Secrets.random(32);
    UserSession session = new UserSession();
    session.idHash = Secrets.sha256(secret);
    session.user = AppUser.findById(user.id);
    session.createdAt = clock.instant();
    session.lastSeenAt = session.createdAt;
    session.expiresAt = session.createdAt.plus(config.sessionTimeout());
    session.persist();
    return secret;
  }

  /** The signed-in principal of a live session, or empty when it is unknown or expired. */
  @Transactional
  public Optional<Principal> identify(String secret) {
    Instant now = clock.instant();
    return UserSession.findByIdHash(Secrets.sha256(secret))
        .filter(session -> session.expiresAt.isAfter(now) && session.user.active)
        .map(
            session -> {
              if (session.lastSeenAt.plus(LAST_SEEN_RESOLUTION).isBefore(now)) {
                session.lastSeenAt = now;
              }
              AppUser user = session.user;
              return new Principal(user.username, user.role, Principal.Via.SESSION, user.id);
            });
  }

  /** The cookie that carries a session: HttpOnly, SameSite=Lax, Secure when so configured. */
  public NewCookie cookie(String secret) {
    return cookieBuilder(secret).maxAge((int) config.sessionTimeout().toSeconds()).build();
  }

  /** A cookie that makes the browser forget its session cookie. */
  public NewCookie expiredCookie() {
    return cookieBuilder("").maxAge(0).build();
  }

  private NewCookie.Builder cookieBuilder(String value) {
    return new NewCookie.Builder(OpsroomAuthenticationMechanism.SESSION_COOKIE)
        .value(value)
        .path("/")
        .httpOnly(true)
        .secure(config.secureCookies())
        .sameSite(NewCookie.SameSite.LAX);
  }

  @Transactional
  public void close(String secret) {
    UserSession.delete("idHash", Secrets.sha256(secret));
  }

  @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void purgeExpired() {
    UserSession.delete("expiresAt < ?1", clock.instant());
  }
}

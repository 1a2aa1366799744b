package io.opsroom.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one login throttle of this instance, shared by the login form and the password change, so
 * that guessing a password is slowed down wherever a password is checked.
 */
@ApplicationScoped
class LoginThrottleProducer {

  @Produces
  @Singleton
  LoginThrottle throttle(Clock clock) {
    return new LoginThrottle(clock, LoginThrottle.MAX_FAILURES, LoginThrottle.WINDOW);
  }
}

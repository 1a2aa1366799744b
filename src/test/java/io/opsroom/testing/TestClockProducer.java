package io.opsroom.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Replaces the application's clock in every {@code @QuarkusTest} with one {@link MutableClock} that
 * follows real time until a test moves it. Tests inject {@code MutableClock}, advance it, and
 * {@link MutableClock#reset()} it afterwards.
 */
@ApplicationScoped
public class TestClockProducer {

  private static final MutableClock CLOCK = MutableClock.followingSystemTime();

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  MutableClock clock() {
    return CLOCK;
  }
}

package io.opsroom.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** The one source of "now": code injects {@link Clock}, tests replace it to pin or advance time. */
@ApplicationScoped
public class ClockProducer {

  /**
   * Ticks in microseconds, PostgreSQL's precision, so a time read back from the database equals the
   * one that was written and shown.
   */
  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}

package io.opsroom.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The one source of "now": code injects {@link Clock}, tests replace it to pin or advance time. */
@ApplicationScoped
public class ClockProducer {

  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.systemUTC();
  }
}

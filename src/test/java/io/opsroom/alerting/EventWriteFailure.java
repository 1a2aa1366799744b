package io.opsroom.alerting;

import io.opsroom.events.EventRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Makes the writing of one alert's events fail, as a full disk or a broken observer would, so a
 * test can see what the cycle does then. Inert unless a test names an alert.
 */
@ApplicationScoped
public class EventWriteFailure {

  static volatile String failFor;

  void onEvent(@Observes EventRecorded recorded) {
    String alert = failFor;
    if (alert != null && recorded.event().hasTag("alert=" + alert)) {
      throw new IllegalStateException("Test: the event of " + alert + " cannot be written");
    }
  }
}

package io.opsroom.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;

/** Writes durations in templates as alert files do ({@code inject:durations}): 5min, 1h, 30s. */
@ApplicationScoped
@Named("durations")
public class DurationView {

  public String format(Duration duration) {
    return GraphiteDurations.format(duration);
  }
}

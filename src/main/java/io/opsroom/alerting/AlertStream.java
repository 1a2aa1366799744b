package io.opsroom.alerting;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Pushes alert changes to open status pages. Each cycle publishes what changed after its
 * transaction committed; a page that misses an update (reconnecting) reloads the grid itself.
 */
@ApplicationScoped
public class AlertStream {

  /** What a status page needs to redraw one square and the counts. */
  public record AlertUpdate(
      String id, String level, String previous, Double value, boolean flapping, Instant since) {}

  private final BroadcastProcessor<AlertUpdate> processor = BroadcastProcessor.create();

  public void publish(AlertUpdate update) {
    processor.onNext(update);
  }

  public Multi<AlertUpdate> updates() {
    return processor;
  }
}

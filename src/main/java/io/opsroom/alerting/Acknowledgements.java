package io.opsroom.alerting;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;

/**
 * Acknowledgements: someone says they are on an alert. The mark lasts until the alert is OK again
 * (the cycle clears it) or is taken back.
 */
@ApplicationScoped
public class Acknowledgements {

  @Inject AlertRegistry registry;
  @Inject Clock clock;

  @Transactional
  public AlertState acknowledge(String id, String who) {
    AlertState state = state(id);
    if (state.level == Level.OK) {
      throw InvalidInputException.conflict(
          "level", id + " is OK: there is nothing to acknowledge.");
    }
    state.acknowledgedBy = who;
    state.acknowledgedAt = clock.instant();
    return state;
  }

  @Transactional
  public AlertState unacknowledge(String id) {
    AlertState state = state(id);
    state.acknowledgedBy = null;
    state.acknowledgedAt = null;
    return state;
  }

  private AlertState state(String id) {
    registry.definition(id).orElseThrow(() -> new NotFoundException("No alert " + id));
    AlertState state = AlertState.findById(id);
    if (state == null) {
      throw InvalidInputException.conflict("level", id + " has not been checked yet.");
    }
    return state;
  }
}

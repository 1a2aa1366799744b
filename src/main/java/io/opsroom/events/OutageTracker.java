package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Keeps outages in step with the events, whichever way they arrive: an event tagged {@code
 * outage=<key>} with an unknown key creates the outage (titled like the event), and the first
 * CRITICAL alert of an application marks that application's open outage detected. Runs inside the
 * writing transaction, so a refused key refuses the event and nothing is half-written.
 */
@ApplicationScoped
public class OutageTracker {

  @Inject OutageService outages;
  @Inject EntityManager em;
  @Inject OpenOutageApplications openOutages;

  void onEvent(@Observes EventRecorded recorded) {
    Event event = recorded.event();
    for (String key : event.values(OutageTimeline.KEY_TAG)) {
      ensureOutage(key, event);
    }
    if (EventSource.ALERT.word().equals(event.source)
        && "critical".equalsIgnoreCase(event.value("level"))
        && event.value("app") != null
        && event.values(OutageTimeline.KEY_TAG).isEmpty()
        && openOutages.contains(event.value("app"))) {
      outages.alertFired(event);
    }
  }

  private void ensureOutage(String key, Event event) {
    if (!OutageTimeline.KEY.matcher(key).matches()) {
      // The outage table would refuse the key; saying so here names the tag instead.
      throw InvalidInputException.field(
          "tags", "outage=" + key + ": " + OutageService.keyMessage(key));
    }
    if (Outage.findById(key) != null) {
      return;
    }
    String title = event.title.strip();
    if (title.length() > OutageService.MAX_TITLE) {
      title = title.substring(0, OutageService.MAX_TITLE - 1) + "…";
    }
    // Two scripts may post the first events of one outage at once: the second insert does
    // nothing instead of failing the second event.
    em.createNativeQuery(
            "insert into outage (key, title, created_by, created_at, updated_at)"
                + " values (?1, ?2, ?3, ?4, ?4) on conflict (key) do nothing")
        .setParameter(1, key)
        .setParameter(2, title)
        .setParameter(3, event.author)
        .setParameter(4, event.createdAt)
        .executeUpdate();
  }
}

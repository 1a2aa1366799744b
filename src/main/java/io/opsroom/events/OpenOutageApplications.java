package io.opsroom.events;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionScoped;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The applications that have an open outage, read once per transaction: an alert cycle writes an
 * event per transition, and only those of these applications can mark an outage detected, so a
 * storm of CRITICAL alerts costs one query here instead of one per alert.
 */
@TransactionScoped
public class OpenOutageApplications implements Serializable {

  @Inject transient EntityManager em;

  private Set<String> applications;

  public boolean contains(String application) {
    if (applications == null) {
      applications = load();
    }
    return applications.contains(application);
  }

  @SuppressWarnings("unchecked")
  private Set<String> load() {
    List<String> rows =
        em.createNativeQuery(
                "select o.application from outage o where o.application is not null and not"
                    + " exists (select 1 from event e where e.attrs @> jsonb_build_object('outage',"
                    + " jsonb_build_array(o.key)) and e.tags @> array['resolved'])")
            .getResultList();
    return new HashSet<>(rows);
  }
}

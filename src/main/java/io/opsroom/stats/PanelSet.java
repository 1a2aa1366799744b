package io.opsroom.stats;

import java.util.List;
import java.util.Optional;

/**
 * The panels of each scope, in the order they are shown, and where they were read from.
 *
 * @param servers the panels of every server page and of the servers dashboard
 * @param applications the panels of every application page, embed and the traffic dashboard
 * @param source the file they came from, for messages
 */
public record PanelSet(List<Panel> servers, List<Panel> applications, String source) {

  public PanelSet {
    servers = List.copyOf(servers);
    applications = List.copyOf(applications);
  }

  /** The panels of one scope. */
  public List<Panel> of(Panel.Scope scope) {
    return scope == Panel.Scope.SERVERS ? servers : applications;
  }

  /** The panel with this id in the scope. */
  public Optional<Panel> find(Panel.Scope scope, String id) {
    return of(scope).stream().filter(p -> p.id().equals(id)).findFirst();
  }
}

package io.opsroom.alerting;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Alert states over JSON, in the field names of DESIGN §6. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

  @Inject AlertRegistry registry;

  /** One series of an alert's last check. */
  public record SeriesView(String target, Double value, String level) {}

  /** An alert with its state. */
  public record AlertView(
      String id,
      String name,
      String level,
      Instant since,
      Double value,
      List<SeriesView> series,
      Map<String, String> labels,
      boolean silenced,
      boolean acknowledged,
      boolean flapping,
      Instant lastCheck,
      String error,
      String target,
      Double warning,
      Double critical,
      String runbook) {

    static AlertView of(AlertDefinition a, AlertState s) {
      return new AlertView(
          a.id(),
          a.name(),
          s == null ? Level.UNKNOWN.name() : s.level.name(),
          s == null ? null : s.since,
          s == null ? null : s.lastValue,
          s == null || s.series == null
              ? List.of()
              : s.series.stream()
                  .map(x -> new SeriesView(x.name(), x.value(), x.level().name()))
                  .toList(),
          a.labels(),
          false,
          s != null && s.acknowledgedAt != null,
          s != null && s.flapping,
          s == null ? null : s.lastCheck,
          s == null ? null : s.lastError,
          a.target(),
          a.warning(),
          a.critical(),
          a.runbook());
    }
  }

  @GET
  @Transactional
  public List<AlertView> list(@QueryParam("level") String level) {
    Map<String, AlertState> states = new HashMap<>();
    AlertState.<AlertState>listAll().forEach(s -> states.put(s.alertId, s));
    return registry.definitions().stream()
        .map(a -> AlertView.of(a, states.get(a.id())))
        .filter(v -> level == null || level.isBlank() || v.level().equalsIgnoreCase(level))
        .toList();
  }

  @GET
  @Path("{id}")
  @Transactional
  public AlertView get(@PathParam("id") String id) {
    AlertDefinition alert =
        registry.definition(id).orElseThrow(() -> new NotFoundException("No alert " + id));
    return AlertView.of(alert, AlertState.findById(id));
  }
}

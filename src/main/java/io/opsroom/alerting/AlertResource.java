package io.opsroom.alerting;

import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert states over JSON, in the field names of DESIGN §6, and acknowledging them ({@code POST
 * /api/alerts/{id}/acknowledge}, {@code /unacknowledge}).
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

  @Inject AlertRegistry registry;
  @Inject Silences silences;
  @Inject Acknowledgements acknowledgements;
  @Inject CurrentUser me;
  @Inject Clock clock;

  /** An acknowledgement's optional details: how long ({@code 4h}; default the setting), why. */
  public record Acknowledgement(String duration, String comment) {}

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
      String runbook,
      Long silencedBy,
      String acknowledgedBy,
      Instant acknowledgedUntil) {

    static AlertView of(AlertDefinition a, AlertState s, Silences.Active silenced) {
      boolean acknowledged = s != null && s.acknowledged(silenced.at());
      Long silence = silenced.silencedBy(Silences.matchLabels(a)).orElse(null);
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
          silence != null,
          acknowledged,
          s != null && s.flapping,
          s == null ? null : s.lastCheck,
          s == null ? null : s.lastError,
          a.target(),
          a.warning(),
          a.critical(),
          a.runbook(),
          silence,
          acknowledged ? s.acknowledgedBy : null,
          acknowledged ? s.acknowledgedUntil : null);
    }
  }

  @GET
  @Transactional
  public List<AlertView> list(@QueryParam("level") String level) {
    Map<String, AlertState> states = new HashMap<>();
    AlertState.<AlertState>listAll().forEach(s -> states.put(s.alertId, s));
    Silences.Active silenced = silences.active(clock.instant());
    return registry.definitions().stream()
        .map(a -> AlertView.of(a, states.get(a.id()), silenced))
        .filter(v -> level == null || level.isBlank() || v.level().equalsIgnoreCase(level))
        .toList();
  }

  @GET
  @Path("{id}")
  @Transactional
  public AlertView get(@PathParam("id") String id) {
    AlertDefinition alert =
        registry.definition(id).orElseThrow(() -> new NotFoundException("No alert " + id));
    return AlertView.of(alert, AlertState.findById(id), silences.active(clock.instant()));
  }

  /**
   * Someone is on it, for {@code duration} (default {@code OPSROOM_ALERTS_ACK_DURATION}). 409 when
   * the alert is OK or not checked yet.
   */
  @POST
  @Path("{id}/acknowledge")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public AlertView acknowledge(@PathParam("id") String id, Acknowledgement input) {
    var in = input != null ? input : new Acknowledgement(null, null);
    acknowledgements.acknowledge(id, me.username(), in.duration(), in.comment());
    return get(id);
  }

  @POST
  @Path("{id}/unacknowledge")
  @RolesAllowed(Role.EDITOR_NAME)
  @Transactional
  public AlertView unacknowledge(@PathParam("id") String id) {
    acknowledgements.unacknowledge(id, me.username());
    return get(id);
  }
}

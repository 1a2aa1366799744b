package io.opsroom.stats;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Opsroom's own health as JSON: {@code GET /api/stats}, the current values of {@code /stats}. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

  @Inject OwnHealth health;

  @GET
  @Operation(
      summary = "Opsroom's own health",
      description =
          "Alerts by level, the evaluation cycle (count, mean duration, lag, age), Graphite"
              + " requests, errors and latency, the notification outbox, notifications per channel,"
              + " events ingested, definition problems and carbon reporting. Counts are totals since"
              + " this instance started; durations are in seconds.")
  public OwnStats stats() {
    return health.now();
  }
}

package io.opsroom.alerting;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The noise report as JSON: {@code GET /api/reports/noisy?days=7|30|90&limit=10}. */
@Path("/api/reports/noisy")
@Produces(MediaType.APPLICATION_JSON)
public class NoiseReportResource {

  @Inject NoiseReport report;

  @GET
  @Transactional
  public NoiseReport.Report noisy(
      @QueryParam("days") String days, @QueryParam("limit") String limit) {
    return report.noisiest(NoiseReportPages.days(days), NoiseReportPages.limit(limit));
  }
}

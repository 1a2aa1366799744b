package io.opsroom.alerting;

import io.opsroom.platform.InvalidInputException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The noise report at {@code /reports/noisy}: the alerts that notified most, as bars. */
@Path("/reports/noisy")
@Produces(MediaType.TEXT_HTML)
public class NoiseReportPages {

  @Inject NoiseReport report;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance noisy(NoiseReport.Report report);
  }

  @GET
  @Transactional
  public String noisy(@QueryParam("days") String days, @QueryParam("limit") String limit) {
    return Templates.noisy(report.noisiest(days(days), limit(limit))).render();
  }

  /** The period in days: 7, 30 or 90 (default 7). */
  static int days(String value) {
    if (value == null || value.isBlank()) {
      return 7;
    }
    try {
      int days = Integer.parseInt(value.strip());
      if (NoiseReport.PERIODS.contains(days)) {
        return days;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw InvalidInputException.field("days", "The period is 7, 30 or 90 days, not " + value + ".");
  }

  /** How many alerts to list: 1 to 100 (default 10). */
  static int limit(String value) {
    if (value == null || value.isBlank()) {
      return NoiseReport.DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 1 && limit <= NoiseReport.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw InvalidInputException.field(
        "limit", "The list holds 1 to " + NoiseReport.MAX_LIMIT + " alerts, not " + value + ".");
  }
}

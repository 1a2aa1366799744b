package io.opsroom.alerting;

import io.opsroom.graphite.GraphiteClient;
import io.opsroom.graphite.GraphiteException;
import io.opsroom.platform.InvalidInputException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Metric search for the autocomplete on alert pages: Graphite's {@code /metrics/find}, one level at
 * a time. Branches end with a dot; the answer is capped so a huge tree stays quick.
 */
@Path("/api/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricResource {

  static final int MAX_RESULTS = 200;

  @Inject GraphiteClient graphite;

  @GET
  public List<String> find(@QueryParam("query") String query) {
    String q = query == null ? "" : query.strip();
    if (q.length() > 500 || q.chars().anyMatch(c -> Character.isWhitespace(c) || c < 32)) {
      throw InvalidInputException.field("query", "Type a metric path such as servers.web01.");
    }
    try {
      List<String> found = graphite.findMetrics(q);
      return found.size() > MAX_RESULTS ? found.subList(0, MAX_RESULTS) : found;
    } catch (GraphiteException e) {
      throw new ServiceUnavailableException(e.getMessage());
    }
  }
}

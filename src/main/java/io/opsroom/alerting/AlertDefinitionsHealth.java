package io.opsroom.alerting;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The alert files in the health checks. A broken alert file must not take Opsroom out of its load
 * balancer: the other alerts, the status grid and the inventory still work. So readiness always
 * says UP and carries the counts ({@code problems} above 0 means degraded), while the group {@code
 * alerts} ({@code /q/health/group/alerts}) says DOWN as long as any file has a problem, for a
 * monitor that should page someone about it.
 */
@ApplicationScoped
public class AlertDefinitionsHealth {

  static final String NAME = "Alert definitions";

  @Inject AlertRegistry registry;

  @Produces
  @ApplicationScoped
  @Readiness
  HealthCheck readiness() {
    return () -> withData(HealthCheckResponse.named(NAME)).up().build();
  }

  @Produces
  @ApplicationScoped
  @HealthGroup("alerts")
  HealthCheck alertsGroup() {
    return () -> {
      AlertRegistry.Snapshot snapshot = registry.snapshot();
      HealthCheckResponseBuilder response =
          withData(HealthCheckResponse.named(NAME)).status(snapshot.problems().isEmpty());
      if (!snapshot.problems().isEmpty()) {
        response.withData("firstProblem", snapshot.problems().get(0).toString());
      }
      return response.build();
    };
  }

  private HealthCheckResponseBuilder withData(HealthCheckResponseBuilder response) {
    AlertRegistry.Snapshot snapshot = registry.snapshot();
    response
        .withData("alerts", snapshot.definitions().size())
        .withData("files", snapshot.files().size())
        .withData("problems", snapshot.problems().size())
        .withData("status", snapshot.problems().isEmpty() ? "ok" : "degraded");
    if (snapshot.loadedAt() != null) {
      response.withData("lastLoad", snapshot.loadedAt().toString());
    }
    return response;
  }
}

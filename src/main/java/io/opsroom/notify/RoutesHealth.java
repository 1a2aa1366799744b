package io.opsroom.notify;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The notification routes in the health checks, as the alert files are: a refused {@code
 * routes.yaml} leaves the last good routing sending, so readiness stays UP and carries the problem,
 * while the group {@code alerts} ({@code /q/health/group/alerts}) says DOWN until it is fixed, for
 * a monitor that should page someone about it.
 */
@ApplicationScoped
public class RoutesHealth {

  static final String NAME = "Alert routes";

  @Inject RoutesRegistry registry;

  @Produces
  @ApplicationScoped
  @Readiness
  HealthCheck routesReadiness() {
    return () -> readiness(registry);
  }

  @Produces
  @ApplicationScoped
  @HealthGroup("alerts")
  HealthCheck routesAlertsGroup() {
    return () -> alertsGroup(registry);
  }

  /** Always UP, with what is in force and, when the file is refused, why. */
  static HealthCheckResponse readiness(RoutesRegistry registry) {
    return withData(HealthCheckResponse.named(NAME), registry).up().build();
  }

  /** DOWN while the routes file is refused. */
  static HealthCheckResponse alertsGroup(RoutesRegistry registry) {
    return withData(HealthCheckResponse.named(NAME), registry)
        .status(registry.problem().isEmpty())
        .build();
  }

  private static HealthCheckResponseBuilder withData(
      HealthCheckResponseBuilder response, RoutesRegistry registry) {
    Routes routes = registry.current();
    response
        .withData("file", registry.file().orElse("none"))
        .withData("channels", routes.channels().size())
        .withData("routes", routes.routes().size())
        .withData("defaultChannels", routes.defaultRoute().channels().size())
        .withData("status", registry.problem().isEmpty() ? "ok" : "last good");
    registry.problem().ifPresent(problem -> response.withData("problem", problem));
    registry.lastLoad().ifPresent(at -> response.withData("lastLoad", at.toString()));
    return response;
  }
}

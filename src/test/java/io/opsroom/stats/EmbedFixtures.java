package io.opsroom.stats;

import io.opsroom.alerting.AlertState;
import io.opsroom.alerting.Level;
import io.opsroom.testing.Api;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embed tests' application: {@code embshop} with a Graphite prefix, requests, response times
 * and errors in the Graphite double, no 404 or smoke metrics; and its alerts' levels.
 */
final class EmbedFixtures {

  static final String PREFIX = "apps.embshop";

  private EmbedFixtures() {}

  /** Creates the application unless an earlier test did. */
  static void application(String name, String title, String prefix) {
    int status = Api.asAdmin().get("/api/applications/" + name).statusCode();
    if (status == 404) {
      Map<String, Object> body = new HashMap<>();
      body.put("name", name);
      body.put("title", title);
      body.put("status", "active");
      if (prefix != null) {
        body.put("graphitePrefix", prefix);
      }
      Api.asAdmin().body(body).post("/api/applications").then().statusCode(201);
    }
  }

  /** The shop with its usual metrics: 1200 requests a minute, 120/480 ms, 0.4 % errors. */
  static Map<String, String> shop(Panels panels) {
    application(EmbedGraphiteResource.APP, "Web shop", PREFIX);
    Map<String, String> targets = targets(panels, PREFIX);
    EmbedGraphiteResource.set(targets.get("requests"), Map.of("requests/min", 1200.0));
    Map<String, Double> times = new LinkedHashMap<>();
    times.put("mean", 120.0);
    times.put("p95", 480.0);
    EmbedGraphiteResource.set(targets.get("response-time"), times);
    EmbedGraphiteResource.set(targets.get("errors"), Map.of("5xx", 0.4));
    EmbedGraphiteResource.clear(targets.get("not-found"));
    EmbedGraphiteResource.clear(targets.get("smoke"));
    return targets;
  }

  /** Each application panel's target for this prefix, by panel id. */
  static Map<String, String> targets(Panels panels, String prefix) {
    Map<String, String> targets = new LinkedHashMap<>();
    for (Panel p : panels.of(Panel.Scope.APPLICATIONS)) {
      targets.put(p.id(), PanelTargets.fill(p, prefix));
    }
    return targets;
  }

  /** Puts an alert into {@code level} since {@code since} with this value. */
  static void level(String id, Level level, Instant since, Double value) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              AlertState state = AlertState.findById(id);
              boolean created = state == null;
              if (created) {
                state = new AlertState();
                state.alertId = id;
              }
              state.level = level;
              state.since = since;
              state.lastCheck = since;
              state.lastValue = value;
              if (created) {
                state.persist();
              }
            });
    // The embeds read alert states once per time-to-live; the tests want to see the change now.
    Arc.container().instance(ApplicationEmbeds.class).get().clear();
  }
}

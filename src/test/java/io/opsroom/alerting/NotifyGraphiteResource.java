package io.opsroom.alerting;

import io.opsroom.testing.PrivateGraphite;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Graphite of the test's own and an alerts folder for the notification tests: three alerts on one
 * route (each test flips its own, so none of them starts flapping), 50 on a route of their own, 200
 * on a third, each route mailing its own address, and the admin channel for Graphite's own outages.
 */
public class NotifyGraphiteResource implements QuarkusTestResourceLifecycleManager {

  static PrivateGraphite graphite;

  static final int GROUP = 50;
  static final int STORM = 200;

  static final String ROUTES =
      """
      storm_cap: 100
      channels:
        solo-mail: {email: [solo@notify.test]}
        group-mail: {email: [group@notify.test]}
        storm-mail: {email: [storm@notify.test]}
        admin-mail: {email: [admin@notify.test]}
      admin: [admin-mail]
      routes:
        - {name: solo, match: {team: solo}, channels: [solo-mail]}
        - {name: group, match: {team: group}, channels: [group-mail]}
        - {name: storm, match: {team: storm}, channels: [storm-mail]}
      """;

  @Override
  public Map<String, String> start() {
    Path alerts;
    try {
      alerts = Files.createTempDirectory("opsroom-notify-test");
      StringBuilder file =
          new StringBuilder(
              """
              defaults: {window: 30s, reduce: last, for: 1}
              alerts:
                - id: notify-solo
                  name: Notify solo
                  target: test.notify.solo
                  warning: 5
                  critical: 10
                  labels: {team: solo}
                  runbook: https://wiki.example.org/runbooks/solo
                  description: The solo test metric is **high**.
                - {id: notify-quiet, name: Notify quiet, target: test.notify.quiet, critical: 10, labels: {team: solo}}
                - {id: notify-down, name: Notify down, target: test.notify.down, critical: 10, labels: {team: solo}}
              """);
      for (int i = 0; i < GROUP; i++) {
        file.append("  - {id: notify-group-")
            .append(i)
            .append(", name: Group ")
            .append(i)
            .append(", target: test.notify.group.g")
            .append(i)
            .append(", critical: 10, labels: {team: group}}\n");
      }
      for (int i = 0; i < STORM; i++) {
        file.append("  - {id: notify-storm-")
            .append(i)
            .append(", name: Storm ")
            .append(i)
            .append(", target: test.notify.storm.s")
            .append(i)
            .append(", critical: 10, labels: {team: storm}}\n");
      }
      Files.writeString(alerts.resolve("notify.yaml"), file);
      Files.writeString(alerts.resolve("routes.yaml"), ROUTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String url = "http://127.0.0.1:9";
    String shared = System.getenv("OPSROOM_IT_GRAPHITE_URL");
    if (shared != null && !shared.isBlank()) {
      graphite = PrivateGraphite.create();
      graphite.start();
      url = graphite.url();
    }
    return Map.of(
        "opsroom.graphite.url",
        url,
        "opsroom.graphite.timeout",
        "5s",
        "opsroom.alerts.dir",
        alerts.toString());
  }

  @Override
  public void stop() {
    if (graphite != null) {
      graphite.destroy();
      graphite = null;
    }
  }
}

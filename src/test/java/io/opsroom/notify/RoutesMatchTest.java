package io.opsroom.notify;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsroom.notify.AlertNotice.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which routes an alert takes under a routing read from a file: Routes.match on real input. */
class RoutesMatchTest {

  private final Routes full = RoutesFixtures.parse("valid-full.yaml").routes();

  @Test
  void theFirstMatchWinsUnlessItSaysContinue() {
    Map<String, String> database =
        labels("pg-replication", "team", "db", "app", "pg", "env", "production");

    assertEquals(
        List.of("database", "db-mail"),
        names(full.match(database, Level.CRITICAL)),
        "database continues; db-mail matches too and stops");
    assertEquals(
        List.of("db-mail"),
        names(full.match(database, Level.WARNING)),
        "database takes critical and unknown only");
    assertEquals(
        List.of("database"),
        names(full.match(database, Level.UNKNOWN)),
        "a route matched, so the default route is not taken");
  }

  @Test
  void everyMatcherMustHold() {
    assertEquals(
        List.of("db-mail"),
        names(
            full.match(
                labels("x", "team", "db", "app", "pg", "env", "prod", "severity", "low"),
                Level.CRITICAL)),
        "severity!=low");
    assertEquals(
        List.of("db-mail"),
        names(full.match(labels("x", "team", "db", "app", "pgsql", "env", "prod"), Level.CRITICAL)),
        "a regex matches the whole value");
    assertEquals(
        List.of("database", "db-mail"),
        names(
            full.match(
                labels("x", "team", "db", "app", "mysql", "env", "prod-eu"), Level.CRITICAL)));
    assertEquals(
        List.of("db-mail"),
        names(full.match(labels("x", "team", "db", "app", "mysql", "env", "test"), Level.CRITICAL)),
        "env=~prod.*");
  }

  @Test
  void aContinuingRouteLetsTheAlertIdMatchFurtherDown() {
    assertEquals(
        List.of("web", "route-4"),
        names(full.match(labels("web-5xx-percent", "team", "web"), Level.WARNING)));
    assertEquals(
        List.of("route-4"), names(full.match(labels("hook-test"), Level.WARNING)), "by alert id");
  }

  @Test
  void theDefaultRouteTakesWhatNoRouteTookAtItsLevels() {
    Map<String, String> other = labels("backup-age", "team", "data");

    assertEquals(List.of("default"), names(full.match(other, Level.CRITICAL)));
    assertEquals(
        List.of(), names(full.match(other, Level.WARNING)), "the default route says critical");
    assertEquals(
        List.of("mailto:alerts@example.org"),
        RoutesFixtures.parse("valid-minimal.yaml")
            .routes()
            .match(labels("web-5xx", "team", "web"), Level.WARNING)
            .get(0)
            .channels(),
        "without default:, OPSROOM_ALERT_EMAIL");
  }

  @Test
  void aRouteWithoutMatchersTakesEverythingAndStopsTheRest() {
    Routes routes =
        new RoutesFileParser(RoutesFixtures.ALERT_EMAIL, RoutesFixtures.SECRETS)
            .parse(
                "routes.yaml",
                ("channels: {a: {email: a@example.org}, b: {email: b@example.org}}\n"
                        + "routes:\n"
                        + "  - channels: [a]\n"
                        + "  - channels: [b]\n")
                    .getBytes(UTF_8))
            .routes();

    assertEquals(List.of("route-1"), names(routes.match(labels("anything"), Level.WARNING)));
    assertEquals(
        List.of(),
        names(routes.match(labels("anything"), Level.UNKNOWN)),
        "unknown is not among the default levels");
  }

  private static Map<String, String> labels(String alertId, String... pairs) {
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      labels.put(pairs[i], pairs[i + 1]);
    }
    labels.put("alert", alertId);
    return labels;
  }

  private static List<String> names(List<Route> routes) {
    return routes.stream().map(Route::name).toList();
  }
}

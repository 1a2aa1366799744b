package io.opsroom.alerting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.graphite.GraphiteClient;
import io.opsroom.testing.GraphiteStack;
import io.opsroom.testing.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real cycle against a real graphite-web + carbon that the test feeds, stops and restarts. */
@QuarkusTest
@TestProfile(AlertCycleTest.RealGraphite.class)
class AlertCycleTest {

  /** Its own Graphite and alerts folder. */
  public static class RealGraphite implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(EngineGraphiteResource.class));
    }
  }

  @Inject AlertEvaluator evaluator;
  @Inject AlertRegistry registry;
  @Inject GraphiteClient graphite;
  @Inject MutableClock clock;

  @BeforeEach
  void needsGraphite() {
    GraphiteStack.url();
  }

  /** One cycle, a minute after the previous one, so that every alert is due. */
  AlertEvaluator.CycleReport cycle() {
    clock.advance(Duration.ofSeconds(60));
    return evaluator.evaluate();
  }

  /**
   * Runs cycles until the alert reaches {@code level}: right after a point is written, Graphite may
   * still answer the point before it for a moment. Stale cycles change nothing.
   */
  void cycleUntil(Level level) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> cycle() != null && level("cycle-load") == level);
  }

  static Level level(String id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> AlertState.<AlertState>findByIdOptional(id).map(s -> s.level).orElse(null));
  }

  void feed(double value) {
    EngineGraphiteResource.feed(graphite, value);
  }

  @Test
  void aThresholdFiresAfterForChecksRecoversGoesUnknownAndErrorsWhileGraphiteIsDown() {
    // Start from OK, whatever the other tests left behind.
    feed(1);
    cycleUntil(Level.OK);
    long start =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    AlertTransition.count() == 0
                        ? 0L
                        : AlertTransition.<AlertTransition>find("order by id desc")
                            .firstResult()
                            .id);
    feed(50);
    cycleUntil(Level.PENDING);
    cycle();
    assertEquals(Level.CRITICAL, level("cycle-load"));
    assertEquals(Level.CRITICAL, level("cycle-healthy"), "the composite follows in the same cycle");

    // Someone acknowledges it; the mark shows everywhere and ends when the alert recovers.
    var editor =
        io.opsroom.testing.WebSession.login(
            io.opsroom.testing.Api.newUser("editor"), io.opsroom.testing.Api.PASSWORD);
    editor.postForm("/alerts/cycle-load/acknowledge", java.util.Map.of()).then().statusCode(303);
    io.restassured.RestAssured.given()
        .get("/api/alerts/cycle-load")
        .then()
        .body("acknowledged", org.hamcrest.Matchers.equalTo(true));
    editor
        .get("/")
        .then()
        .body(org.hamcrest.Matchers.containsString("level-critical acknowledged"));
    editor.postForm("/alerts/cycle-healthy/acknowledge", java.util.Map.of()).then().statusCode(303);
    io.opsroom.testing.WebSession.login(
            io.opsroom.testing.Api.newUser("viewer"), io.opsroom.testing.Api.PASSWORD)
        .postForm("/alerts/cycle-load/unacknowledge", java.util.Map.of())
        .then()
        .statusCode(403);

    feed(7);
    cycleUntil(Level.WARNING);
    feed(1);
    cycleUntil(Level.OK);

    // No more points: once the window holds none, the alert has no data.
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(3))
        .until(() -> cycle() != null && level("cycle-load") == Level.UNKNOWN);

    io.restassured.RestAssured.given()
        .queryParam("query", "test.")
        .get("/api/metrics")
        .then()
        .statusCode(200)
        .body("$", org.hamcrest.Matchers.hasItem("test.cycle."));
    io.restassured.RestAssured.given()
        .queryParam("query", "test. x")
        .get("/api/metrics")
        .then()
        .statusCode(400);

    EngineGraphiteResource.graphite.stop();
    try {
      io.restassured.RestAssured.given()
          .queryParam("query", "test.")
          .get("/api/metrics")
          .then()
          .statusCode(503);
      AlertEvaluator.CycleReport down = cycle();
      assertEquals(Level.ERROR, level("cycle-load"));
      assertEquals(Level.ERROR, level("many-7"));
      assertTrue(down.graphiteProblem().isPresent(), "one Graphite problem for the whole cycle");
    } finally {
      EngineGraphiteResource.graphite.start();
    }
    feed(1);
    cycleUntil(Level.OK);
    assertEquals(Level.OK, level("cycle-healthy"));
    io.restassured.RestAssured.given()
        .get("/api/alerts/cycle-healthy")
        .then()
        .body("acknowledged", org.hamcrest.Matchers.equalTo(false));

    List<String> history =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    AlertTransition.<AlertTransition>list(
                            "alertId = ?1 and id > ?2 order by id", "cycle-load", start)
                        .stream()
                        .map(t -> t.from + ">" + t.to)
                        .toList());
    assertEquals(
        List.of(
            "OK>PENDING",
            "PENDING>CRITICAL",
            "CRITICAL>WARNING",
            "WARNING>OK",
            "OK>UNKNOWN",
            "UNKNOWN>ERROR",
            "ERROR>OK"),
        history);
  }

  @Test
  void fiveHundredAlertsTakeOneRenderRequestPerFiftyTargets() {
    AlertEvaluator.CycleReport report = cycle();
    assertEquals(501, report.checked());
    // 501 targets in requests of 50.
    assertTrue(report.graphiteRequests() <= 11, report.graphiteRequests() + " requests");
    assertEquals(Level.UNKNOWN, level("many-499"), "no such metric: no data");
    String metrics =
        io.restassured.RestAssured.given().get("/q/metrics").then().extract().asString();
    assertTrue(metrics.contains("opsroom_alert_cycle_seconds_count"), "the cycle is timed");
    assertTrue(
        metrics
            .lines()
            .anyMatch(l -> l.startsWith("opsroom_alerts{level=\"UNKNOWN\"") && !l.endsWith(" 0.0")),
        "alerts per level");
  }

  @Test
  void aTargetGraphiteRejectsFailsOnlyItsOwnAlert() throws Exception {
    Files.writeString(
        EngineGraphiteResource.alerts.resolve("bad.yaml"),
        "alerts:\n  - {id: bad-target, name: Bad, target: 'noSuchFunction(test.cycle.load)', critical: 1, window: 30s}\n");
    try {
      registry.reload();
      feed(1);
      cycle();
      assertEquals(Level.ERROR, level("bad-target"));
      assertEquals(Level.OK, level("cycle-load"));
      String error =
          QuarkusTransaction.requiringNew()
              .call(() -> AlertState.<AlertState>findById("bad-target").lastError);
      assertTrue(error.contains("noSuchFunction"), error);
    } finally {
      Files.delete(EngineGraphiteResource.alerts.resolve("bad.yaml"));
      registry.reload();
    }
  }

  @Test
  void aCycleThatAnotherInstanceAlreadyRecordedWritesNothing() {
    feed(1);
    cycleUntil(Level.OK);
    AlertDefinition alert = registry.definition("cycle-load").orElseThrow();
    java.time.Instant sameCycle = evaluator.lastCycle().orElseThrow().at();
    var late =
        io.opsroom.graphite.TargetResult.found(
            alert.target(),
            List.of(
                new io.opsroom.graphite.Series(
                    alert.target(),
                    java.util.Map.of(),
                    List.of(new io.opsroom.graphite.DataPoint(sameCycle.getEpochSecond(), 99.0)))));
    List<AlertChanged> changed = new java.util.ArrayList<>();
    evaluator.record(
        registry.definitions(),
        List.of(),
        List.of(alert),
        java.util.Map.of(alert, late),
        java.util.Map.of(),
        sameCycle,
        changed,
        new java.util.ArrayList<>(),
        java.util.Optional.empty());
    assertTrue(changed.isEmpty(), "the second write of the same cycle is skipped");
    assertEquals(Level.OK, level("cycle-load"));
  }
}

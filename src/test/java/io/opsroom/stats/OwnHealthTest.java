package io.opsroom.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opsroom.alerting.AlertEvaluator;
import io.opsroom.graphite.GraphiteClient;
import io.opsroom.graphite.GraphiteException;
import io.opsroom.notify.EmailMessage;
import io.opsroom.notify.NotificationOutbox;
import io.opsroom.notify.OutboxDrainJob;
import io.opsroom.testing.Api;
import io.opsroom.testing.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Opsroom's own meters move when their cause happens (a Graphite request, an event posted, a
 * notification drained, a cycle run), the sampler builds its history as the clock moves, and {@code
 * /stats}, {@code /api/stats} and {@code /q/metrics} show them.
 */
@QuarkusTest
@TestProfile(OwnHealthResource.Profile.class)
class OwnHealthTest {

  @Inject MeterRegistry meters;
  @Inject GraphiteClient graphite;
  @Inject AlertEvaluator evaluator;
  @Inject NotificationOutbox outbox;
  @Inject OutboxDrainJob drain;
  @Inject OwnMetrics own;
  @Inject MutableClock clock;
  @Inject EntityManager entityManager;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  double counter(String name, String... tags) {
    Counter counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  long timed(String name, String... tags) {
    Timer timer = meters.find(name).tags(tags).timer();
    return timer == null ? 0 : timer.count();
  }

  double gauge(String name) {
    return meters.find(name).gauge().value();
  }

  @Test
  void eachGraphiteRequestIsCountedAndTimedByOutcome() {
    int renders = OwnHealthResource.requests("/render");
    double ok = counter("opsroom.graphite.requests", "outcome", "ok");
    long okTimed = timed("opsroom.graphite.latency", "outcome", "ok");

    graphite.render(List.of("test.own.a", "test.own.b"), "-5min", null);

    int sent = OwnHealthResource.requests("/render") - renders;
    assertEquals(1, sent, "two targets, one request");
    assertEquals(ok + sent, counter("opsroom.graphite.requests", "outcome", "ok"));
    assertEquals(okTimed + sent, timed("opsroom.graphite.latency", "outcome", "ok"));

    double failed = counter("opsroom.graphite.requests", "outcome", "server_error");
    long failedTimed = timed("opsroom.graphite.latency", "outcome", "server_error");
    assertThrows(GraphiteException.class, () -> graphite.findMetrics("test.own"));
    assertEquals(failed + 1, counter("opsroom.graphite.requests", "outcome", "server_error"));
    assertEquals(failedTimed + 1, timed("opsroom.graphite.latency", "outcome", "server_error"));
  }

  @Test
  void anEventPostedThroughTheApiIsCountedByItsSourceAndARefusedOneIsNot() {
    double api = counter("opsroom.events.ingested", "source", "api");

    Api.asAdmin()
        .body(Map.of("title", Api.unique("own health event"), "tags", List.of("own")))
        .post("/api/events")
        .then()
        .statusCode(201);
    Api.asAdmin().body(Map.of("title", "")).post("/api/events").then().statusCode(400);

    assertEquals(api + 1, counter("opsroom.events.ingested", "source", "api"));
  }

  @Test
  void aDrainedNotificationIsCountedPerChannelAndAWaitingOneAges() {
    double sent = counter("opsroom.notifications.attempts", "channel", "email", "outcome", "sent");
    String key = Api.unique("own-health-sent");
    QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(key, message("Sent at once")));

    assertTrue(drain.drain() >= 1);

    assertEquals(
        sent + 1, counter("opsroom.notifications.attempts", "channel", "email", "outcome", "sent"));

    // A notification queued an hour ago and not due before tomorrow: pending, and old.
    String waiting = Api.unique("own-health-waiting");
    clock.set(Instant.now().minus(Duration.ofHours(1)));
    QuarkusTransaction.requiringNew().call(() -> outbox.enqueue(waiting, message("Waiting")));
    clock.reset();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  entityManager
                      .createNativeQuery(
                          "update notification set next_attempt_at = now() + interval '1 day'"
                              + " where dedupe_key = ?1")
                      .setParameter(1, waiting)
                      .executeUpdate());
      drain.drain();
      double age = gauge("opsroom.notifications.oldest.pending");
      assertTrue(age >= 3600 && age < 7200 * 24, "oldest pending age " + age);
      clock.advance(Duration.ofMinutes(10));
      assertTrue(
          gauge("opsroom.notifications.oldest.pending") >= age + 599,
          "the age grows with the clock between drains");
    } finally {
      clock.reset();
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  entityManager
                      .createNativeQuery("delete from notification where dedupe_key = ?1")
                      .setParameter(1, waiting)
                      .executeUpdate());
      drain.drain();
    }
  }

  @Test
  void aCycleRecordsItsDurationItsLagAndItsAge() {
    long cycles = timed("opsroom_alert_cycle");
    evaluator.evaluate();
    assertEquals(cycles + 1, timed("opsroom_alert_cycle"));
    assertTrue(gauge("opsroom.alerts.cycle.age") < 5, "just completed");

    // The scheduler held up: the next cycle starts 200 s after the last, 140 s late.
    clock.advance(Duration.ofSeconds(200));
    assertTrue(gauge("opsroom.alerts.cycle.age") >= 200, "the age grows while no cycle runs");
    evaluator.evaluate();
    double lag = gauge("opsroom.alerts.cycle.lag");
    assertTrue(lag >= 139 && lag < 150, "lag " + lag);
    assertTrue(gauge("opsroom.alerts.cycle.age") < 5);

    // On time again.
    clock.advance(Duration.ofSeconds(60));
    evaluator.evaluate();
    assertTrue(gauge("opsroom.alerts.cycle.lag") < 1, "on time, give or take the test's own time");
    assertEquals(cycles + 3, timed("opsroom_alert_cycle"));
  }

  @Test
  void theSamplerBuildsTwentyFourHoursOfHistoryAsTheClockAdvances() {
    own.history().clear();
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(30));
    clock.set(start);
    own.sample();
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(10));
      own.sample();
    }
    assertEquals(6, own.history().size());

    // Five events in the next ten minutes: 5 in the interval, half an event per minute.
    clock.advance(Duration.ofMinutes(5));
    for (int i = 0; i < 5; i++) {
      Api.asAdmin()
          .body(Map.of("title", Api.unique("sampled event")))
          .post("/api/events")
          .then()
          .statusCode(201);
    }
    clock.advance(Duration.ofMinutes(5));
    OwnSample sample = own.sample();
    assertEquals(600, sample.seconds());
    assertEquals(5.0, sample.value("events.ingested"));
    assertEquals(0.5, sample.perMinute("events.ingested"));
    assertEquals(5.0, sample.value("events.by_source.api"));

    // Another day in hourly steps: what is older than 24 hours is dropped.
    for (int i = 0; i < 25; i++) {
      clock.advance(Duration.ofHours(1));
      own.sample();
    }
    List<OwnSample> samples = own.history().samples();
    Instant newest = samples.get(samples.size() - 1).at();
    assertTrue(
        !samples.get(0).at().isBefore(newest.minus(OwnHistory.SPAN)), "oldest " + samples.get(0));
    assertEquals(25, samples.size(), "24 hours of hourly samples and the newest");
  }

  @Test
  void theStatsPageSaysWhenThereIsNoHistoryAndDrawsChartsWhenThereIs() {
    own.history().clear();
    given()
        .accept("text/html")
        .get("/stats")
        .then()
        .statusCode(200)
        .body(containsString("Opsroom's own health"))
        .body(containsString("No history yet"))
        .body(not(containsString("<svg")))
        .body(containsString("id=\"own-values\""))
        .body(containsString("opsroom_alerts_cycle_lag_seconds"))
        .body(containsString("Alert files and routes"))
        .body(containsString("Panels file: in use"))
        .body(containsString("Carbon reporting: On: to " + OwnHealthResource.CARBON))
        .body(containsString("href=\"/stats\">Stats</a>"));

    clock.set(Instant.now().minus(Duration.ofHours(2)));
    for (int i = 0; i < 4; i++) {
      own.sample();
      evaluator.evaluate();
      clock.advance(Duration.ofMinutes(15));
    }
    clock.reset();
    String page =
        given().accept("text/html").get("/stats").then().statusCode(200).extract().asString();
    for (String chart :
        List.of(
            "alerts",
            "cycle",
            "graphite-requests",
            "graphite-latency",
            "outbox-depth",
            "outbox-age",
            "notifications",
            "events")) {
      assertTrue(page.contains("id=\"chart-" + chart + "\""), chart);
    }
    assertEquals(8, page.split("<svg", -1).length - 1, "eight charts");
    assertTrue(page.contains("4 samples every 60 s since"), "the history note");
  }

  @Test
  void apiStatsAnswersTheCurrentValuesAsJson() {
    Api.asAdmin()
        .body(Map.of("title", Api.unique("counted for the API")))
        .post("/api/events")
        .then()
        .statusCode(201);
    given()
        .accept("application/json")
        .get("/api/stats")
        .then()
        .statusCode(200)
        .body("alerts.CRITICAL", greaterThanOrEqualTo(0))
        .body("alerts.OK", greaterThanOrEqualTo(0))
        .body("graphite.configured", equalTo(true))
        .body("graphite.host", equalTo("127.0.0.1:" + OwnHealthResource.graphite.port()))
        .body("events.ingested", greaterThanOrEqualTo(1))
        .body("events.bySource.api", greaterThanOrEqualTo(1))
        .body("outbox.pending", greaterThanOrEqualTo(0))
        .body("problems.alertFiles", equalTo(0))
        .body("carbon.enabled", equalTo(true))
        .body("carbon.prefix", equalTo(OwnHealthResource.PREFIX))
        .body("history.intervalSeconds", equalTo(60));
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/stats"))
        .body(not(containsString("  /stats:")));
  }

  @Test
  void theNewMetersAreOnQMetricsWithTheirDescriptions() {
    evaluator.evaluate();
    graphite.render(List.of("test.own.metrics"), "-5min", null);
    Api.asAdmin()
        .body(Map.of("title", Api.unique("for the metrics page")))
        .post("/api/events")
        .then()
        .statusCode(201);
    drain.drain();
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String name :
        List.of(
            "opsroom_alerts_cycle_lag_seconds",
            "opsroom_alerts_cycle_age_seconds",
            "opsroom_graphite_latency_seconds_count{outcome=\"ok\"}",
            "opsroom_notifications_oldest_pending_seconds",
            "opsroom_events_ingested_total{source=\"api\"}",
            "opsroom_stats_panels_cached")) {
      assertTrue(metrics.contains(name), name + " on /q/metrics");
    }
    assertTrue(metrics.contains("# HELP opsroom_alerts_cycle_lag_seconds How late"), "described");
  }

  @Test
  void aSampleWithoutCarbonOrWithABadOneThrowsNothing() {
    // The profile's carbon may be down locally: the result is kept, never thrown.
    OwnSample sample = own.sample();
    assertTrue(own.carbon().last().isPresent());
    assertEquals(sample.at(), own.carbon().last().get().at());
    assertNull(own.carbon().problem().orElse(null));
  }

  static EmailMessage message(String subject) {
    return new EmailMessage(
        List.of("own-health@opsroom.test"), subject, "<p>" + subject + "</p>", subject, null);
  }
}

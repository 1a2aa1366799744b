package io.opsroom.alerting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.opsroom.testing.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The noise report counts what was sent per alert and the time each spent failing. */
@QuarkusTest
class NoiseReportTest {

  @Inject NoiseReport report;
  @Inject MutableClock clock;
  @Inject EntityManager entityManager;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  void log(String alert, Instant at, String kind, String level) {
    entityManager
        .createNativeQuery(
            "insert into notify_log (alert_id, at, kind, level, route, channels)"
                + " values (?1, ?2, ?3, ?4, 'default', '{ops}')")
        .setParameter(1, alert)
        .setParameter(2, at)
        .setParameter(3, kind)
        .setParameter(4, level)
        .executeUpdate();
  }

  void transition(String alert, Instant at, String from, String to) {
    entityManager
        .createNativeQuery(
            "insert into alert_transition (alert_id, from_level, to_level, at)"
                + " values (?1, ?2, ?3, ?4)")
        .setParameter(1, alert)
        .setParameter(2, from)
        .setParameter(3, to)
        .setParameter(4, at)
        .executeUpdate();
  }

  @Test
  void theNoisiestAlertComesFirstWithItsCountsAndTimeFailing() {
    // A clock far from other tests' rows, so only this test's rows are in the period.
    Instant now = Instant.parse("2031-03-10T12:00:00Z");
    clock.set(now);
    String loud = Api.unique("loud");
    String quiet = Api.unique("quiet");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              // loud: failing 8 days ago until 6 days ago (1 day inside the 7-day period), and
              // again for the last 2 hours.
              transition(loud, now.minus(Duration.ofDays(8)), "OK", "CRITICAL");
              transition(loud, now.minus(Duration.ofDays(6)), "CRITICAL", "OK");
              transition(loud, now.minus(Duration.ofHours(2)), "OK", "WARNING");
              for (int i = 0; i < 5; i++) {
                log(
                    loud,
                    now.minus(Duration.ofHours(i + 1)),
                    i == 0 ? "firing" : "repeat",
                    "CRITICAL");
              }
              log(loud, now.minus(Duration.ofHours(1)), "firing", "WARNING");
              log(loud, now.minus(Duration.ofDays(6)), "recovered", "OK");
              log(loud, now.minus(Duration.ofDays(20)), "firing", "CRITICAL"); // outside 7 days
              log(quiet, now.minus(Duration.ofHours(3)), "firing", "UNKNOWN");
            });
    NoiseReport.Report week = report.noisiest(7, 10);
    assertEquals(List.of(loud, quiet), week.rows().stream().map(NoiseReport.Row::id).toList());
    NoiseReport.Row row = week.rows().get(0);
    assertEquals(7, row.notifications());
    assertEquals(5, row.critical());
    assertEquals(1, row.warning());
    assertEquals(1, row.recovered());
    assertEquals(Duration.ofDays(1).plusHours(2).toSeconds(), row.failingSeconds());
    assertEquals(1, week.rows().get(1).unknown());
    assertEquals(8, report.noisiest(30, 10).rows().get(0).notifications());
    assertEquals(1, report.noisiest(7, 1).rows().size());

    given()
        .get("/api/reports/noisy?days=7")
        .then()
        .statusCode(200)
        .body("rows[0].id", equalTo(loud));
    given()
        .get("/reports/noisy?days=30")
        .then()
        .statusCode(200)
        .body(containsString("Noisiest alerts"), containsString(loud));
  }

  @Test
  void periodsAndLimitsOutsideTheOfferedOnesAreRefused() {
    for (String query :
        List.of("days=8", "days=abc", "days=-7", "limit=0", "limit=101", "limit=x")) {
      given()
          .get("/api/reports/noisy?" + query)
          .then()
          .statusCode(400)
          .body(containsString(query.startsWith("days") ? "days" : "limit"));
    }
    given()
        .get("/reports/noisy?days=12")
        .then()
        .statusCode(400)
        .body(containsString("7, 30 or 90"));
    assertTrue(NoiseReport.PERIODS.contains(90));
  }
}

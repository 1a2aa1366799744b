package io.opsroom.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ops report through the database and HTTP: OpsReportTest's hand-worked dataset, moved to March
 * 2001 and written as tagged events (as scripts would), gives the same figures as JSON, CSV and
 * Graphite series; bad periods are refused naming the field.
 */
@QuarkusTest
class OpsReportApiTest {

  static final String PERIOD = "from=2001-03-01T00:00:00Z&until=2001-04-01T00:00:00Z";

  @Inject EventService events;

  String prefix;

  @BeforeEach
  void seed() {
    // Only this class writes outages in 2001; earlier runs' leftovers would count twice.
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Event.getEntityManager()
                  .createNativeQuery(
                      "delete from event where at >= '2001-01-01' and at < '2002-01-01'"
                          + " and attrs @> cast('{\"outage\": []}' as jsonb)")
                  .executeUpdate();
              Event.getEntityManager()
                  .createNativeQuery("delete from outage where key like 'rpt-%'")
                  .executeUpdate();
            });
    prefix = Api.unique("rpt");
    for (OutageTimeline o : OpsReportTest.march()) {
      for (OutageTimeline.Step s : o.steps()) {
        OutageTimeline.Entry e = s.entry();
        List<String> tags = new ArrayList<>();
        for (String tag : e.tags()) {
          tags.add(tag.startsWith("outage=") ? "outage=" + key(o.key()) : tag);
        }
        events.create(
            new EventInput(
                Instant.parse(e.at().toString().replace("2026-", "2001-")),
                null,
                "Outage " + key(o.key()) + ": " + e.title(),
                null,
                tags),
            "script",
            EventSource.API);
      }
    }
  }

  String key(String name) {
    return prefix + "-" + name;
  }

  @Test
  void theHandWorkedFiguresAsJson() {
    JsonPath json =
        given()
            .get("/api/reports/ops?" + PERIOD)
            .then()
            .statusCode(200)
            .body("from", equalTo("2001-03-01T00:00:00Z"))
            .body("until", equalTo("2001-04-01T00:00:00Z"))
            .body("summary.count", equalTo(8))
            .body("summary.openCount", equalTo(1))
            .body("summary.meanTtdSeconds", equalTo(850))
            .body("summary.meanTtrSeconds", equalTo(6000))
            // 1,648,800 / 7 = 235,542.857… rounded to whole seconds.
            .body("summary.meanTtfSeconds", equalTo(235543))
            .body("summary.medianTtdSeconds", equalTo(750))
            .body("summary.medianTtrSeconds", equalTo(7200))
            .body("summary.mtbfSeconds", equalTo(329550))
            .body("summary.downtimeSeconds", equalTo(42000))
            .body("summary.weightedDowntimeSeconds", equalTo(31920))
            .body("summary.periodSeconds", equalTo(2678400))
            // Four decimals: 98.431899… and 98.808243….
            .body("summary.uptimePercent", equalTo(98.4319f))
            .body("summary.weightedUptimePercent", equalTo(98.8082f))
            .body("open.size()", equalTo(1))
            .body("open[0].key", equalTo(key("o8")))
            .body("open[0].open", equalTo(true))
            .body("open[0].ttrSeconds", nullValue())
            .body("problems.size()", equalTo(1))
            .body("problems[0].key", equalTo(key("nostart")))
            .extract()
            .jsonPath();
    assertEquals(
        List.of("o1", "o2", "o3", "o4", "o5", "o6", "o8", "o7").stream().map(this::key).toList(),
        json.getList("outages.key"));
    assertEquals(
        Arrays.asList(600, 300, 1200, 300, null, 1800, 600, 900),
        json.getList("outages.ttdSeconds"));
    assertEquals(
        Arrays.asList(3600, 7200, 7200, 7200, 2400, 7200, null, 7200),
        json.getList("outages.ttrSeconds"));
    assertEquals(
        List.of(122400, 252000, 446400, 3600, 406800, 410400, 1026000, 7200),
        json.getList("outages.ttfSeconds"));
    assertEquals(List.of(100, 80, 60, 40, 100, 150, 30, 100), json.getList("outages.impact"));
    assertEquals("2001-03-05T08:00:00Z", json.getString("outages[1].start"));
    assertEquals("2001-03-05T08:05:00Z", json.getString("outages[1].detected"));
    assertEquals("2001-03-05T10:00:00Z", json.getString("outages[1].resolved"));
    assertEquals(3600, json.getInt("outages[1].weightedDowntimeSeconds"));
  }

  @Test
  void csvHasOneRowPerOutage() {
    String csv =
        given()
            .get("/api/reports/ops.csv?" + PERIOD)
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .header("Content-Disposition", containsString("ops-report-2001-03-01-2001-04-01.csv"))
            .extract()
            .asString();
    List<String> lines = csv.lines().toList();
    assertEquals(9, lines.size(), csv);
    assertTrue(lines.get(0).startsWith("key,title,start,detected,resolved,open,impact"));
    assertEquals(
        key("o2")
            + ",Outage "
            + key("o2")
            + ": start impact=50,2001-03-05T08:00:00Z,2001-03-05T08:05:00Z,2001-03-05T10:00:00Z,"
            + "false,80,50,300,7200,252000,3600,",
        lines.get(2));
    assertTrue(lines.get(5).contains(",2400,406800,2400,"), lines.get(5));
    assertEquals(
        csv,
        given()
            .get("/api/reports/ops?format=csv&" + PERIOD)
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  @Test
  void graphiteSeriesForGrafana() {
    long o1 = Instant.parse("2001-03-02T10:00:00Z").getEpochSecond();
    long o5 = Instant.parse("2001-03-15T06:00:00Z").getEpochSecond();
    JsonPath json =
        given()
            .get("/api/reports/ops/graphite?" + PERIOD)
            .then()
            .statusCode(200)
            .body("size()", equalTo(3))
            .body("target", equalTo(List.of("ttd", "ttr", "ttf")))
            .body("[0].datapoints.size()", equalTo(8))
            .extract()
            .jsonPath();
    assertEquals(List.of(600, (int) o1), json.getList("[0].datapoints[0]"));
    assertEquals(Arrays.asList(null, (int) o5), json.getList("[0].datapoints[4]"));
    assertEquals(List.of(2400, (int) o5), json.getList("[1].datapoints[4]"));
    assertEquals(List.of(122400, (int) o1), json.getList("[2].datapoints[0]"));
    given()
        .get("/api/reports/ops?format=graphite&" + PERIOD)
        .then()
        .statusCode(200)
        .body("[1].target", equalTo("ttr"));
  }

  @Test
  void datesAndEpochSecondsNameTheSamePeriod() {
    given()
        .get("/api/reports/ops?from=2001-03-01&until=2001-04-01")
        .then()
        .statusCode(200)
        .body("summary.count", equalTo(8));
    given()
        .get(
            "/api/reports/ops?from="
                + Instant.parse("2001-03-01T00:00:00Z").getEpochSecond()
                + "&until="
                + Instant.parse("2001-04-01T00:00:00Z").toEpochMilli())
        .then()
        .statusCode(200)
        .body("summary.downtimeSeconds", equalTo(42000));
    // A period without outages: all up, nothing to average.
    given()
        .get("/api/reports/ops?from=2001-06-01&until=2001-07-01")
        .then()
        .statusCode(200)
        .body("summary.count", equalTo(0))
        .body("summary.meanTtrSeconds", nullValue())
        .body("summary.mtbfSeconds", nullValue())
        .body("summary.uptimePercent", equalTo(100.0f));
    // The default is the last 30 days.
    given()
        .get("/api/reports/ops")
        .then()
        .statusCode(200)
        .body("summary.periodSeconds", equalTo(2592000));
  }

  @Test
  void badPeriodsAreRefusedNamingTheField() {
    given()
        .get("/api/reports/ops?from=2001-04-01&until=2001-03-01")
        .then()
        .statusCode(400)
        .body("fields", hasKey("until"));
    given()
        .get("/api/reports/ops?from=2001-03-01&until=2001-03-01")
        .then()
        .statusCode(400)
        .body("fields", hasKey("until"));
    given()
        .get("/api/reports/ops?from=last-tuesday")
        .then()
        .statusCode(400)
        .body("fields.from", containsString("last-tuesday"));
    given()
        .get("/api/reports/ops.csv?until=soon")
        .then()
        .statusCode(400)
        .body("fields", hasKey("until"));
    given()
        .get("/api/reports/ops?format=xml")
        .then()
        .statusCode(400)
        .body("fields", hasKey("format"));
    // The noise report next door still answers.
    given().get("/api/reports/noisy").then().statusCode(200);
  }
}

package io.opsroom.stats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.alerting.Level;
import io.opsroom.testing.MutableClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An application's embed page, panel images and stats JSON against a Graphite double: headers
 * (framing, CORS, caching), one Graphite request however many viewers, valid SVG, the JSON's shape
 * and values, bad input, and Graphite going down after a good load.
 */
@QuarkusTest
@TestProfile(EmbedGraphiteResource.Profile.class)
class EmbedTest {

  static final String APP = EmbedGraphiteResource.APP;
  static final String PAGE = "/embed/applications/" + APP;
  static final String SVG = PAGE + "/requests.svg";
  static final String JSON = "/api/applications/" + APP + "/stats";

  @Inject PanelViews panelViews;
  @Inject SessionFactory sessionFactory;
  @Inject Panels panels;
  @Inject MutableClock clock;

  @TestHTTPResource("/")
  URL root;

  String otherSite;

  @BeforeEach
  void shop() {
    EmbedFixtures.shop(panels);
    EmbedGraphiteResource.down(false);
    panelViews.clear();
    otherSite = "http://127.0.0.1:" + EmbedGraphiteResource.otherSitePort();
  }

  @AfterEach
  void restore() {
    EmbedGraphiteResource.down(false);
    clock.reset();
    panelViews.clear();
  }

  @Test
  void theEmbedMayBeFramedByTheConfiguredSitesAndOtherPagesOnlyBySameOrigin() {
    Response page = given().get(PAGE);
    page.then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("X-Frame-Options", nullValue())
        .body(containsString("Web shop"))
        .body(containsString("<meta http-equiv=\"refresh\" content=\"60\">"));
    String policy = page.header("Content-Security-Policy");
    assertTrue(policy.contains("frame-ancestors " + otherSite + " 'self'"), policy);
    assertTrue(policy.startsWith("default-src 'none'; style-src 'unsafe-inline'"), policy);
    String svgPolicy = given().get(SVG).header("Content-Security-Policy");
    assertTrue(svgPolicy.endsWith("frame-ancestors " + otherSite + " 'self'"), svgPolicy);
    given().get(SVG).then().header("X-Frame-Options", nullValue());

    // Everything else keeps refusing other sites' frames.
    given()
        .get("/applications/" + APP)
        .then()
        .statusCode(200)
        .header("X-Frame-Options", "SAMEORIGIN");
    given().get("/").then().header("X-Frame-Options", "SAMEORIGIN");
    given().get(JSON).then().statusCode(200).header("X-Frame-Options", "SAMEORIGIN");
    given()
        .get("/applications/" + APP + "/embed-snippet")
        .then()
        .header("X-Frame-Options", "SAMEORIGIN");
  }

  @Test
  void theJsonAndImagesAnswerCorsForTheConfiguredOriginsOnly() {
    for (String path : List.of(JSON, SVG)) {
      given()
          .header("Origin", otherSite)
          .get(path)
          .then()
          .statusCode(200)
          .header("Access-Control-Allow-Origin", otherSite)
          .header("Vary", containsString("Origin"));
      given()
          .header("Origin", "https://evil.example")
          .get(path)
          .then()
          .statusCode(200)
          .header("Access-Control-Allow-Origin", nullValue())
          .header("Vary", containsString("Origin"));
      given()
          .header("Origin", otherSite)
          .header("Access-Control-Request-Method", "GET")
          .header("Access-Control-Request-Headers", "if-none-match")
          .options(path)
          .then()
          .statusCode(204)
          .header("Access-Control-Allow-Origin", otherSite)
          .header("Access-Control-Allow-Methods", containsString("GET"))
          .header("Access-Control-Allow-Headers", containsString("If-None-Match"));
      given()
          .header("Origin", "https://evil.example")
          .header("Access-Control-Request-Method", "GET")
          .options(path)
          .then()
          .header("Access-Control-Allow-Origin", nullValue())
          .header("Access-Control-Allow-Methods", nullValue());
    }
  }

  @Test
  void answersAreCachedForTheTtlAndRevalidatedWithTheirEtag() {
    for (String path : List.of(PAGE, SVG, JSON)) {
      Response first = given().get(path);
      first.then().statusCode(200).header("Cache-Control", "max-age=60");
      String etag = first.header("ETag");
      assertTrue(etag != null && etag.startsWith("\"") && etag.endsWith("\""), path + ": " + etag);
      given()
          .header("If-None-Match", etag)
          .get(path)
          .then()
          .statusCode(304)
          .header("ETag", etag)
          .body(emptyString());
      given().header("If-None-Match", "\"other\"").get(path).then().statusCode(200);
    }
    // What the page shows changes its validator: an alert turning critical.
    String before = given().get(PAGE).header("ETag");
    EmbedFixtures.level("emb-shop-errors", Level.CRITICAL, clock.instant(), 7.5);
    String after = given().get(PAGE).header("ETag");
    EmbedFixtures.level("emb-shop-errors", Level.OK, clock.instant(), 0.1);
    assertTrue(!before.equals(after), "the ETag did not change with the alert");
  }

  @Test
  void fiftyViewersAtOnceCostOneGraphiteRequestAndAThousandMoreCostNone() throws Exception {
    // Pinned, so that the thousand requests below all fall inside the time-to-live.
    clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    panelViews.clear();
    EmbedGraphiteResource.resetCount();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI page = URI.create(url(PAGE));
    int viewers = 50;
    ExecutorService pool = Executors.newFixedThreadPool(viewers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < viewers; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return http.send(
                      HttpRequest.newBuilder(page).GET().build(),
                      HttpResponse.BodyHandlers.ofString());
                }));
      }
      start.countDown();
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get();
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("requests/min"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, EmbedGraphiteResource.renderRequests(), "Graphite requests for 50 viewers");

    URI image = URI.create(url(SVG));
    for (int i = 0; i < 1_000; i++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(image).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
    }
    assertEquals(1, EmbedGraphiteResource.renderRequests(), "Graphite requests after 1,000 more");

    // The application and its alert states are read once per time-to-live too: the database is
    // not asked again by later viewers.
    var statistics = sessionFactory.getStatistics();
    statistics.clear();
    for (int i = 0; i < 200; i++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(page).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode());
    }
    assertEquals(0, statistics.getPrepareStatementCount(), "SQL statements for 200 more viewers");
  }

  @Test
  void aPanelImageIsAStandaloneSvgDocumentWithItsSeries() throws Exception {
    Response response = given().get(SVG);
    response.then().statusCode(200).contentType(startsWith("image/svg+xml"));
    String body = response.asString();
    assertTrue(
        body.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), body.substring(0, 60));
    Document svg = parse(body);
    Element root = svg.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
    assertEquals("480", root.getAttribute("width"));
    assertTrue(
        root.getAttribute("aria-label").contains("requests/min"),
        "the series name is in the image: " + root.getAttribute("aria-label"));
    assertTrue(root.getTextContent().contains("Requests per minute"), "so is the title");
    NodeList paths = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path");
    boolean line = false;
    for (int i = 0; i < paths.getLength(); i++) {
      String d = ((Element) paths.item(i)).getAttribute("d");
      line |= d.split("L").length > 100;
    }
    assertTrue(line, "a path with the day's points is drawn");

    // A panel without a metric is an image that says so.
    String smoke = given().get(PAGE + "/smoke.svg").then().statusCode(200).extract().asString();
    assertTrue(parse(smoke).getDocumentElement().getTextContent().contains("No metric"), smoke);
    // An unknown panel is a 404 image; an unknown application a 404 page.
    String unknown =
        given()
            .get(PAGE + "/nosuch.svg")
            .then()
            .statusCode(404)
            .contentType(startsWith("image/svg+xml"))
            .extract()
            .asString();
    assertTrue(parse(unknown).getDocumentElement().getTextContent().contains("nosuch"));
    given().get("/embed/applications/no-such-app/requests.svg").then().statusCode(404);
  }

  @Test
  void theJsonHasTheLatestValuesSeriesAndAlerts() {
    Instant since = clock.instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    EmbedFixtures.level("emb-shop-errors", Level.CRITICAL, since, 7.5);
    EmbedFixtures.level("emb-shop-latency", Level.OK, since, 120.0);
    try {
      var json = given().get(JSON + "?range=24h").then().statusCode(200).extract().jsonPath();
      assertEquals(APP, json.getString("application"));
      assertEquals("Web shop", json.getString("title"));
      assertEquals("24h", json.getString("range"));
      assertTrue(
          json.getString("generatedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
      assertEquals(false, json.getBoolean("stale"));
      assertEquals(
          List.of("requests", "response-time", "errors", "not-found", "smoke"),
          json.getList("panels.id"));
      assertEquals("DATA", json.getString("panels[0].state"));
      assertEquals("area", json.getString("panels[0].kind"));
      assertEquals("requests/min", json.getString("panels[0].latest[0].series"));
      assertEquals(1200.0, json.getDouble("panels[0].latest[0].value"));
      assertTrue(json.getString("panels[0].target").contains("apps.embshop.*.status.all"));
      assertEquals("requests/min", json.getString("panels[0].series[0].name"));
      List<List<Number>> points = json.getList("panels[0].series[0].points");
      assertEquals(288, points.size());
      List<Number> last = points.get(points.size() - 1);
      assertEquals(1200.0, last.get(1).doubleValue());
      assertTrue(last.get(0).longValue() > 1_600_000_000L);
      assertEquals(List.of("mean", "p95"), json.getList("panels[1].latest.series"));
      assertEquals(480.0, json.getDouble("panels[1].latest[1].value"));
      assertEquals("ms", json.getString("panels[1].unit"));
      assertEquals("NO_METRIC", json.getString("panels[4].state"));
      assertTrue(json.getString("panels[4].note").startsWith("No metric"));
      assertEquals(List.of(), json.getList("panels[4].series"));

      assertEquals(List.of("emb-shop-errors", "emb-shop-latency"), json.getList("alerts.id"));
      assertEquals("CRITICAL", json.getString("alerts[0].level"));
      assertEquals(since.toString(), json.getString("alerts[0].since"));
      assertEquals(7.5, json.getDouble("alerts[0].value"));

      // The embed page shows the same: the critical alert by name, the OK one counted.
      given()
          .get(PAGE)
          .then()
          .body(containsString("<span class=\"dot critical\"></span>Shop 5xx"))
          .body(containsString("1 OK"))
          .body(not(containsString("Someone else")))
          .body(
              containsString(
                  "Not shown, no metric in Graphite: 404s per minute, Failing smoke tests."));
    } finally {
      EmbedFixtures.level("emb-shop-errors", Level.OK, since, 0.1);
    }
    given().get(PAGE).then().body(containsString("All 2 alerts OK"));
  }

  @Test
  void unknownApplicationsAndBadRangesAreClearErrors() {
    given()
        .accept("text/html")
        .get("/embed/applications/no-such-app")
        .then()
        .statusCode(404)
        .contentType(containsString("text/html"));
    given()
        .get("/api/applications/no-such-app/stats")
        .then()
        .statusCode(404)
        .contentType(containsString("json"))
        .body("status", equalTo(404));
    given()
        .get(JSON + "?range=2h")
        .then()
        .statusCode(400)
        .body("fields.range", containsString("24h"));
    given()
        .accept("text/html")
        .get(PAGE + "?range=forever")
        .then()
        .statusCode(400)
        .contentType(containsString("text/html"));
    given().get(SVG + "?range=1m").then().statusCode(400);
    // The applications' own API is still where it was.
    given()
        .get("/api/applications/" + APP)
        .then()
        .statusCode(200)
        .body("name", equalTo(APP))
        .body("graphitePrefix", equalTo(EmbedFixtures.PREFIX));
    given().get("/api/applications/" + APP + "/notes").then().statusCode(200);
    for (String range : List.of("7d", "4w", "1y")) {
      given().get(JSON + "?range=" + range).then().statusCode(200).body("range", equalTo(range));
    }
  }

  @Test
  void theOpenApiDocumentHasTheJsonButNotThePages() {
    String openapi =
        given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    assertTrue(openapi.contains("\"/api/applications/{name}/stats\""));
    assertTrue(openapi.contains("\"ApplicationStats\""));
    assertTrue(!openapi.contains("/embed/applications"));
    assertTrue(!openapi.contains("embed-snippet"));
  }

  @Test
  void anApplicationWithoutPrefixSaysSo() {
    EmbedFixtures.application("embnoprefix", "No prefix app", null);
    given()
        .get("/embed/applications/embnoprefix")
        .then()
        .statusCode(200)
        .body(containsString("no Graphite prefix"));
    given()
        .get("/api/applications/embnoprefix/stats")
        .then()
        .statusCode(200)
        .body("panels.state", hasItem("NO_PREFIX"));
  }

  @Test
  void whenGraphiteGoesDownTheEmbedShowsTheLastValuesWithTheirAge() {
    clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    given().get(PAGE).then().statusCode(200).body(not(containsString("Metrics unavailable")));
    EmbedGraphiteResource.down(true);
    clock.advance(Duration.ofMinutes(6));
    EmbedGraphiteResource.resetCount();

    given()
        .get(PAGE)
        .then()
        .statusCode(200)
        .body(containsString("Metrics unavailable — showing values from 6 minutes ago"))
        .body(containsString("requests/min"));
    // One failed fetch: the batch and the client's probe of whether Graphite itself is broken.
    int asked = EmbedGraphiteResource.renderRequests();
    assertTrue(asked >= 1 && asked <= 2, asked + " requests");
    var json = given().get(JSON).then().statusCode(200).extract().jsonPath();
    assertEquals(true, json.getBoolean("stale"));
    assertEquals(1200.0, json.getDouble("panels[0].latest[0].value"));
    assertEquals(360, json.getInt("panels[0].ageSeconds"));
    assertTrue(json.getString("panels[0].note").contains("Metrics unavailable"));
    given().get(SVG).then().statusCode(200).body(containsString("requests/min"));
    // Asked once, then left alone for a time-to-live, however many viewers.
    assertEquals(asked, EmbedGraphiteResource.renderRequests());
  }

  @Test
  void graphiteDownBeforeAnyLoadIsStillAPage() {
    EmbedGraphiteResource.down(true);
    given()
        .get(PAGE)
        .then()
        .statusCode(200)
        .body(containsString("Metrics unavailable"))
        .body(containsString("no earlier values"));
    given().get(SVG).then().statusCode(200).body(containsString("Metrics unavailable"));
    given()
        .get(JSON)
        .then()
        .statusCode(200)
        .body("stale", equalTo(true))
        .body("panels[0].state", equalTo("UNAVAILABLE"));
  }

  @Test
  void theApplicationPageLinksTheSnippetAndTheSnippetHasTheAddresses() {
    given()
        .get("/applications/" + APP)
        .then()
        .statusCode(200)
        .body(containsString("data-load=\"/applications/" + APP + "/embed-snippet\""));
    given()
        .get("/applications/" + APP + "/embed-snippet")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "&lt;iframe src=&quot;http://opsroom.test/embed/applications/" + APP + "&quot;"))
        .body(containsString("http://opsroom.test/embed/applications/" + APP + "/requests.svg"))
        .body(containsString("http://opsroom.test/api/applications/" + APP + "/stats"))
        .body(not(containsString("token")))
        .body(not(containsString("<html")));
    given().get("/applications/no-such-app/embed-snippet").then().statusCode(404);
  }

  private String url(String path) {
    String base = root.toString();
    return base.endsWith("/") ? base + path.substring(1) : base + path;
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes("UTF-8")));
  }
}

package io.opsroom.events;

import static io.opsroom.events.EventFixtures.word;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A search as an Atom feed (parsed as XML with namespaces) and as a CSV file (parsed back). */
@QuarkusTest
class EventFeedTest {

  static final String ATOM = "http://www.w3.org/2005/Atom";

  @Inject EventService service;

  Instant base;

  @BeforeEach
  void start() {
    base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(1));
  }

  static Document parse(Response response) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.asByteArray()));
  }

  static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getElementsByTagNameNS(ATOM, name);
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getParentNode() == parent) {
        found.add((Element) nodes.item(i));
      }
    }
    return found;
  }

  static String text(Element parent, String name) {
    return children(parent, name).get(0).getTextContent();
  }

  static Element link(Element parent, String rel) {
    return children(parent, "link").stream()
        .filter(l -> rel.equals(l.getAttribute("rel")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aSubscriptionToDeployAppWebHoldsOnlyThoseNewestFirst() throws Exception {
    String u = word("feed");
    Event older =
        EventFixtures.create(
            service, base, "Deployed web 1.1", "Rolled *out*.", List.of("deploy", "app=web", u));
    EventFixtures.create(
        service, base.plusSeconds(60), "Deployed api", "", List.of("deploy", "app=api", u));
    EventFixtures.create(
        service, base.plusSeconds(120), "Config web", "", List.of("config", "app=web", u));
    Event newer =
        service.create(
            new EventInput(
                base.plusSeconds(180),
                base.plusSeconds(480),
                "Deployed web 1.2 <fast> & \"safe\" \u0007",
                "**Bold** <script>x</script>",
                List.of("deploy", "app=web", u)),
            "alice",
            EventSource.CLI);

    Response response =
        given()
            .queryParam("tags", "deploy app=web " + u)
            .get("/events/feed.atom")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/atom+xml"))
            .extract()
            .response();
    Document doc = parse(response);
    Element feed = doc.getDocumentElement();
    assertEquals(ATOM, feed.getNamespaceURI());
    assertEquals("feed", feed.getLocalName());
    String query = "tags=deploy+app%3Dweb+" + u;
    assertEquals("tag:opsroom.test,2026:events?" + query, text(feed, "id"));
    assertEquals("Opsroom events: deploy app=web " + u, text(feed, "title"));
    assertEquals(
        "http://opsroom.test/events/feed.atom?" + query, link(feed, "self").getAttribute("href"));
    assertEquals(
        "http://opsroom.test/events?" + query, link(feed, "alternate").getAttribute("href"));
    assertEquals(newer.updatedAt, Instant.parse(text(feed, "updated")));

    List<Element> entries = children(feed, "entry");
    assertEquals(2, entries.size());
    Element first = entries.get(0);
    assertEquals("tag:opsroom.test,2026:event/" + newer.id, text(first, "id"));
    assertEquals("tag:opsroom.test,2026:event/" + older.id, text(entries.get(1), "id"));
    assertEquals("Deployed web 1.2 <fast> & \"safe\" ", text(first, "title"));
    assertEquals(
        "http://opsroom.test/events/" + newer.id, link(first, "alternate").getAttribute("href"));
    assertEquals("alice", text(children(first, "author").get(0), "name"));
    assertEquals(newer.at, Instant.parse(text(first, "published")));
    Instant.parse(text(first, "updated"));
    assertEquals(
        List.of("deploy", "app=web", u),
        children(first, "category").stream().map(c -> c.getAttribute("term")).toList());
    Element content = children(first, "content").get(0);
    assertEquals("html", content.getAttribute("type"));
    assertTrue(
        content.getTextContent().contains("<strong>Bold</strong>"), content.getTextContent());
    assertTrue(content.getTextContent().contains("&lt;script&gt;"), content.getTextContent());
    assertTrue(content.getTextContent().contains(" – "), "start and end");
    assertEquals("tester", text(children(entries.get(1), "author").get(0), "name"));

    // Words narrow it further; an empty search is still a valid feed.
    Document words =
        parse(given().queryParam("q", "1.1").queryParam("tags", u).get("/events/feed.atom"));
    assertEquals(1, children(words.getDocumentElement(), "entry").size());
    Document none = parse(given().queryParam("tags", word("nothing")).get("/events/feed.atom"));
    assertEquals(0, children(none.getDocumentElement(), "entry").size());
    Instant.parse(text(none.getDocumentElement(), "updated"));
  }

  @Test
  void theFeedHoldsTheLatestFifty() throws Exception {
    String u = word("fifty");
    for (int i = 0; i < 52; i++) {
      EventFixtures.create(service, base.plusSeconds(i), "Event " + i, "", List.of(u));
    }
    Document doc = parse(given().queryParam("tags", u).get("/events/feed.atom"));
    List<Element> entries = children(doc.getDocumentElement(), "entry");
    assertEquals(50, entries.size());
    assertEquals("Event 51", text(entries.get(0), "title"));
    assertEquals("Event 2", text(entries.get(49), "title"));
  }

  @Test
  void theCsvHoldsEveryMatchingRowQuotedAsRfc4180() throws Exception {
    String u = word("csv");
    Event plain = EventFixtures.create(service, base, "Plain", "", List.of(u));
    Event tricky =
        service.create(
            new EventInput(
                base.plusSeconds(60),
                base.plusSeconds(120),
                "Comma, \"quotes\" and more",
                "line one\nline two, with comma",
                List.of("deploy", "app=web", u)),
            "bob",
            EventSource.GIT);
    EventFixtures.create(service, base.plusSeconds(90), "Other source", "", List.of(u));

    Response response =
        given()
            .queryParam("tags", u)
            .get("/events/export.csv")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .header("Content-Disposition", startsWith("attachment; filename=\"opsroom-events-"))
            .extract()
            .response();
    String csv = response.asString();
    assertTrue(csv.startsWith("id,time,end_time,title,tags,source,author,body\r\n"), csv);
    assertTrue(csv.contains("\"Comma, \"\"quotes\"\" and more\""), csv);
    List<CSVRecord> records = records(csv);
    assertEquals(3, records.size());
    CSVRecord second = records.get(1);
    assertEquals(String.valueOf(tricky.id), second.get("id"));
    assertEquals(tricky.at.toString(), second.get("time"));
    assertEquals(tricky.endAt.toString(), second.get("end_time"));
    assertEquals("Comma, \"quotes\" and more", second.get("title"));
    assertEquals("deploy app=web " + u, second.get("tags"));
    assertEquals("git", second.get("source"));
    assertEquals("bob", second.get("author"));
    assertEquals("line one\nline two, with comma", second.get("body"));
    assertEquals(String.valueOf(plain.id), records.get(2).get("id"));
    assertEquals("", records.get(2).get("end_time"));

    String filtered =
        given()
            .queryParam("tags", u)
            .queryParam("source", "git")
            .get("/events/export.csv")
            .asString();
    List<CSVRecord> git = records(filtered);
    assertEquals(1, git.size(), filtered);
    assertEquals(String.valueOf(tricky.id), git.get(0).get("id"));
  }

  static List<CSVRecord> records(String csv) throws Exception {
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(csv))
        .getRecords();
  }

  @Test
  void badFiltersAreRefusedBeforeAnythingIsSent() {
    given()
        .queryParam("from", "yesterday")
        .get("/events/export.csv")
        .then()
        .statusCode(400)
        .body(containsString("yesterday"));
    given().queryParam("source", "mars").get("/events/feed.atom").then().statusCode(400);
    given().queryParam("q", "!!!").get("/events/feed.atom").then().statusCode(200);
  }
}

package io.opsroom.events;

import static io.opsroom.events.EventFixtures.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The changelog search on PostgreSQL: words in both forms (stemmed title, tags as written),
 * phrases, exclusions, OR, tags, time range, source, paging, highlighting, the timeline, and search
 * text that is no query at all. Every search names a word no other test uses.
 */
@QuarkusTest
class EventSearchTest {

  @Inject EventService service;
  @Inject EventSearch search;
  @Inject SessionFactory sessionFactory;

  Instant base;

  @BeforeEach
  void start() {
    base = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(20));
  }

  Event event(Instant at, String title, String body, String... tags) {
    return EventFixtures.create(service, at, title, body, List.of(tags));
  }

  EventSearch.Result run(EventQuery query) {
    return QuarkusTransaction.requiringNew().call(() -> search.search(query));
  }

  EventSearch.Result q(String text) {
    return run(query(text, null));
  }

  static EventQuery query(String q, String tags) {
    return EventQuery.read(q, tags, null, null, null, null, null, ZoneOffset.UTC).orThrow();
  }

  static List<Long> ids(EventSearch.Result result) {
    return result.events().stream().map(e -> e.id).toList();
  }

  @Test
  void aWordFindsStemmedTitlesAndBodiesAndTagsAsWritten() {
    String w = word("stem");
    Event title = event(base, "Deployed " + w + " to production", "");
    Event body = event(base.plusSeconds(60), "Routine " + w, "We were *deploying* all day.");
    Event other = event(base.plusSeconds(120), "Maintenance " + w, "Nothing to see.");
    // A tag is indexed as written: "payments" is not stemmed, yet found by the same word.
    Event tagged = event(base.plusSeconds(180), "Change " + w, "", "payments");
    assertEquals(List.of(body.id, title.id), ids(q("deploys " + w)));
    assertEquals(List.of(tagged.id), ids(q(w + " payments")));
    assertEquals(4, q(w).count());
    assertTrue(ids(q(w)).contains(other.id));
  }

  @Test
  void phrasesKeepTheirOrder() {
    String w = word("phrase");
    Event inOrder = event(base, "Database failover finished " + w, "");
    Event reversed = event(base.plusSeconds(60), "Failover of the database " + w, "");
    assertEquals(List.of(inOrder.id), ids(q("\"database failover\" " + w)));
    assertEquals(List.of(reversed.id), ids(q("\"failover of the database\" " + w)));
    assertEquals(
        List.of(reversed.id, inOrder.id), ids(q("database failover " + w)), "plain words: both");
    // An unclosed quote runs to the end of the text.
    assertEquals(List.of(inOrder.id), ids(q(w + " \"database failover")));
  }

  @Test
  void exclusionsExcludeEveryFormOfTheWord() {
    String w = word("excl");
    Event deploy = event(base, w + " deployments done", "");
    Event rollback = event(base.plusSeconds(60), w + " rollback of web", "");
    Event maintenance = event(base.plusSeconds(120), w + " maintenance", "", "deployment");
    assertEquals(List.of(maintenance.id, deploy.id), ids(q(w + " -rollback")));
    // The title says "deployments", indexed as its stem deploy: excluded by the stem. Joining an
    // english and a simple query with OR would keep it, through the simple half.
    assertEquals(List.of(maintenance.id, rollback.id), ids(q(w + " -deployments")));
    // "deployment" is both the title's stem and, as written, the other event's tag.
    assertEquals(List.of(rollback.id), ids(q(w + " -deployment")));
    assertEquals(List.of(deploy.id), ids(q(w + " -\"rollback of web\" -maintenance")));
  }

  @Test
  void orJoinsAlternatives() {
    String a = word("ora");
    String b = word("orb");
    Event first = event(base, "Disk swap " + a, "");
    Event second = event(base.plusSeconds(60), "Kernel update " + b, "");
    event(base.plusSeconds(120), "Unrelated change", "");
    assertEquals(List.of(second.id, first.id), ids(q(a + " OR " + b)));
    assertEquals(List.of(first.id), ids(q(a + " disk OR " + b + " disk")));
  }

  @Test
  void everyTagOfTheFilterMustBePresent() {
    String u = word("tagged");
    Event web = event(base, "Web deploy", "", "deploy", "app=web", u);
    event(base.plusSeconds(60), "Api deploy", "", "deploy", "app=api", u);
    Event manual = event(base.plusSeconds(120), "Web manual", "", "app=web", u);
    assertEquals(List.of(web.id), ids(run(query(null, "deploy App=web " + u))));
    assertEquals(List.of(manual.id, web.id), ids(run(query(null, "app=web," + u))));
    assertEquals(List.of(), ids(run(query(null, "app=Web " + u))), "values keep their case");
    assertEquals(List.of(web.id), ids(run(query("deploy", "app=web " + u))));
  }

  @Test
  void timeRangeIsFromInclusiveUntilExclusiveAndSourceFilters() {
    String w = word("range");
    Event early = event(base, "Early " + w, "");
    Event middle = event(base.plus(Duration.ofHours(1)), "Middle " + w, "");
    Event late = event(base.plus(Duration.ofHours(2)), "Late " + w, "");
    EventQuery range =
        EventQuery.read(
                w,
                null,
                base.toString(),
                base.plus(Duration.ofHours(2)).toString(),
                null,
                null,
                null,
                ZoneOffset.UTC)
            .orThrow();
    assertEquals(List.of(middle.id, early.id), ids(run(range)));
    String epoch = String.valueOf(base.plus(Duration.ofHours(1)).getEpochSecond());
    assertEquals(
        List.of(late.id, middle.id),
        ids(
            run(
                EventQuery.read(w, null, epoch, null, null, null, null, ZoneOffset.UTC)
                    .orThrow())));

    Event cli =
        service.create(
            new EventInput(base, null, "From the shell " + w, null, null), "ops", EventSource.CLI);
    assertEquals(
        List.of(cli.id),
        ids(
            run(
                EventQuery.read(w, null, null, null, "CLI", null, null, ZoneOffset.UTC)
                    .orThrow())));
  }

  @Test
  void newestFirstAPageAtATime() {
    String u = word("paged");
    List<Long> made = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      // Two events share each time: the later id comes first.
      made.add(event(base.plus(Duration.ofMinutes(i / 2)), "Paged " + i, "", u).id);
    }
    List<Long> expected = new ArrayList<>();
    for (int i = 6; i >= 0; i--) {
      expected.add(made.get(i));
    }
    EventQuery all = query(null, u);
    EventSearch.Result first = run(all.page(1, 3));
    EventSearch.Result third = run(all.page(3, 3));
    assertEquals(7, first.count());
    assertEquals(3, first.pages());
    assertTrue(first.hasNext());
    assertEquals(expected.subList(0, 3), ids(first));
    assertEquals(expected.subList(3, 6), ids(run(all.page(2, 3))));
    assertEquals(expected.subList(6, 7), ids(third));
    assertFalse(third.hasNext());
    assertEquals(List.of(), ids(run(all.page(4, 3))));
  }

  @Test
  void aPageCostsTheSameStatementsWhateverItsSize() {
    String few = word("few");
    String many = word("many");
    event(base, "Few " + few, "body " + few, few);
    for (int i = 0; i < 30; i++) {
      event(base.plusSeconds(i), "Many " + many, "body " + many + " " + i, many);
    }
    long small = statements(() -> q(few));
    long large = statements(() -> q(many));
    assertEquals(30, q(many).items().size());
    assertEquals(small, large, "no statement per row");
    assertTrue(large <= 5, "tsquery check, count, page, entities, body excerpts: " + large);
  }

  long statements(Runnable work) {
    var statistics = sessionFactory.getStatistics();
    statistics.clear();
    work.run();
    return statistics.getPrepareStatementCount();
  }

  @Test
  void matchesAreMarkedAndUserHtmlIsEscaped() {
    String w = word("mark");
    event(
        base,
        "<script>alert(1)</script> Deployed " + w,
        "# Notes\n\nThe **deployment** of " + w + " went fine. <b>bold</b> \uE000trick\uE001",
        "deploy");
    EventSearch.Hit hit = q("deploy " + w).items().get(0);
    assertEquals(
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Deployed</mark> <mark>" + w + "</mark>",
        hit.titleHtml());
    assertTrue(hit.excerptHtml().contains("<mark>deployment</mark>"), hit.excerptHtml());
    assertTrue(hit.excerptHtml().contains("&lt;b&gt;bold&lt;/b&gt;"), hit.excerptHtml());
    assertFalse(hit.excerptHtml().contains("<mark>trick"), hit.excerptHtml());
    assertFalse(hit.excerptHtml().contains("**"), "the excerpt is plain text");

    EventSearch.Hit plain =
        run(query(null, "deploy")).items().stream()
            .filter(h -> h.event().title.contains(w))
            .findFirst()
            .orElseThrow();
    assertEquals("&lt;script&gt;alert(1)&lt;/script&gt; Deployed " + w, plain.titleHtml());
  }

  @Test
  void searchTextThatIsNoQueryNeverFails() {
    String u = word("weird");
    Event e = event(base, "Drop table event " + u, "", u);
    for (String text :
        List.of(
            "'; drop table event; --",
            "a & | !(",
            "\"unclosed",
            "!!!",
            ":*",
            "-",
            "\"\"",
            "OR",
            "x:* & !y",
            "(((",
            "\\",
            "'",
            "\u0000nul")) {
      EventSearch.Result result = run(query(text, u));
      assertNotNull(result, text);
    }
    assertEquals(List.of(e.id), ids(run(query("'; drop table event; --", u))));
    for (String nothing : List.of("!!!", ":*", "the", "& | !(", "-")) {
      EventSearch.Result result = run(query(nothing, u));
      assertEquals(List.of(e.id), ids(result), nothing);
      assertNotNull(result.notice(), nothing);
      assertTrue(result.notice().startsWith("No searchable words in"), result.notice());
    }
    assertNull(q(u).notice());
    assertTrue(EventFixtures.count() > 0, "the table is still there");
  }

  @Test
  void theTimelineCountsPerHourOrPerDay() {
    String u = word("timeline");
    Instant day = base.plus(Duration.ofHours(10));
    event(day, "One", "", u);
    event(day.plus(Duration.ofMinutes(30)), "Two", "", u);
    event(day.plus(Duration.ofHours(3)), "Three", "", u);
    EventSearch.Timeline hours =
        QuarkusTransaction.requiringNew()
            .call(() -> search.timeline(search.search(query(null, u)), ZoneOffset.UTC));
    assertEquals("hour", hours.unit());
    assertEquals(
        List.of(2L, 0L, 0L, 1L), hours.bars().stream().map(EventSearch.Bar::count).toList());
    assertEquals(day, hours.bars().get(0).start());
    assertEquals(2, hours.max());

    event(day.plus(Duration.ofDays(4)), "Four", "", u);
    EventSearch.Timeline days =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    search.timeline(search.search(query(null, u)), ZoneId.of("America/New_York")));
    assertEquals("day", days.unit());
    assertEquals(4, days.total());
    assertEquals(5, days.bars().size(), days.bars().toString());
    assertEquals(3, days.bars().get(0).count());
    assertEquals(1, days.bars().get(4).count());
    assertEquals(0, days.bars().get(0).start().atZone(ZoneId.of("America/New_York")).getHour());
  }
}

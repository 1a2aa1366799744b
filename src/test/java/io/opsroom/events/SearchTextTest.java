package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.events.SearchText.Term;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the search box's websearch syntax into terms, without a database. */
class SearchTextTest {

  static Term word(String text) {
    return new Term(text, false, false);
  }

  @Test
  void wordsPhrasesExclusionsAndOr() {
    assertEquals(
        List.of(
            List.of(
                word("deploy"),
                new Term("web server", true, false),
                new Term("rollback", false, true)),
            List.of(word("outage"), new Term("db failover", true, true))),
        SearchText.parse("deploy \"web server\" -rollback OR outage -\"db failover\""));
  }

  @Test
  void strayOperatorsAndUnclosedQuotesAreWords() {
    assertEquals(List.of(List.of(word("a"))), SearchText.parse("or a or"));
    assertEquals(List.of(List.of(word("a"), word("b"))), SearchText.parse("a - b"));
    assertEquals(
        List.of(List.of(new Term("unclosed phrase", true, false))),
        SearchText.parse("\"unclosed phrase"));
    assertEquals(
        List.of(List.of(word("a"), word("&"), word("|"), word("!("))),
        SearchText.parse("a & | !("));
    assertEquals(List.of(), SearchText.parse("  \"\"  "));
    assertEquals(List.of(List.of(new Term("or", false, true))), SearchText.parse("-or"));
  }

  @Test
  void everyTermIsOneParameterAndTextNeverReachesTheSql() {
    SearchText.Sql sql = SearchText.toSql("x'); drop table event; -- OR \"y z\"", "w");
    assertEquals(List.of("x');", "drop", "table", "event;", "-", "y z"), sql.parameters());
    assertTrue(!sql.expression().contains("drop"), sql.expression());
    assertTrue(sql.expression().startsWith("tsquery_or("), sql.expression());
    assertTrue(SearchText.toSql("", "w").isEmpty());
  }

  @Test
  void aLongQueryKeepsItsFirstTerms() {
    String many = "w ".repeat(100);
    assertEquals(SearchText.MAX_TERMS, SearchText.toSql(many, "w").parameters().size());
  }
}

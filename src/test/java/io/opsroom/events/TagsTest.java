package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsTest {

  @Test
  void splitsOnWhiteSpaceAndCommas() {
    assertEquals(List.of("deploy", "app=web", "prod"), Tags.split(" deploy, app=web\tprod "));
    assertEquals(List.of(), Tags.split("  "));
    assertEquals(List.of(), Tags.split(null));
  }

  @Test
  void normalizingLowerCasesWordsAndKeysButNotValuesAndDropsDuplicates() {
    assertEquals(
        List.of("deploy", "app=Web", "release=v1.2"),
        Tags.normalize(List.of("Deploy", "APP=Web", "deploy", " release=v1.2 ")));
  }

  @Test
  void pairsBecomeAttributesWithEveryValue() {
    assertEquals(
        Map.of("app", List.of("web", "api"), "outage", List.of("db-1")),
        Tags.attributes(List.of("deploy", "app=web", "outage=db-1", "app=api")));
  }

  @Test
  void refusesWhiteSpaceEmptyValuesBadKeysAndTooMany() {
    assertNull(Tags.problem(List.of("deploy", "app=web", "impact=50", "url=http://x/?a=b")));
    assertTrue(Tags.problemOf("two words").contains("white space"));
    assertTrue(Tags.problemOf("app=").contains("no value"));
    assertTrue(Tags.problemOf("=web").contains("before ="));
    assertTrue(Tags.problemOf("9app=web").contains("before ="));
    assertNotNull(Tags.problemOf(""));
    assertTrue(Tags.problemOf("x".repeat(201)).contains("200"));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      many.add("t" + i);
    }
    assertTrue(Tags.problem(many).contains("At most 100 tags"));
  }
}

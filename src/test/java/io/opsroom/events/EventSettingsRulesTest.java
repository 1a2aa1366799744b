package io.opsroom.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The checks of extra attributes and suggested tags, without a database. */
class EventSettingsRulesTest {

  static EventSettingsService.AttributeInput input(String key, String label, String... choices) {
    return new EventSettingsService.AttributeInput(
        key, label, false, List.of(choices), false, null);
  }

  @Test
  void aGoodAttributeHasNoProblemsAndItsKeyIsLowerCased() {
    assertEquals(Map.of(), EventSettingsService.problems(input("Env", "Environment", "prod")));
    assertEquals("env", EventSettingsService.normalizeKey(" Env "));
  }

  @Test
  void everyFieldSaysWhatIsWrong() {
    Map<String, String> problems =
        EventSettingsService.problems(
            new EventSettingsService.AttributeInput(
                "1 env", " ", null, List.of("ok", "not ok"), null, -1));
    assertEquals(List.of("key", "label", "choices", "position"), List.copyOf(problems.keySet()));
    assertTrue(problems.get("key").contains("cannot be a tag key"), problems.get("key"));
    assertTrue(problems.get("choices").contains("\"not ok\""), problems.get("choices"));
    assertTrue(
        EventSettingsService.problems(input("", "x")).get("key").startsWith("A key is required"));
    assertTrue(
        EventSettingsService.problems(input("k".repeat(41), "x")).containsKey("key"), "40 at most");
    assertTrue(EventSettingsService.problems(input("env", "x".repeat(81))).containsKey("label"));
  }

  @Test
  void choicesAreStrippedAndRepeatsDropped() {
    assertEquals(
        List.of("production", "staging"),
        EventSettingsService.cleanChoices(
            EventSettingsService.splitChoices(" production, staging ,, production\n")));
    List<String> many = new ArrayList<>();
    IntStream.range(0, 101).forEach(i -> many.add("c" + i));
    assertTrue(
        EventSettingsService.problems(input("env", "Env", many.toArray(String[]::new)))
            .containsKey("choices"));
  }

  @Test
  void suggestedTagsAreNormalizedAndABadOneIsNamed() {
    Map<String, String> errors = new LinkedHashMap<>();
    assertEquals(
        List.of("deploy", "env=Prod"),
        EventSettingsService.cleanSuggestedTags(
            List.of(" Deploy", "ENV=Prod", "deploy", ""), errors));
    assertEquals(Map.of(), errors);

    EventSettingsService.cleanSuggestedTags(List.of("deploy", "two words"), errors);
    assertTrue(
        errors.get("tags").contains("\"two words\" contains white space"), errors.toString());
  }

  @Test
  void theAdminPageSplitsTagsByLineNotBySpace() {
    assertEquals(
        List.of("deploy", "two words", "config"),
        EventSettingsPages.lines("deploy\r\n two words \n\nconfig,"));
  }

  @Test
  void aNoticeIsMadeOfFixedWordsOnly() {
    assertEquals("Added the attribute env.", EventSettingsPages.notice("added", "env"));
    assertEquals("Added the attribute .", EventSettingsPages.notice("added", "<script>"));
    assertEquals(null, EventSettingsPages.notice("Your password expired", null));
  }

  @Test
  void labelValuesBecomeValidTagsOrNone() {
    assertEquals("server=web_01", Tags.validPair("server", " web 01 "));
    assertEquals("server=db_02_new", Tags.validPair("server", "db 02\t\nnew"));
    assertEquals(null, Tags.validPair("server", "   "));
    assertEquals(null, Tags.validPair("app", "x".repeat(250)));
    assertEquals(null, Tags.validPair("app", null));
  }
}

package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.alerting.CompositeCheck.Member;
import io.opsroom.alerting.CompositeRule.AlertIs;
import io.opsroom.alerting.CompositeRule.All;
import io.opsroom.alerting.CompositeRule.Any;
import io.opsroom.alerting.CompositeRule.AtLeast;
import io.opsroom.alerting.CompositeRule.Quota;
import io.opsroom.alerting.CompositeRule.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeCheckTest {

  static Map<String, Member> fleet(Level... levels) {
    Map<String, Member> members = new LinkedHashMap<>();
    for (int i = 0; i < levels.length; i++) {
      members.put("app" + i, new Member(levels[i], Map.of("role", "appserver"), false));
    }
    members.put("web-5xx", new Member(Level.OK, Map.of(), false));
    members.put("site", new Member(Level.CRITICAL, Map.of("role", "appserver"), true));
    return members;
  }

  static final CompositeRule SITE =
      new All(
          List.of(
              new AtLeast(Quota.percent(80), Map.of("role", "appserver"), State.OK),
              new AlertIs("web-5xx", State.OK)));

  @Test
  void holdsWhileEnoughMembersAreOk() {
    var ok =
        CompositeCheck.observe(SITE, fleet(Level.OK, Level.OK, Level.OK, Level.OK, Level.CRITICAL));
    assertEquals(Level.OK, ok.level(), "4 of 5 is 80 %; the composite itself does not count");
    var bad =
        CompositeCheck.observe(
            SITE, fleet(Level.OK, Level.OK, Level.OK, Level.WARNING, Level.CRITICAL));
    assertEquals(Level.CRITICAL, bad.level());
    assertTrue(bad.message().contains("3 of 5 alerts"), bad.message());
  }

  @Test
  void namesTheFailedConditions() {
    Map<String, Member> members = fleet(Level.OK);
    members.put("web-5xx", new Member(Level.ERROR, Map.of(), false));
    var observation =
        CompositeCheck.observe(
            new Any(List.of(new AlertIs("web-5xx", State.OK), new AlertIs("missing", State.OK))),
            members);
    assertEquals(Level.CRITICAL, observation.level());
    assertTrue(observation.message().contains("web-5xx is ERROR, not OK"), observation.message());
    assertTrue(observation.message().contains("missing is UNKNOWN"), observation.message());
  }

  @Test
  void anEmptySelectionDoesNotMeetAPercentage() {
    var observation =
        CompositeCheck.observe(
            new AtLeast(Quota.percent(50), Map.of("role", "nothing"), State.OK), fleet(Level.OK));
    assertEquals(Level.CRITICAL, observation.level());
  }
}

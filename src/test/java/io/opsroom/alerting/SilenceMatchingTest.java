package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.notify.LabelMatcher;
import io.opsroom.notify.LabelMatcher.Op;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which silence covers an alert: every matcher of a silence must hold, on labels and the id. */
class SilenceMatchingTest {

  static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

  static final Map<String, String> WEB1_DISK =
      Map.of("alert", "disk-web1", "team", "web", "server", "web1", "check", "disk");
  static final Map<String, String> WEB2_DISK =
      Map.of("alert", "disk-web2", "team", "web", "server", "web2", "check", "disk");
  static final Map<String, String> WEB1_LOAD =
      Map.of("alert", "load-web1", "team", "web", "server", "web1", "check", "load");
  static final Map<String, String> DB1_DISK =
      Map.of("alert", "disk-db1", "team", "db", "server", "db1", "check", "disk");

  static Silences.Entry entry(long id, int hours, LabelMatcher... matchers) {
    return new Silences.Entry(id, List.of(matchers), NOW.plusSeconds(3600L * hours), "alice", "c");
  }

  static Silences.Active active(Silences.Entry... entries) {
    return new Silences.Active(NOW, List.of(entries));
  }

  @Test
  void anExactMatcherOnTheAlertIdCoversThatAlertOnly() {
    var active = active(entry(1, 2, new LabelMatcher("alert", Op.EQUAL, "disk-web1")));
    assertEquals(Optional.of(1L), active.silencedBy(WEB1_DISK));
    assertFalse(active.silences(WEB2_DISK));
    assertFalse(active.silences(WEB1_LOAD));
  }

  @Test
  void aRegexMustMatchTheWholeValue() {
    var active = active(entry(2, 2, new LabelMatcher("server", Op.REGEX, "web.*")));
    assertTrue(active.silences(WEB1_DISK));
    assertTrue(active.silences(WEB2_DISK));
    assertFalse(active.silences(DB1_DISK));
    var partial = active(entry(3, 2, new LabelMatcher("server", Op.REGEX, "web")));
    assertFalse(partial.silences(WEB1_DISK), "web does not match all of web1");
  }

  @Test
  void negativeMatchersAndSeveralMatchersTogether() {
    var notDb = active(entry(4, 2, new LabelMatcher("team", Op.NOT_EQUAL, "db")));
    assertTrue(notDb.silences(WEB1_LOAD));
    assertFalse(notDb.silences(DB1_DISK));

    var diskButNotWeb2 =
        active(
            entry(
                5,
                2,
                new LabelMatcher("check", Op.EQUAL, "disk"),
                new LabelMatcher("server", Op.NOT_REGEX, "web2|db.*")));
    assertTrue(diskButNotWeb2.silences(WEB1_DISK));
    assertFalse(diskButNotWeb2.silences(WEB2_DISK));
    assertFalse(diskButNotWeb2.silences(DB1_DISK));
    assertFalse(diskButNotWeb2.silences(WEB1_LOAD));

    // A label the alert does not have is the empty string.
    var noRunbook = active(entry(6, 2, new LabelMatcher("severity", Op.EQUAL, "")));
    assertTrue(noRunbook.silences(WEB1_DISK));
  }

  @Test
  void theSilenceThatLastsLongestIsNamed() {
    var active =
        active(
            entry(7, 1, new LabelMatcher("team", Op.EQUAL, "web")),
            entry(8, 5, new LabelMatcher("alert", Op.EQUAL, "disk-web1")),
            entry(9, 3, new LabelMatcher("check", Op.EQUAL, "disk")));
    assertEquals(Optional.of(8L), active.silencedBy(WEB1_DISK));
    assertEquals(Optional.of(9L), active.silencedBy(WEB2_DISK));
    assertEquals(Optional.of(7L), active.silencedBy(WEB1_LOAD));
    assertEquals(
        Optional.empty(),
        active(List.<Silences.Entry>of().toArray(new Silences.Entry[0])).silencedBy(WEB1_DISK));
  }
}

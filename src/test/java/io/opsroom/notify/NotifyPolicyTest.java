package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The decisions, without a database: what each route is told after one check. */
class NotifyPolicyTest {

  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static final Set<AlertNotice.Level> FAILING =
      Set.of(AlertNotice.Level.WARNING, AlertNotice.Level.CRITICAL);

  static Route route(String name, Set<AlertNotice.Level> levels, List<Duration> repeat) {
    return new Route(
        name,
        List.of(new LabelMatcher("team", LabelMatcher.Op.EQUAL, "web")),
        levels,
        List.of(name + "-mail"),
        true,
        Duration.ofSeconds(30),
        repeat);
  }

  static final Route MAIL = route("mail", FAILING, Routes.DEFAULT_REPEAT);
  static final Route PAGER = route("pager", Set.of(AlertNotice.Level.CRITICAL), List.of());
  static final Route FALLBACK =
      new Route("default", List.of(), FAILING, List.of(), false, Duration.ofSeconds(30), List.of());
  static final Routes ROUTES =
      new Routes(
          Map.of(
              "mail-mail", new ChannelSpec.Email("mail-mail", List.of("ops@example.org")),
              "pager-mail", new ChannelSpec.Email("pager-mail", List.of("pager@example.org"))),
          List.of(MAIL, PAGER),
          FALLBACK,
          List.of(),
          20);

  static AlertNotice notice(AlertNotice.Level level, List<String> recipients) {
    return new AlertNotice(
        "disk",
        "Disk",
        level,
        T0,
        97.0,
        80.0,
        95.0,
        "above",
        null,
        null,
        null,
        new TreeMap<>(Map.of("team", "web")),
        recipients,
        false,
        false,
        false,
        "t");
  }

  static NotifyPolicy.Decision decide(
      AlertNotice notice, Map<String, NotifyPolicy.Memory> memories, Instant now) {
    return NotifyPolicy.decide(new NotifyPolicy.Observed(notice, false), memories, ROUTES, now);
  }

  @Test
  void criticalGoesToEveryMatchingRouteAndWarningOnlyWhereTheRouteTakesIt() {
    var critical = decide(notice(AlertNotice.Level.CRITICAL, List.of()), Map.of(), T0);
    assertEquals(
        List.of("mail", "pager"),
        critical.queue().stream().map(NotifyPolicy.Queued::route).toList());
    assertEquals(T0.plusSeconds(30), critical.queue().get(0).dueAt());
    assertEquals(T0.plus(Duration.ofMinutes(5)), critical.write().get("mail").nextRepeatAt());
    assertEquals(null, critical.write().get("pager").nextRepeatAt(), "no repeat list, no repeats");

    var warning = decide(notice(AlertNotice.Level.WARNING, List.of()), Map.of(), T0);
    assertEquals(
        List.of("mail"), warning.queue().stream().map(NotifyPolicy.Queued::route).toList());
  }

  @Test
  void pendingAndGraphiteErrorsChangeNothing() {
    var memory =
        Map.of(
            "mail",
            new NotifyPolicy.Memory(
                "mail", AlertNotice.Level.CRITICAL, T0, T0, 0, T0, List.of("mail-mail")));
    for (AlertNotice.Level level : List.of(AlertNotice.Level.PENDING, AlertNotice.Level.ERROR)) {
      assertTrue(decide(notice(level, List.of()), memory, T0.plus(Duration.ofHours(1))).isEmpty());
    }
  }

  @Test
  void aRouteThatNoLongerTakesTheLevelGetsItsRecovery() {
    Map<String, NotifyPolicy.Memory> memories =
        Map.of(
            "mail",
                new NotifyPolicy.Memory(
                    "mail",
                    AlertNotice.Level.CRITICAL,
                    T0,
                    T0,
                    0,
                    T0.plusSeconds(300),
                    List.of("mail-mail")),
            "pager",
                new NotifyPolicy.Memory(
                    "pager", AlertNotice.Level.CRITICAL, T0, T0, 0, null, List.of("pager-mail")));
    Instant later = T0.plusSeconds(120);
    var decision = decide(notice(AlertNotice.Level.WARNING, List.of()), memories, later);
    assertEquals(Set.of("pager"), decision.forget());
    var byRoute =
        decision.queue().stream()
            .collect(java.util.stream.Collectors.toMap(NotifyPolicy.Queued::route, q -> q));
    assertEquals(Dispatch.ItemKind.RECOVERED, byRoute.get("pager").kind());
    assertEquals(List.of("pager-mail"), byRoute.get("pager").channels());
    assertEquals(
        Dispatch.ItemKind.ESCALATED, byRoute.get("mail").kind(), "CRITICAL → WARNING is news");
    assertEquals(later, byRoute.get("mail").dueAt(), "a change of level does not wait");
  }

  @Test
  void anAlertsOwnRecipientsAreAddedAndUnknownNamesLeftOut() {
    var decision =
        decide(
            notice(
                AlertNotice.Level.WARNING,
                List.of("pager-mail", "dba@example.org", "no-such-channel")),
            Map.of(),
            T0);
    assertEquals(
        List.of("mail-mail", "pager-mail", "mailto:dba@example.org"),
        decision.queue().get(0).channels());
  }

  @Test
  void recoveryGoesToTheChannelsThatWereToldEvenWhenSilenced() {
    Map<String, NotifyPolicy.Memory> memories =
        Map.of(
            "mail",
            new NotifyPolicy.Memory(
                "mail",
                AlertNotice.Level.CRITICAL,
                T0,
                T0,
                2,
                T0,
                List.of("mail-mail", "mailto:x@example.org")));
    AlertNotice ok =
        new AlertNotice(
            "disk",
            "Disk",
            AlertNotice.Level.OK,
            T0,
            1.0,
            80.0,
            95.0,
            "above",
            null,
            null,
            null,
            new TreeMap<>(Map.of("team", "web")),
            List.of(),
            true,
            false,
            false,
            null);
    var decision = decide(ok, memories, T0.plusSeconds(600));
    assertEquals(1, decision.queue().size());
    assertEquals(List.of("mail-mail", "mailto:x@example.org"), decision.queue().get(0).channels());
    assertEquals(Set.of("mail"), decision.forget());
  }

  @Test
  void theRepeatScheduleKeepsItsLastGapForever() {
    RepeatSchedule schedule =
        new RepeatSchedule(List.of(Duration.ofMinutes(5), Duration.ofHours(24)));
    assertEquals(Optional.of(T0.plusSeconds(300)), schedule.next(T0, 0));
    assertEquals(Optional.of(T0.plus(Duration.ofHours(24))), schedule.next(T0, 1));
    assertEquals(Optional.of(T0.plus(Duration.ofHours(24))), schedule.next(T0, 57));
    assertEquals(Optional.empty(), new RepeatSchedule(List.of()).next(T0, 0));
  }
}

package io.opsroom.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, for one alert after one check, what each route must be told: the first message when it
 * fires, at once when its level changes, repeats on the route's schedule unless acknowledged, a
 * recovery to exactly the channels that heard about it, one message when it starts flapping, and
 * nothing while it is silenced or flapping. Plain Java: the dispatcher loads and stores the
 * memories it works on.
 */
final class NotifyPolicy {

  private NotifyPolicy() {}

  /**
   * What a route was last told about an alert.
   *
   * @param nextRepeatAt null when the route does not repeat
   */
  record Memory(
      String route,
      AlertNotice.Level level,
      Instant firstSentAt,
      Instant lastSentAt,
      int repeats,
      Instant nextRepeatAt,
      List<String> channels) {
    Memory {
      Objects.requireNonNull(route, "route");
      channels = List.copyOf(channels);
    }
  }

  /** One alert's check as the engine reports it. */
  record Observed(AlertNotice notice, boolean flappingStarted) {}

  /** Something to say on a route: it joins the route's pending group, due at {@code dueAt}. */
  record Queued(
      String route,
      Dispatch.ItemKind kind,
      AlertNotice.Level level,
      List<String> channels,
      Instant dueAt) {}

  /** The outcome: what to queue, which memories to write, which to forget. */
  record Decision(List<Queued> queue, Map<String, Memory> write, Set<String> forget) {
    static Decision none() {
      return new Decision(List.of(), Map.of(), Set.of());
    }

    boolean isEmpty() {
      return queue.isEmpty() && write.isEmpty() && forget.isEmpty();
    }
  }

  static Decision decide(
      Observed observed, Map<String, Memory> memories, Routes routes, Instant now) {
    AlertNotice notice = observed.notice();
    AlertNotice.Level level = notice.level();
    if (level == AlertNotice.Level.PENDING || level == AlertNotice.Level.ERROR) {
      // Not yet failing, or not known (Graphite down): what routes were told still holds.
      return Decision.none();
    }
    List<Queued> queue = new ArrayList<>();
    Map<String, Memory> write = new LinkedHashMap<>();
    Set<String> forget = new LinkedHashSet<>();
    if (observed.flappingStarted()) {
      if (!notice.silenced()) {
        AlertNotice.Level asLevel = level.isProblem() ? level : AlertNotice.Level.WARNING;
        for (Route route : routes.match(notice.matchLabels(), asLevel)) {
          List<String> channels = channels(route, notice, routes);
          if (!channels.isEmpty()) {
            queue.add(
                new Queued(
                    route.name(),
                    Dispatch.ItemKind.FLAPPING,
                    level,
                    channels,
                    now.plus(route.groupWait())));
          }
        }
      }
      return new Decision(queue, write, forget);
    }
    if (notice.flapping()) {
      // Said once when it started; its transitions are noise until it settles.
      return Decision.none();
    }
    if (level == AlertNotice.Level.OK) {
      for (Memory memory : memories.values()) {
        queue.add(recovery(memory, level, routes, now));
        forget.add(memory.route());
      }
      return new Decision(queue, write, forget);
    }
    List<Route> matched = routes.match(notice.matchLabels(), level);
    Set<String> matchedNames = new LinkedHashSet<>();
    matched.forEach(r -> matchedNames.add(r.name()));
    for (Memory memory : memories.values()) {
      if (!matchedNames.contains(memory.route())) {
        // The route no longer takes the alert at this level (CRITICAL-only paging at WARNING, or
        // the routes changed): it gets its recovery, saying the level the alert has now.
        queue.add(recovery(memory, level, routes, now));
        forget.add(memory.route());
      }
    }
    if (notice.silenced()) {
      return new Decision(queue, write, forget);
    }
    for (Route route : matched) {
      List<String> channels = channels(route, notice, routes);
      if (channels.isEmpty()) {
        continue;
      }
      RepeatSchedule schedule = new RepeatSchedule(route.repeat());
      Memory memory = memories.get(route.name());
      if (memory == null) {
        queue.add(
            new Queued(
                route.name(),
                Dispatch.ItemKind.FIRING,
                level,
                channels,
                now.plus(route.groupWait())));
        write.put(route.name(), fresh(route, level, now, now, channels, schedule));
      } else if (level != memory.level()) {
        // Worse or better, a change of level is news: said at once, and the repeats start over.
        List<String> all = union(memory.channels(), channels);
        queue.add(new Queued(route.name(), Dispatch.ItemKind.ESCALATED, level, all, now));
        write.put(route.name(), fresh(route, level, memory.firstSentAt(), now, all, schedule));
      } else if (!notice.acknowledged()
          && memory.nextRepeatAt() != null
          && !now.isBefore(memory.nextRepeatAt())) {
        List<String> all = union(memory.channels(), channels);
        int repeats = memory.repeats() + 1;
        queue.add(new Queued(route.name(), Dispatch.ItemKind.REPEAT, level, all, now));
        write.put(
            route.name(),
            new Memory(
                route.name(),
                level,
                memory.firstSentAt(),
                now,
                repeats,
                schedule.next(now, repeats).orElse(null),
                all));
      }
    }
    return new Decision(queue, write, forget);
  }

  private static Memory fresh(
      Route route,
      AlertNotice.Level level,
      Instant first,
      Instant now,
      List<String> channels,
      RepeatSchedule schedule) {
    return new Memory(
        route.name(), level, first, now, 0, schedule.next(now, 0).orElse(null), channels);
  }

  private static Queued recovery(
      Memory memory, AlertNotice.Level level, Routes routes, Instant now) {
    Duration wait =
        routes.route(memory.route()).map(Route::groupWait).orElse(Routes.DEFAULT_GROUP_WAIT);
    return new Queued(
        memory.route(), Dispatch.ItemKind.RECOVERED, level, memory.channels(), now.plus(wait));
  }

  /**
   * The route's channels plus the alert's own recipients: channel names of the routes file, or
   * email addresses (as {@code mailto:} channels). Names the file does not know are left out.
   */
  static List<String> channels(Route route, AlertNotice notice, Routes routes) {
    Set<String> all = new LinkedHashSet<>(route.channels());
    for (String recipient : notice.recipients()) {
      String entry = recipient.strip();
      if (routes.channels().containsKey(entry)) {
        all.add(entry);
      } else if (entry.contains("@")) {
        all.add(Routes.MAILTO + entry);
      }
    }
    return List.copyOf(all);
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}

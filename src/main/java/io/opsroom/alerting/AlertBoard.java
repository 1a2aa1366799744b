package io.opsroom.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the status grid shows: every alert with its current state, grouped by a label, the counts
 * per level, and the history strips. Read-only; callers run it inside a transaction.
 */
@ApplicationScoped
public class AlertBoard {

  @Inject AlertRegistry registry;
  @Inject Clock clock;
  @Inject Silences silences;

  private static final Comparator<Square> WORST_FIRST =
      Comparator.comparingInt((Square s) -> -s.level().severity()).thenComparing(Square::name);

  /** One square of the grid. */
  public record Square(
      String id,
      String name,
      Level level,
      boolean flapping,
      boolean acknowledged,
      boolean silenced,
      Double value,
      Instant since,
      Map<String, String> labels,
      String problem) {

    public String css() {
      return level.css();
    }
  }

  /** Squares under one heading, worst first. */
  public record Group(String name, List<Square> squares) {}

  /** The whole grid. */
  public record Board(
      List<Group> groups,
      Map<Level, Integer> counts,
      int total,
      List<LevelHistory.Bucket> day,
      List<LevelHistory.Bucket> week) {

    public int count(String level) {
      return counts.getOrDefault(Level.valueOf(level.toUpperCase(Locale.ROOT)), 0);
    }
  }

  /** Every alert now; {@code levelFilter} and {@code labelFilter} ("key=value") narrow it. */
  public Board board(String groupBy, String levelFilter, String labelFilter) {
    Instant now = clock.instant();
    List<Square> squares = squares(now);
    Map<Level, Integer> counts = new EnumMap<>(Level.class);
    squares.forEach(s -> counts.merge(s.level(), 1, Integer::sum));
    List<Square> shown =
        squares.stream().filter(s -> matches(s, levelFilter, labelFilter)).toList();
    String key = groupBy == null || groupBy.isBlank() ? "team" : groupBy;
    Map<String, List<Square>> grouped = new TreeMap<>();
    for (Square s : shown) {
      String name = "none".equals(key) ? "" : s.labels().getOrDefault(key, "");
      grouped.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
    }
    List<Group> groups = new ArrayList<>();
    // Alerts without the label come last, under "other".
    grouped.forEach(
        (name, list) -> {
          if (!name.isEmpty()) {
            groups.add(new Group(name, list.stream().sorted(WORST_FIRST).toList()));
          }
        });
    if (grouped.containsKey("")) {
      String heading = "none".equals(key) || grouped.size() == 1 ? "" : "other";
      groups.add(new Group(heading, grouped.get("").stream().sorted(WORST_FIRST).toList()));
    }
    return new Board(
        groups,
        counts,
        squares.size(),
        history(now.minus(Duration.ofHours(24)), now, 48),
        history(now.minus(Duration.ofDays(7)), now, 84));
  }

  /**
   * The alerts whose labels hold {@code label} ("key=value"), worst first, without the grid's
   * history strips: what a server's or application's page lists.
   */
  public List<Square> squares(String label) {
    return squares(clock.instant()).stream()
        .filter(s -> matches(s, null, label))
        .sorted(WORST_FIRST)
        .toList();
  }

  private List<Square> squares(Instant now) {
    Map<String, AlertState> states = new HashMap<>();
    AlertState.<AlertState>listAll().forEach(s -> states.put(s.alertId, s));
    Silences.Active silenced = silences.active(now);
    List<Square> squares = new ArrayList<>();
    for (AlertDefinition alert : registry.definitions()) {
      AlertState state = states.get(alert.id());
      squares.add(
          new Square(
              alert.id(),
              alert.name(),
              state == null ? Level.UNKNOWN : state.level,
              state != null && state.flapping,
              state != null && state.acknowledged(now),
              silenced.silences(Silences.matchLabels(alert)),
              state == null ? null : state.lastValue,
              state == null ? null : state.since,
              alert.labels(),
              state == null ? "Not checked yet" : state.lastError));
    }
    return squares;
  }

  private static boolean matches(Square s, String level, String label) {
    if (level != null && !level.isBlank() && !s.level().name().equalsIgnoreCase(level)) {
      return false;
    }
    if (label != null && label.contains("=")) {
      String[] kv = label.split("=", 2);
      return kv[1].equals(s.labels().get(kv[0]));
    }
    return true;
  }

  /** The strips: each alert's level at {@code from} comes from its last transition before it. */
  List<LevelHistory.Bucket> history(Instant from, Instant until, int buckets) {
    Map<String, Level> before = new LinkedHashMap<>();
    AlertTransition.getEntityManager()
        .createQuery(
            "select t.alertId, t.to from AlertTransition t where t.at < :from and t.id in"
                + " (select max(u.id) from AlertTransition u where u.at < :from group by u.alertId)",
            Object[].class)
        .setParameter("from", from)
        .getResultList()
        .forEach(row -> before.put((String) row[0], (Level) row[1]));
    List<AlertTransition> recent =
        AlertTransition.since(from).stream().filter(t -> t.at.isBefore(until)).toList();
    // Alerts that changed only inside the period were at their first change's "from" before it;
    // alerts that never changed have been at their current level all along.
    for (AlertTransition t : recent) {
      before.putIfAbsent(t.alertId, t.from);
    }
    AlertState.<AlertState>listAll().forEach(s -> before.putIfAbsent(s.alertId, s.level));
    before.keySet().retainAll(registry.definitions().stream().map(AlertDefinition::id).toList());
    List<LevelHistory.Change> changes =
        recent.stream()
            .filter(t -> before.containsKey(t.alertId))
            .map(t -> new LevelHistory.Change(t.alertId, t.to, t.at))
            .toList();
    return LevelHistory.buckets(before, changes, from, until, buckets);
  }
}

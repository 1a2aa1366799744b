package io.opsroom.alerting;

import io.opsroom.platform.PgArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The noisiest alerts: those that notified most over a period, with how often at each level and how
 * long they spent failing — the list to fix first. Counts come from the notify side's log (each
 * alert in each sent message), time failing from the alert's transitions.
 */
@ApplicationScoped
public class NoiseReport {

  /** The periods the report offers, in days. */
  public static final Set<Integer> PERIODS = Set.of(7, 30, 90);

  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 100;

  @Inject EntityManager entityManager;
  @Inject AlertRegistry registry;
  @Inject Clock clock;

  /** One noisy alert. */
  public record Row(
      String id,
      String name,
      boolean defined,
      long notifications,
      long critical,
      long warning,
      long unknown,
      long recovered,
      long flapping,
      long failingSeconds,
      double failingPercent) {}

  /** The report over a period ending now. */
  public record Report(Instant from, Instant until, int days, int limit, List<Row> rows) {

    /** The largest count, for drawing bars relative to it. */
    public long maxNotifications() {
      return rows.stream().mapToLong(Row::notifications).max().orElse(1);
    }

    /** A count's bar width in percent of the noisiest alert's total. */
    public long width(long count) {
      return Math.round(100.0 * count / Math.max(1, maxNotifications()));
    }
  }

  /** Runs the report; callers check {@code days} against {@link #PERIODS} and the limit's range. */
  public Report noisiest(int days, int limit) {
    Instant until = clock.instant();
    Instant from = until.minus(Duration.ofDays(days));
    @SuppressWarnings("unchecked")
    List<Object[]> counts =
        entityManager
            .createNativeQuery(
                """
                select alert_id, count(*),
                       count(*) filter (where level = 'CRITICAL' and kind <> 'recovered'),
                       count(*) filter (where level = 'WARNING' and kind <> 'recovered'),
                       count(*) filter (where level = 'UNKNOWN' and kind <> 'recovered'),
                       count(*) filter (where kind = 'recovered'),
                       count(*) filter (where kind = 'flapping')
                from notify_log
                where at >= :from and at < :until
                group by alert_id
                order by count(*) desc, alert_id
                limit :limit""")
            .setParameter("from", from)
            .setParameter("until", until)
            .setParameter("limit", limit)
            .getResultList();
    if (counts.isEmpty()) {
      return new Report(from, until, days, limit, List.of());
    }
    List<String> ids = counts.stream().map(r -> (String) r[0]).toList();
    Map<String, Long> failing = failingSeconds(ids, from, until);
    double period = Duration.between(from, until).toSeconds();
    List<Row> rows = new ArrayList<>();
    for (Object[] r : counts) {
      String id = (String) r[0];
      var definition = registry.definition(id);
      long seconds = failing.getOrDefault(id, 0L);
      rows.add(
          new Row(
              id,
              definition.map(AlertDefinition::name).orElse(id),
              definition.isPresent(),
              number(r[1]),
              number(r[2]),
              number(r[3]),
              number(r[4]),
              number(r[5]),
              number(r[6]),
              seconds,
              period > 0 ? Math.round(1000.0 * seconds / period) / 10.0 : 0));
    }
    return new Report(from, until, days, limit, rows);
  }

  /**
   * Seconds each alert spent at WARNING or CRITICAL within the period: each transition's level
   * lasts until the alert's next transition (or now), clipped to the period.
   */
  private Map<String, Long> failingSeconds(List<String> ids, Instant from, Instant until) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                with t as (
                  select alert_id, to_level, at,
                         lead(at) over (partition by alert_id order by at, id) as next_at
                  from alert_transition
                  where alert_id = any(cast(:ids as text[]))
                )
                select alert_id,
                       sum(extract(epoch from least(coalesce(next_at, :until), :until)
                                              - greatest(at, :from)))
                from t
                where to_level in ('WARNING', 'CRITICAL')
                  and at < :until and coalesce(next_at, :until) > :from
                group by alert_id""")
            .setParameter("ids", PgArrays.text(ids))
            .setParameter("from", from)
            .setParameter("until", until)
            .getResultList();
    Map<String, Long> seconds = new HashMap<>();
    for (Object[] r : rows) {
      seconds.put((String) r[0], Math.round(((Number) r[1]).doubleValue()));
    }
    return seconds;
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}

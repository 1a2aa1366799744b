package io.opsroom.alerting;

import io.opsroom.testing.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The alerts under {@code src/test/resources/silences/} and helpers to put them into a level, for
 * the silence and acknowledgement tests. Every test starts from no silences, no activity and all
 * four alerts OK.
 */
final class SilenceFixtures {

  private SilenceFixtures() {}

  /** Runs on the four test alerts; nothing is checked (no Graphite), tests set the levels. */
  public static class Alerts implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("opsroom.alerts.dir", "src/test/resources/silences");
    }
  }

  static final String[] IDS = {"disk-web1", "disk-web2", "load-web1", "disk-db1"};

  /** Pins the clock at a whole second of real time, and clears what earlier tests left. */
  static Instant reset(MutableClock clock) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    clock.set(now);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              var em = AlertState.getEntityManager();
              em.createNativeQuery("delete from silence").executeUpdate();
              em.createNativeQuery("delete from alert_activity").executeUpdate();
              em.createNativeQuery("delete from alert_transition").executeUpdate();
              em.createNativeQuery("delete from notify_log").executeUpdate();
              em.createNativeQuery("delete from alert_state").executeUpdate();
            });
    for (String id : IDS) {
      level(id, Level.OK, now, null);
    }
    return now;
  }

  /** Puts an alert into {@code level} since {@code since}, with this acknowledge-link token. */
  static void level(String id, Level level, Instant since, String ackToken) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              AlertState state = AlertState.findById(id);
              boolean created = state == null;
              if (created) {
                state = new AlertState();
                state.alertId = id;
              }
              state.level = level;
              state.since = since;
              state.lastCheck = since;
              state.ackToken = ackToken;
              if (level == Level.OK) {
                state.acknowledgedBy = null;
                state.acknowledgedAt = null;
                state.acknowledgedUntil = null;
              }
              if (created) {
                state.persist();
              }
            });
  }

  static AlertState state(String id) {
    return QuarkusTransaction.requiringNew().call(() -> AlertState.findById(id));
  }

  static long count(String table) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        AlertState.getEntityManager()
                            .createNativeQuery("select count(*) from " + table)
                            .getSingleResult())
                    .longValue());
  }

  /** The activity rows of one alert as {@code kind|actor|detail}, oldest first. */
  static java.util.List<String> activity(String id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                AlertActivity.<AlertActivity>list("alertId = ?1 order by at, id", id).stream()
                    .map(a -> a.kind + "|" + a.actor + "|" + a.detail)
                    .toList());
  }
}

package io.opsroom.alerting;

import io.opsroom.events.EventService;
import io.opsroom.events.EventSource;
import io.opsroom.graphite.GraphiteClient;
import io.opsroom.graphite.GraphiteFailure;
import io.opsroom.graphite.TargetResult;
import io.opsroom.notify.AlertNotice;
import io.opsroom.notify.NotificationDispatcher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The evaluation cycle: takes the due alerts, asks Graphite for all their targets in as few
 * requests as it can, moves each alert through its state machine, writes every state and transition
 * (and each transition's changelog event) in one transaction, and then tells the status pages and
 * the notification side.
 */
@ApplicationScoped
public class AlertEvaluator {

  private static final Logger LOG = Logger.getLogger(AlertEvaluator.class);

  @Inject AlertRegistry registry;
  @Inject GraphiteClient graphite;
  @Inject AlertingConfig config;
  @Inject Clock clock;
  @Inject AlertStream stream;
  @Inject Event<AlertChanged> changes;
  @Inject io.micrometer.core.instrument.MeterRegistry meters;
  @Inject NotificationDispatcher notifications;
  @Inject Silences silences;
  @Inject EventService events;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The author of the events the cycle writes. */
  static final String AUTHOR = "opsroom";

  /** The number of alerts per level after the last cycle, for {@code /q/metrics}. */
  private final Map<Level, java.util.concurrent.atomic.AtomicInteger> levelCounts =
      new java.util.EnumMap<>(Level.class);

  @ConfigProperty(name = "opsroom.alerts.flapping-enter", defaultValue = "30")
  double flapEnter;

  @ConfigProperty(name = "opsroom.alerts.flapping-leave", defaultValue = "20")
  double flapLeave;

  /** The advisory lock key that serializes the writing of cycles across instances. */
  private static final long CYCLE_LOCK = 0x6f70_7372_6f6f_6d04L;

  private volatile CycleReport lastCycle;

  /** When the last cycle started and ended, for the lag and age gauges; at start, the start. */
  private volatile Instant lastStarted;

  private volatile Instant lastCompleted;
  private volatile double lagSeconds;

  private FlapDetector flapDetector;

  /** Checks the flapping settings at start: a wrong pair stops the start with a clear message. */
  @jakarta.annotation.PostConstruct
  void checkSettings() {
    for (Level level : Level.values()) {
      levelCounts.put(
          level,
          meters.gauge(
              "opsroom_alerts",
              java.util.List.of(io.micrometer.core.instrument.Tag.of("level", level.name())),
              new java.util.concurrent.atomic.AtomicInteger()));
    }
    lastCompleted = clock.instant();
    io.micrometer.core.instrument.Gauge.builder(
            "opsroom.alerts.cycle.lag", this, evaluator -> evaluator.lagSeconds)
        .description("How late the last alert cycle started after it was due (0 when on time)")
        .baseUnit("seconds")
        .strongReference(true)
        .register(meters);
    // Grows while no cycle completes, so an alert on it fires when the scheduler is stuck.
    io.micrometer.core.instrument.Gauge.builder(
            "opsroom.alerts.cycle.age",
            this,
            evaluator ->
                Duration.between(evaluator.lastCompleted, clock.instant()).toMillis() / 1000.0)
        .description("Seconds since the last alert cycle completed (since start before the first)")
        .baseUnit("seconds")
        .strongReference(true)
        .register(meters);
    try {
      flapDetector = new FlapDetector(flapEnter, flapLeave);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "OPSROOM_ALERTS_FLAPPING_LEAVE ("
              + flapLeave
              + ") must not be above OPSROOM_ALERTS_FLAPPING_ENTER ("
              + flapEnter
              + ")",
          e);
    }
  }

  /** What one cycle did, for the status page's banner, the logs and the tests. */
  public record CycleReport(
      Instant at,
      int alerts,
      int checked,
      long graphiteRequests,
      int transitions,
      Optional<String> graphiteProblem,
      Duration took) {}

  /** Skips the scheduled cycle where tests drive it themselves. */
  @Singleton
  public static class Switch implements Scheduled.SkipPredicate {
    @ConfigProperty(name = "opsroom.alerts.scheduler-enabled", defaultValue = "true")
    boolean enabled;

    @Override
    public boolean test(ScheduledExecution execution) {
      return !enabled;
    }
  }

  @Scheduled(
      identity = "alert-cycle",
      every = "{opsroom.alerts.interval}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Switch.class)
  void scheduled() {
    try {
      evaluate();
    } catch (RuntimeException e) {
      LOG.error("Alert cycle failed; the next one retries", e);
    }
  }

  public Optional<CycleReport> lastCycle() {
    return Optional.ofNullable(lastCycle);
  }

  /** Runs one cycle now. */
  public synchronized CycleReport evaluate() {
    long started = System.nanoTime();
    Instant now = clock.instant();
    // A cycle is due one interval after the previous one started; a late start means the
    // previous cycle ran long or the scheduler was held up.
    lagSeconds =
        lastStarted == null
            ? 0
            : Math.max(0, Duration.between(lastStarted.plus(config.interval()), now).toMillis())
                / 1000.0;
    lastStarted = now;
    List<AlertDefinition> all = registry.definitions();
    List<AlertDefinition> alerts = all.stream().filter(a -> !a.isComposite()).toList();
    List<AlertDefinition> composites = all.stream().filter(AlertDefinition::isComposite).toList();
    Map<String, AlertState> states =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    AlertState.<AlertState>listAll().stream()
                        .collect(Collectors.toMap(s -> s.alertId, s -> s)));
    List<AlertDefinition> due =
        alerts.stream().filter(a -> isDue(a, states.get(a.id()), now)).toList();
    long requestsBefore = graphite.requestCount();
    Map<AlertDefinition, TargetResult> results = fetch(due);
    long requests = graphite.requestCount() - requestsBefore;

    Optional<String> graphiteProblem = graphiteProblem(results);
    List<AlertChanged> changed = new ArrayList<>();
    List<AlertStream.AlertUpdate> updates = new ArrayList<>();
    record(all, composites, due, results, states, now, changed, updates, graphiteProblem);
    try {
      notifications.flush();
    } catch (RuntimeException e) {
      LOG.error("Flushing notifications after the cycle failed; the scheduled flush retries", e);
    }
    for (AlertChanged change : changed) {
      changes.fire(change);
    }
    updates.forEach(stream::publish);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    meters.timer("opsroom_alert_cycle").record(took);
    countLevels();
    CycleReport report =
        new CycleReport(
            now,
            alerts.size() + composites.size(),
            due.size(),
            requests,
            changed.size(),
            graphiteProblem,
            took);
    if (graphiteProblem.isPresent()
        && (lastCycle == null || lastCycle.graphiteProblem().isEmpty())) {
      LOG.warnf("Graphite problem: %s", graphiteProblem.get());
    }
    lastCycle = report;
    lastCompleted = clock.instant();
    LOG.debugf(
        "Alert cycle: %d alerts, %d checked, %d Graphite requests, %d changes, %d ms",
        report.alerts(),
        report.checked(),
        report.graphiteRequests(),
        report.transitions(),
        took.toMillis());
    return report;
  }

  /**
   * Writes one cycle's outcome in one transaction. Several instances may run cycles at once: the
   * write takes a PostgreSQL advisory lock and skips every alert that another instance has checked
   * since this cycle began, so no check is recorded twice and no transition is doubled.
   */
  void record(
      List<AlertDefinition> all,
      List<AlertDefinition> composites,
      List<AlertDefinition> due,
      Map<AlertDefinition, TargetResult> results,
      Map<String, AlertState> states,
      Instant now,
      List<AlertChanged> changed,
      List<AlertStream.AlertUpdate> updates,
      Optional<String> graphiteProblem) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Checked checked = new Checked();
              AlertState.getEntityManager()
                  .createNativeQuery("select pg_advisory_xact_lock(?1)")
                  .setParameter(1, CYCLE_LOCK)
                  .getSingleResult();
              for (AlertDefinition alert : due) {
                AlertState current = AlertState.findById(alert.id());
                if (current != null && !isDue(alert, current, now)) {
                  continue;
                }
                TargetResult result = results.get(alert);
                AlertCheck.Observation observation = AlertCheck.observe(alert, result);
                boolean graphiteFailed =
                    result != null
                        && result.failure().map(GraphiteFailure::concernsGraphite).orElse(false);
                apply(alert, observation, graphiteFailed, now, changed, updates, checked);
              }
              evaluateComposites(all, composites, states, now, changed, updates, checked);
              notifications.observe(
                  now, checked.notices, checked.flappingStarted, !due.isEmpty(), graphiteProblem);
            });
  }

  /**
   * Composites follow the alerts they name, in the same cycle and transaction: each sees the levels
   * this cycle has just written. A composite that names another composite sees the level that one
   * had before this cycle, or its new one when it comes first in the file order.
   */
  private void evaluateComposites(
      List<AlertDefinition> all,
      List<AlertDefinition> composites,
      Map<String, AlertState> before,
      Instant now,
      List<AlertChanged> changed,
      List<AlertStream.AlertUpdate> updates,
      Checked checked) {
    if (composites.isEmpty()) {
      return;
    }
    Map<String, AlertState> current = new HashMap<>();
    AlertState.<AlertState>listAll().forEach(st -> current.put(st.alertId, st));
    Map<String, CompositeCheck.Member> members = new LinkedHashMap<>();
    for (AlertDefinition a : all) {
      AlertState st = current.get(a.id());
      members.put(
          a.id(),
          new CompositeCheck.Member(
              st == null ? Level.UNKNOWN : st.level, a.labels(), a.isComposite()));
    }
    for (AlertDefinition composite : composites) {
      if (!isDue(composite, current.get(composite.id()), now)) {
        continue;
      }
      AlertCheck.Observation observation = CompositeCheck.observe(composite.composite(), members);
      apply(composite, observation, false, now, changed, updates, checked);
      AlertState st = AlertState.findById(composite.id());
      members.put(composite.id(), new CompositeCheck.Member(st.level, composite.labels(), true));
    }
  }

  private void countLevels() {
    Map<Level, Integer> counts = new java.util.EnumMap<>(Level.class);
    QuarkusTransaction.requiringNew()
        .call(
            () ->
                AlertState.getEntityManager()
                    .createQuery(
                        "select s.level, count(s) from AlertState s group by s.level",
                        Object[].class)
                    .getResultList())
        .forEach(row -> counts.put((Level) row[0], ((Long) row[1]).intValue()));
    levelCounts.forEach((level, gauge) -> gauge.set(counts.getOrDefault(level, 0)));
  }

  private boolean isDue(AlertDefinition alert, AlertState state, Instant now) {
    if (state == null || state.lastCheck == null) {
      return true;
    }
    Duration interval = alert.interval().orElse(config.interval());
    // A second of slack, so that a cycle that runs a little early does not skip an alert.
    return !state.lastCheck.plus(interval).minusSeconds(1).isAfter(now);
  }

  /** One render call per distinct window, each batched by the client. */
  private Map<AlertDefinition, TargetResult> fetch(List<AlertDefinition> due) {
    Map<Duration, List<AlertDefinition>> byWindow =
        due.stream()
            .collect(
                Collectors.groupingBy(
                    AlertDefinition::window, LinkedHashMap::new, Collectors.toList()));
    Map<AlertDefinition, TargetResult> results = new HashMap<>();
    byWindow.forEach(
        (window, group) -> {
          String from = "-" + Math.max(1, window.toSeconds()) + "s";
          Map<String, TargetResult> byTarget =
              graphite.render(group.stream().map(AlertDefinition::target).toList(), from, null);
          for (AlertDefinition alert : group) {
            results.put(alert, byTarget.get(alert.target()));
          }
        });
    return results;
  }

  /**
   * When every checked alert failed for a reason that is Graphite's own (down, timing out,
   * answering garbage), the cycle says so once, instead of as many times as there are alerts.
   */
  private static Optional<String> graphiteProblem(Map<AlertDefinition, TargetResult> results) {
    if (results.isEmpty()) {
      return Optional.empty();
    }
    List<GraphiteFailure> failures =
        results.values().stream().flatMap(r -> r.failure().stream()).toList();
    if (failures.size() == results.size()
        && failures.stream().allMatch(GraphiteFailure::concernsGraphite)) {
      return Optional.of(failures.get(0).message());
    }
    return Optional.empty();
  }

  /** What the cycle tells the notify side: each checked alert, and which started flapping. */
  private final class Checked {
    final List<AlertNotice> notices = new ArrayList<>();
    private Silences.Active active;
    private Instant activeAt;

    /** The silences in force, read once per cycle. */
    Silences.Active silences(Instant now) {
      if (active == null || !now.equals(activeAt)) {
        active = AlertEvaluator.this.silences.active(now);
        activeAt = now;
      }
      return active;
    }

    final Set<String> flappingStarted = new LinkedHashSet<>();
  }

  private void apply(
      AlertDefinition alert,
      AlertCheck.Observation observation,
      boolean graphiteFailed,
      Instant now,
      List<AlertChanged> changed,
      List<AlertStream.AlertUpdate> updates,
      Checked checked) {
    AlertState state = AlertState.findById(alert.id());
    boolean created = state == null;
    if (created) {
      state = new AlertState();
      state.alertId = alert.id();
      state.level = Level.OK;
      state.since = now;
    }
    AlertStateMachine.Step step =
        AlertStateMachine.next(state.machineState(), observation.level(), alert.forChecks(), now);
    boolean wasFlapping = state.flapping;
    state.history = FlapDetector.record(state.history, step.state().level());
    state.flapping = flapDetector.isFlapping(state.history, wasFlapping);
    state.level = step.state().level();
    state.since = step.state().since();
    state.streak = step.state().streak();
    state.lastCheck = now;
    state.lastValue = observation.value();
    // The page shows why: Graphite's error, or which condition of a composite failed.
    state.lastError =
        observation.level() == Level.ERROR || alert.isComposite() ? observation.message() : null;
    state.series = observation.series();
    if (step.transition().isPresent() && state.acknowledgedBy != null) {
      // An acknowledgement is for the problem as it was: a new level is news again.
      clearAcknowledgement(state);
      AlertActivity.record(
          alert.id(),
          now,
          AlertActivity.ACK_EXPIRED,
          null,
          "the acknowledgement ended: the level changed to " + state.level);
    } else if (state.acknowledgedBy != null && !state.acknowledged(now)) {
      clearAcknowledgement(state);
      AlertActivity.record(
          alert.id(), now, AlertActivity.ACK_EXPIRED, null, "the acknowledgement expired");
    }
    if (isProblem(state.level) && state.ackToken == null) {
      state.ackToken = newToken();
    } else if (state.level == Level.OK) {
      state.ackToken = null;
    }
    if (created) {
      state.persist();
    }
    if (state.flapping && !wasFlapping) {
      checked.flappingStarted.add(alert.id());
    }
    checked.notices.add(
        notice(
            alert,
            state,
            observation,
            graphiteFailed,
            checked.silences(now).silences(Silences.matchLabels(alert)),
            now));
    boolean flappingChanged = wasFlapping != state.flapping;
    if (step.transition().isPresent() || flappingChanged) {
      Level from = step.transition().map(AlertStateMachine.Transition::from).orElse(state.level);
      if (step.transition().isPresent()) {
        AlertTransition row = new AlertTransition();
        row.alertId = alert.id();
        row.from = from;
        row.to = state.level;
        row.at = now;
        row.value = observation.value();
        row.message = observation.message();
        row.persist();
        // In the cycle's transaction: a transition is never written without its event, nor the
        // event without the transition.
        events.create(
            AlertEvents.transition(
                alert, from, state.level, now, observation.value(), observation.message()),
            AUTHOR,
            EventSource.ALERT);
      }
      if (flappingChanged) {
        events.create(
            AlertEvents.flapping(alert, state.flapping, state.level, now),
            AUTHOR,
            EventSource.ALERT);
      }
      changed.add(
          new AlertChanged(
              alert.id(),
              alert.name(),
              from,
              state.level,
              now,
              observation.value(),
              observation.message(),
              state.flapping,
              flappingChanged,
              alert.labels(),
              alert.runbook()));
      updates.add(
          new AlertStream.AlertUpdate(
              alert.id(),
              state.level.name(),
              from.name(),
              observation.value(),
              state.flapping,
              state.since));
    }
  }

  private static boolean isProblem(Level level) {
    return level == Level.WARNING || level == Level.CRITICAL || level == Level.UNKNOWN;
  }

  private static void clearAcknowledgement(AlertState state) {
    state.acknowledgedBy = null;
    state.acknowledgedAt = null;
    state.acknowledgedUntil = null;
  }

  private static String newToken() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The alert as the notify side sees it. An ERROR because Graphite failed is passed on as ERROR,
   * which the notify side holds (Graphite's outage is said once, not per alert); an ERROR because
   * Graphite rejected this alert's target is the alert's own problem and notifies as UNKNOWN.
   */
  private AlertNotice notice(
      AlertDefinition alert,
      AlertState state,
      AlertCheck.Observation observation,
      boolean graphiteFailed,
      boolean silenced,
      Instant now) {
    AlertNotice.Level level = AlertNotice.Level.valueOf(state.level.name());
    if (level == AlertNotice.Level.ERROR && !graphiteFailed) {
      level = AlertNotice.Level.UNKNOWN;
    }
    List<String> recipients = new ArrayList<>(alert.notifyTo());
    String emailTo = alert.labels().get("email_to");
    if (emailTo != null) {
      for (String address : emailTo.split("[,;\\s]+")) {
        if (!address.isBlank() && validAddress(address.strip())) {
          recipients.add(address.strip());
        }
      }
    }
    boolean acknowledged = state.acknowledged(now);
    return new AlertNotice(
        alert.id(),
        alert.name(),
        level,
        state.since,
        state.lastValue,
        alert.warning(),
        alert.critical(),
        alert.direction() == null ? null : alert.direction().word(),
        observation.message(),
        alert.description(),
        alert.runbook(),
        alert.labels(),
        recipients,
        silenced,
        acknowledged,
        state.flapping,
        state.ackToken);
  }

  /** Hound's EmailTo is a label nobody validated: an entry that is no address is skipped. */
  private static boolean validAddress(String address) {
    try {
      io.opsroom.notify.EmailMessage.checkAddress(address);
      return true;
    } catch (IllegalArgumentException e) {
      LOG.debugf("email_to entry %s is not an address: skipped", address);
      return false;
    }
  }
}

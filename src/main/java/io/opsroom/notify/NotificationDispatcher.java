package io.opsroom.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.opsroom.platform.PgArrays;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Turns what the alert engine observed into messages: decides per alert and route what to say
 * ({@link NotifyPolicy}), keeps it in a per-route group until the route's {@code group_wait} has
 * passed, then flushes each group as one message per channel — or, when more alerts than the storm
 * cap come due at once, as one summary. Opsroom's own conditions (Graphite unreachable and back) go
 * to the admin channels, once each.
 *
 * <p>Everything is rows in PostgreSQL: the memory of what was sent ({@code alert_notify}), the
 * groups ({@code notify_pending}) and the messages (the outbox). Observing joins the engine's
 * transaction; a flush is one transaction under an advisory lock, so with several instances each
 * group is flushed once.
 */
@ApplicationScoped
public class NotificationDispatcher {

  private static final Logger LOG = Logger.getLogger(NotificationDispatcher.class);

  /** Graphs go into a message for its first few alerts only: a mail of 50 graphs helps nobody. */
  static final int GRAPHS_PER_MESSAGE = 5;

  private static final long FLUSH_LOCK = 0x6f70_7372_6f6f_6d05L;
  static final String GRAPHITE_CONDITION = "graphite";

  private static final ObjectMapper NOTICES =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  @Inject RoutesRegistry routing;
  @Inject NotificationOutbox outbox;
  @Inject Instance<ChannelFormatter> formatters;
  @Inject Instance<GraphSource> graphSources;
  @Inject EntityManager entityManager;
  @Inject Clock clock;
  @Inject MeterRegistry meters;

  @ConfigProperty(name = "opsroom.base-url", defaultValue = "http://localhost:8080")
  String baseUrl;

  /**
   * Takes one cycle's checks: what each alert is now, which started flapping this cycle, and (when
   * the cycle asked Graphite anything) whether Graphite as a whole failed. Joins the cycle's
   * transaction, so the states and what is to be said about them commit together.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void observe(
      Instant now,
      List<AlertNotice> notices,
      Set<String> flappingStarted,
      boolean graphiteAsked,
      Optional<String> graphiteProblem) {
    Routes routes = routing.current();
    Map<String, Map<String, AlertNotify>> memories = new HashMap<>();
    if (!notices.isEmpty()) {
      AlertNotify.<AlertNotify>listAll()
          .forEach(
              m ->
                  memories
                      .computeIfAbsent(m.key.alertId, k -> new LinkedHashMap<>())
                      .put(m.key.route, m));
    }
    for (AlertNotice notice : notices) {
      Map<String, AlertNotify> rows = memories.getOrDefault(notice.alertId(), Map.of());
      Map<String, NotifyPolicy.Memory> known = new LinkedHashMap<>();
      rows.forEach((route, row) -> known.put(route, row.memory()));
      NotifyPolicy.Decision decision =
          NotifyPolicy.decide(
              new NotifyPolicy.Observed(notice, flappingStarted.contains(notice.alertId())),
              known,
              routes,
              now);
      if (decision.isEmpty()) {
        continue;
      }
      for (NotifyPolicy.Queued queued : decision.queue()) {
        queue(notice, queued, now);
      }
      decision.forget().forEach(route -> rows.get(route).delete());
      decision
          .write()
          .forEach(
              (route, memory) -> {
                AlertNotify row = rows.get(route);
                if (row == null) {
                  row = new AlertNotify();
                  row.key = new AlertNotify.Key(notice.alertId(), route);
                  row.update(memory);
                  row.persist();
                } else {
                  row.update(memory);
                }
              });
    }
    if (graphiteAsked) {
      // A cycle that asked Graphite nothing knows nothing about it.
      graphiteCondition(graphiteProblem, routes, now);
    }
  }

  private void queue(AlertNotice notice, NotifyPolicy.Queued queued, Instant now) {
    // A group keeps the due time of its first item: later items join it rather than push it on.
    entityManager
        .createNativeQuery(
            """
            insert into notify_pending
                (route, alert_id, kind, level, channels, notice, due_at, created_at)
            values (:route, :alert, :kind, :level, cast(:channels as text[]),
                    cast(:notice as jsonb), :due, :now)""")
        .setParameter("route", queued.route())
        .setParameter("alert", notice.alertId())
        .setParameter("kind", kindName(queued.kind()))
        .setParameter("level", queued.level().name())
        .setParameter("channels", PgArrays.text(queued.channels()))
        .setParameter("notice", write(notice))
        .setParameter("due", queued.dueAt())
        .setParameter("now", now)
        .executeUpdate();
  }

  /** Flushes due groups on a schedule, so a group_wait ends on time between cycles. */
  @Scheduled(
      identity = "notification-group-flush",
      every = "{opsroom.notify.flush-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledFlush() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.error("Flushing notification groups failed; the next flush retries", e);
    }
  }

  /** Turns every due group into outbox messages now; returns how many alerts were in them. */
  public int flush() {
    Instant now = clock.instant();
    return QuarkusTransaction.requiringNew().timeout(120).call(() -> flush(now));
  }

  private int flush(Instant now) {
    entityManager
        .createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, FLUSH_LOCK)
        .getSingleResult();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                select id, route, alert_id, kind, level, channels, cast(notice as text)
                from notify_pending
                where route in (select route from notify_pending
                                group by route having min(due_at) <= :now)
                order by id""")
            .setParameter("now", now)
            .getResultList();
    if (rows.isEmpty()) {
      return 0;
    }
    List<Long> ids = new ArrayList<>();
    Map<String, List<Pending>> byRoute = new LinkedHashMap<>();
    for (Object[] row : rows) {
      ids.add(((Number) row[0]).longValue());
      Pending pending =
          new Pending(
              ((Number) row[0]).longValue(),
              (String) row[1],
              parseKind((String) row[3]),
              channels(row[5]),
              read((String) row[6]));
      byRoute.computeIfAbsent(pending.route(), r -> new ArrayList<>()).add(pending);
    }
    byRoute.replaceAll((route, items) -> collapse(items));
    Routes routes = routing.current();
    Set<String> alerts = new LinkedHashSet<>();
    byRoute.values().forEach(items -> items.forEach(p -> alerts.add(p.notice().alertId())));
    boolean storm = alerts.size() > routes.stormCap();
    if (storm) {
      storm(byRoute, routes, alerts.size(), now);
    } else {
      Map<String, byte[]> graphs = graphs(byRoute);
      byRoute.forEach((route, items) -> sendGroup(route, items, graphs, routes, now));
    }
    log(byRoute, storm, now);
    entityManager
        .createNativeQuery("delete from notify_pending where id = any(cast(:ids as bigint[]))")
        .setParameter("ids", PgArrays.numbers(ids))
        .executeUpdate();
    return alerts.size();
  }

  /** An item of a group, read back. */
  private record Pending(
      long id, String route, Dispatch.ItemKind kind, List<String> channels, AlertNotice notice) {}

  /**
   * One item per alert and route: the last word counts. An alert that fired and recovered within
   * the same group_wait was never announced, so it is left out altogether.
   */
  private static List<Pending> collapse(List<Pending> items) {
    Map<String, Pending> last = new LinkedHashMap<>();
    Set<String> firedHere = new LinkedHashSet<>();
    for (Pending p : items) {
      if (p.kind() == Dispatch.ItemKind.FIRING) {
        firedHere.add(p.notice().alertId());
      }
      last.remove(p.notice().alertId());
      last.put(p.notice().alertId(), p);
    }
    List<Pending> result = new ArrayList<>();
    for (Pending p : last.values()) {
      if (p.kind() == Dispatch.ItemKind.RECOVERED && firedHere.contains(p.notice().alertId())) {
        continue;
      }
      result.add(p);
    }
    return result;
  }

  private Map<String, byte[]> graphs(Map<String, List<Pending>> byRoute) {
    Map<String, AlertNotice> wanted = new LinkedHashMap<>();
    for (List<Pending> items : byRoute.values()) {
      items.stream()
          .filter(p -> p.kind() != Dispatch.ItemKind.RECOVERED)
          .limit(GRAPHS_PER_MESSAGE)
          .forEach(p -> wanted.putIfAbsent(p.notice().alertId(), p.notice()));
    }
    if (wanted.isEmpty() || graphSources.isUnsatisfied()) {
      return Map.of();
    }
    try {
      return graphSources.get().lastDay(List.copyOf(wanted.values()));
    } catch (RuntimeException e) {
      // A message without its graph is still worth sending.
      LOG.warnf("Drawing graphs for notifications failed: %s", e.toString());
      return Map.of();
    }
  }

  private void sendGroup(
      String route, List<Pending> items, Map<String, byte[]> graphs, Routes routes, Instant now) {
    if (items.isEmpty()) {
      return;
    }
    Map<String, List<Pending>> byChannel = new LinkedHashMap<>();
    for (Pending p : items) {
      p.channels().forEach(c -> byChannel.computeIfAbsent(c, k -> new ArrayList<>()).add(p));
    }
    String key = "alerts:" + route + ":" + items.get(0).id();
    byChannel.forEach(
        (channel, forChannel) -> {
          List<Dispatch.Item> dispatchItems = new ArrayList<>();
          int drawn = 0;
          for (Pending p : forChannel) {
            byte[] png = null;
            if (p.kind() != Dispatch.ItemKind.RECOVERED && drawn < GRAPHS_PER_MESSAGE) {
              png = graphs.get(p.notice().alertId());
              drawn++;
            }
            dispatchItems.add(new Dispatch.Item(p.notice(), p.kind(), png));
          }
          send(
              new Dispatch(
                  key, Dispatch.Kind.ALERTS, route, dispatchItems, null, null, now, base()),
              channel,
              routes);
        });
  }

  private void storm(Map<String, List<Pending>> byRoute, Routes routes, int count, Instant now) {
    Map<String, List<Dispatch.Item>> byChannel = new LinkedHashMap<>();
    long firstId = Long.MAX_VALUE;
    for (List<Pending> items : byRoute.values()) {
      for (Pending p : items) {
        firstId = Math.min(firstId, p.id());
        Dispatch.Item item = new Dispatch.Item(p.notice(), p.kind(), null);
        for (String channel : p.channels()) {
          List<Dispatch.Item> list = byChannel.computeIfAbsent(channel, k -> new ArrayList<>());
          if (list.stream().noneMatch(i -> i.notice().alertId().equals(p.notice().alertId()))) {
            list.add(item);
          }
        }
      }
    }
    String key = "storm:" + firstId;
    meters.counter("opsroom.notifications.storms").increment();
    LOG.warnf("%d alerts came due at once: sending one summary instead of their messages", count);
    byChannel.forEach(
        (channel, items) -> {
          long failing =
              items.stream().filter(i -> i.kind() != Dispatch.ItemKind.RECOVERED).count();
          long recovered = items.size() - failing;
          String title =
              failing > 0
                  ? "["
                      + Dispatch.worstLevel(items).name()
                      + "] "
                      + items.size()
                      + " alerts fired at once"
                  : "[RECOVERED] " + items.size() + " alerts recovered at once";
          String text =
              failing > 0
                  ? items.size()
                      + " alerts changed state together ("
                      + failing
                      + " failing"
                      + (recovered > 0 ? ", " + recovered + " recovered" : "")
                      + "): probably an infrastructure problem rather than "
                      + items.size()
                      + " separate ones. Their individual messages are held back; the status"
                      + " grid shows each one."
                  : items.size() + " alerts recovered together.";
          send(
              new Dispatch(key, Dispatch.Kind.STORM, null, items, title, text, now, base()),
              channel,
              routes);
        });
  }

  /**
   * Formats a message for one channel and queues it; a channel the routes lost is skipped. Returns
   * the outbox keys queued.
   */
  private List<String> send(Dispatch dispatch, String channelName, Routes routes) {
    Optional<ChannelSpec> channel = routes.channel(channelName);
    if (channel.isEmpty()) {
      LOG.warnf(
          "Channel %s is not in routes.yaml any more: message %s is not sent to it",
          channelName, dispatch.key());
      return List.of();
    }
    ChannelFormatter formatter =
        formatters.stream().filter(f -> f.type() == channel.get().type()).findFirst().orElse(null);
    if (formatter == null) {
      LOG.warnf("No formatter for channel type %s", channel.get().type());
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (Outbound outbound : formatter.format(dispatch, channel.get())) {
      outbox.enqueue(outbound);
      keys.add(outbound.dedupeKey());
    }
    return keys;
  }

  /**
   * Graphite unreachable is said once to the admin channels when it starts and once when it ends,
   * instead of as an ERROR of every alert. The condition's row makes that once across restarts and
   * instances: only the transaction that inserts (or deletes) it sends.
   */
  private void graphiteCondition(Optional<String> problem, Routes routes, Instant now) {
    if (problem.isPresent()) {
      int raised =
          entityManager
              .createNativeQuery(
                  "insert into notify_condition (name, raised_at, detail) values (:n, :at, :d)"
                      + " on conflict (name) do nothing")
              .setParameter("n", GRAPHITE_CONDITION)
              .setParameter("at", now)
              .setParameter("d", problem.get())
              .executeUpdate();
      if (raised == 1) {
        system(
            "graphite-down:" + now.getEpochSecond(),
            "[CRITICAL] Graphite unreachable",
            "Opsroom cannot read Graphite: "
                + problem.get()
                + ". Alerts show ERROR and are not checked until it answers again; no alert is"
                + " notified about it one by one. You will get one message when it is back.",
            routes,
            now);
      }
    } else {
      @SuppressWarnings("unchecked")
      List<Object> cleared =
          entityManager
              .createNativeQuery("delete from notify_condition where name = :n returning raised_at")
              .setParameter("n", GRAPHITE_CONDITION)
              .getResultList();
      if (!cleared.isEmpty()) {
        Instant raisedAt = instant(cleared.get(0));
        system(
            "graphite-back:" + raisedAt.getEpochSecond(),
            "[RECOVERED] Graphite back",
            "Graphite answers again after "
                + NoticeText.duration(Duration.between(raisedAt, now))
                + " (unreachable since "
                + NoticeText.time(raisedAt)
                + "). Alerts are checked again; any still failing are notified as usual.",
            routes,
            now);
      }
    }
  }

  private void system(String key, String title, String text, Routes routes, Instant now) {
    Dispatch dispatch =
        new Dispatch(key, Dispatch.Kind.SYSTEM, null, List.of(), title, text, now, base());
    if (routes.adminChannels().isEmpty()) {
      LOG.warnf("%s — no admin channel to tell (set admin: in routes.yaml)", title);
    }
    routes.adminChannels().forEach(channel -> send(dispatch, channel, routes));
  }

  /**
   * Sends a test message to one channel of routes.yaml; returns the outbox key of its message, or
   * empty when there is no such channel.
   */
  @Transactional
  public Optional<String> test(String channelName, String by) {
    Routes routes = routing.current();
    if (channelName.startsWith(Routes.MAILTO) || routes.channel(channelName).isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String key = "test:" + channelName + ":" + java.util.UUID.randomUUID();
    Dispatch dispatch =
        new Dispatch(
            key,
            Dispatch.Kind.TEST,
            null,
            List.of(),
            "[TEST] Opsroom test message for " + channelName,
            "This is a test message, sent by "
                + by
                + " from Opsroom's notifications page. If you can read it, alerts routed to "
                + channelName
                + " will reach you.",
            now,
            base());
    List<String> keys = send(dispatch, channelName, routes);
    return keys.stream().findFirst();
  }

  private void log(Map<String, List<Pending>> byRoute, boolean storm, Instant now) {
    for (List<Pending> items : byRoute.values()) {
      for (Pending p : items) {
        entityManager
            .createNativeQuery(
                """
                insert into notify_log (alert_id, at, kind, level, route, channels, storm)
                values (:alert, :at, :kind, :level, :route, cast(:channels as text[]), :storm)""")
            .setParameter("alert", p.notice().alertId())
            .setParameter("at", now)
            .setParameter("kind", kindName(p.kind()))
            .setParameter("level", p.notice().level().name())
            .setParameter("route", p.route())
            .setParameter("channels", PgArrays.text(p.channels()))
            .setParameter("storm", storm)
            .executeUpdate();
      }
    }
    meters
        .counter("opsroom.notifications.alerts", "storm", String.valueOf(storm))
        .increment(byRoute.values().stream().mapToInt(List::size).sum());
  }

  private String base() {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  static String kindName(Dispatch.ItemKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  static Dispatch.ItemKind parseKind(String kind) {
    return Dispatch.ItemKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT));
  }

  private static List<String> channels(Object column) {
    if (column instanceof String[] array) {
      return List.of(array);
    }
    if (column instanceof java.sql.Array array) {
      try {
        return List.of((String[]) array.getArray());
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("Unexpected channels column: " + column);
  }

  private static Instant instant(Object column) {
    if (column instanceof Instant i) {
      return i;
    }
    if (column instanceof Timestamp t) {
      return t.toInstant();
    }
    if (column instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    throw new IllegalStateException("Unexpected time column: " + column);
  }

  static String write(AlertNotice notice) {
    try {
      return NOTICES.writeValueAsString(notice);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the notice as JSON", e);
    }
  }

  static AlertNotice read(String json) {
    try {
      return NOTICES.readValue(json, AlertNotice.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read a queued notice: " + e.getMessage(), e);
    }
  }
}

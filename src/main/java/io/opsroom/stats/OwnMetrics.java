package io.opsroom.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Opsroom's own health as numbers: reads its meters (the same ones {@code /q/metrics} shows) every
 * {@code opsroom.stats.interval} into a 24-hour {@link OwnHistory} for the charts on {@code
 * /stats}, and sends each sample to carbon when {@code opsroom.stats.carbon} is set.
 */
@Startup
@ApplicationScoped
public class OwnMetrics {

  private static final Logger LOG = Logger.getLogger(OwnMetrics.class);

  @Inject MeterRegistry meters;
  @Inject Clock clock;
  @Inject StatsConfig config;
  @Inject PanelViews panels;

  private OwnHistory history;
  private CarbonReporter carbon;
  private OwnReading previous;

  /** Skips the scheduled sample where tests take samples themselves. */
  @Singleton
  public static class Switch implements Scheduled.SkipPredicate {
    @ConfigProperty(name = "opsroom.stats.sampler-enabled", defaultValue = "true")
    boolean enabled;

    @Override
    public boolean test(ScheduledExecution execution) {
      return !enabled;
    }
  }

  @PostConstruct
  void init() {
    Gauge.builder("opsroom.stats.panels.cached", this, own -> own.panels.cachedPanels())
        .description("Panels held drawn in the stats cache (graphs, embeds, dashboards)")
        .strongReference(true)
        .register(meters);
    history = new OwnHistory(config.interval());
    carbon =
        new CarbonReporter(config.carbon(), config.carbonPrefix(), CarbonReporter.CONNECT_TIMEOUT);
    // The first sample counts from here, so its counters cover a whole interval too.
    previous = read();
  }

  @Scheduled(
      identity = "own-metrics-sample",
      every = "{opsroom.stats.interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Switch.class)
  void scheduled() {
    try {
      sample();
    } catch (RuntimeException e) {
      LOG.error("Sampling Opsroom's own metrics failed; the next interval retries", e);
    }
  }

  /**
   * Reads the meters now, adds the sample to the history and sends it to carbon if set. Tests call
   * it instead of the scheduler.
   */
  public synchronized OwnSample sample() {
    OwnReading now = read();
    OwnSample sample = OwnSample.between(previous, now);
    previous = now;
    history.add(sample);
    carbon.send(sample, now.at());
    return sample;
  }

  public OwnHistory history() {
    return history;
  }

  public CarbonReporter carbon() {
    return carbon;
  }

  /** The meters as they are now; counters as totals since start. */
  public OwnReading read() {
    Map<String, Double> values = new TreeMap<>();
    for (Gauge gauge : meters.find("opsroom_alerts").gauges()) {
      String level = gauge.getId().getTag("level");
      if (level != null) {
        values.put("alerts." + level.toLowerCase(Locale.ROOT), gauge.value());
      }
    }
    Timer cycle = meters.find("opsroom_alert_cycle").timer();
    values.put(OwnReading.CYCLE_COUNT, cycle == null ? 0.0 : cycle.count());
    values.put(
        OwnReading.CYCLE_SECONDS_TOTAL, cycle == null ? 0.0 : cycle.totalTime(TimeUnit.SECONDS));
    gauge("opsroom.alerts.cycle.lag").ifPresent(v -> values.put("alerts.cycle.lag_seconds", v));
    gauge("opsroom.alerts.cycle.age").ifPresent(v -> values.put("alerts.cycle.age_seconds", v));

    double requests = 0;
    double errors = 0;
    for (Counter counter : meters.find("opsroom.graphite.requests").counters()) {
      requests += counter.count();
      if (!"ok".equals(counter.getId().getTag("outcome"))) {
        errors += counter.count();
      }
    }
    values.put("graphite.requests", requests);
    values.put("graphite.errors", errors);
    double latency = 0;
    for (Timer timer : meters.find("opsroom.graphite.latency").timers()) {
      latency += timer.totalTime(TimeUnit.SECONDS);
    }
    values.put(OwnReading.GRAPHITE_SECONDS_TOTAL, latency);

    for (Gauge gauge : meters.find("opsroom.notifications.unsent").gauges()) {
      String status = gauge.getId().getTag("status");
      values.put("pending".equals(status) ? "outbox.depth" : "outbox." + status, gauge.value());
    }
    gauge("opsroom.notifications.oldest.pending")
        .ifPresent(v -> values.put("outbox.oldest_pending_seconds", v));
    for (Counter counter : meters.find("opsroom.notifications.attempts").counters()) {
      String channel = counter.getId().getTag("channel");
      String outcome = "sent".equals(counter.getId().getTag("outcome")) ? "sent" : "failed";
      values.merge("notifications." + channel + "." + outcome, counter.count(), Double::sum);
    }
    // Both lines of a channel, so a channel that only ever failed still shows 0 sent.
    for (String name : java.util.List.copyOf(values.keySet())) {
      if (name.startsWith("notifications.") && OwnSample.isCounter(name)) {
        String channel = name.substring(0, name.lastIndexOf('.'));
        values.putIfAbsent(channel + ".sent", 0.0);
        values.putIfAbsent(channel + ".failed", 0.0);
      }
    }
    Counter storms = meters.find("opsroom.notifications.storms").counter();
    values.put("notifications.storms", storms == null ? 0.0 : storms.count());

    double ingested = 0;
    for (Counter counter : meters.find("opsroom.events.ingested").counters()) {
      ingested += counter.count();
      values.merge(
          "events.by_source." + counter.getId().getTag("source"), counter.count(), Double::sum);
    }
    values.put("events.ingested", ingested);
    gauge("opsroom.stats.panels.cached").ifPresent(v -> values.put("stats.panels_cached", v));
    return new OwnReading(clock.instant(), values);
  }

  private Optional<Double> gauge(String name) {
    Gauge gauge = meters.find(name).gauge();
    return gauge == null ? Optional.empty() : Optional.of(gauge.value());
  }
}

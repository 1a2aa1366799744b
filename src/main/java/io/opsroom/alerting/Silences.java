package io.opsroom.alerting;

import io.opsroom.notify.LabelMatcher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which alerts the silences cover now: the evaluation cycle, the status grid, the alert pages and
 * the API ask this bean. It also holds the installation's time zone ({@code OPSROOM_TIME_ZONE}), in
 * which pages show the times of silences and acknowledgements ({@code inject:silences}).
 */
@ApplicationScoped
@Named("silences")
public class Silences {

  private static final Logger LOG = Logger.getLogger(Silences.class);

  @Inject AlertRegistry registry;

  @ConfigProperty(name = "opsroom.time-zone", defaultValue = "UTC")
  String timeZone;

  private volatile ZoneId zone;

  /** One silence in force, as the cycle and the pages need it: no entity, safe to keep. */
  public record Entry(
      long id, List<LabelMatcher> matchers, Instant until, String author, String comment) {

    public boolean matches(Map<String, String> matchLabels) {
      return LabelMatcher.all(matchers, matchLabels);
    }
  }

  /**
   * The silences in force at one instant, loaded once: the cycle asks it for every alert without
   * another query.
   */
  public static final class Active {
    private final Instant at;
    private final List<Entry> entries;

    Active(Instant at, List<Entry> entries) {
      this.at = at;
      // The silence that lasts longest comes first: it is the one worth naming.
      this.entries =
          entries.stream()
              .sorted(
                  Comparator.comparing(Entry::until)
                      .reversed()
                      .thenComparing(Comparator.comparingLong(Entry::id)))
              .toList();
    }

    /** The silence that covers an alert with these labels (its own plus {@code alert}). */
    public Optional<Long> silencedBy(Map<String, String> matchLabels) {
      return match(matchLabels).map(Entry::id);
    }

    /** Whether any silence covers an alert with these labels (its own plus {@code alert}). */
    public boolean silences(Map<String, String> matchLabels) {
      return match(matchLabels).isPresent();
    }

    /** The covering silence with its end and comment, for the alert page. */
    public Optional<Entry> match(Map<String, String> matchLabels) {
      return entries.stream().filter(e -> e.matches(matchLabels)).findFirst();
    }

    public Instant at() {
      return at;
    }

    public List<Entry> entries() {
      return entries;
    }
  }

  /** Fails the start with a clear message when OPSROOM_TIME_ZONE names no time zone. */
  void checkSettings(@Observes StartupEvent start) {
    zone();
  }

  /** Loads the silences in force at {@code now} with one query. */
  @Transactional
  public Active active(Instant now) {
    List<Entry> entries = new ArrayList<>();
    for (Silence s : Silence.inPeriod(now)) {
      try {
        SilenceSchedule schedule = s.schedule();
        if (schedule.inForce(now)) {
          entries.add(
              new Entry(
                  s.id,
                  s.labelMatchers(),
                  schedule.inForceUntil(now).orElse(s.endsAt),
                  s.author,
                  s.comment));
        }
      } catch (IllegalArgumentException e) {
        // Only a row written around Opsroom can get here; one bad row must not stop the cycle.
        LOG.warnf("Silence #%d cannot be used: %s", s.id, e.getMessage());
      }
    }
    return new Active(now, entries);
  }

  /** The labels silences match for an alert: its own plus {@code alert} = its id. */
  public static Map<String, String> matchLabels(AlertDefinition alert) {
    Map<String, String> all = new TreeMap<>(alert.labels());
    all.put("alert", alert.id());
    return all;
  }

  /** The alerts running now that these matchers cover, in the registry's order. */
  public List<AlertDefinition> matching(List<LabelMatcher> matchers) {
    if (matchers.isEmpty()) {
      return List.of();
    }
    return registry.definitions().stream()
        .filter(a -> LabelMatcher.all(matchers, matchLabels(a)))
        .toList();
  }

  /** The installation's time zone, for the forms and the times shown. */
  public ZoneId zone() {
    ZoneId known = zone;
    if (known == null) {
      try {
        known = SilenceSchedule.parseZone(timeZone);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("OPSROOM_TIME_ZONE: " + e.getMessage(), e);
      }
      zone = known;
    }
    return known;
  }

  /** A time on the installation's wall clock: {@code 2026-03-28 23:00 Europe/Berlin}. */
  public String format(Instant t) {
    return SilenceSchedule.format(t, zone());
  }
}

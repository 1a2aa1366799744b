package io.opsroom.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One outage's timeline read from its events (those tagged {@code outage=<key>}): when it started,
 * was detected and was resolved, how its impact changed, and what is inconsistent about it.
 *
 * <p>Events that arrive through tags (the API, scripts, the Graphite receiver) are not checked
 * against each other when they are written, so this class decides with fixed rules and says what it
 * decided in {@link #warnings()}:
 *
 * <ul>
 *   <li>the earliest {@code start} is the start; later ones are ignored;
 *   <li>the earliest {@code detected} at or after the start is the detection; one before the start
 *       is ignored;
 *   <li>the earliest {@code resolved} at or after the start is the resolution; one before the start
 *       is ignored;
 *   <li>{@code impact=<n>} must be a whole number from 0 up; on the start event it is the impact
 *       from the start (100 when not given); on any later event it changes the impact from that
 *       event's time; changes before the start or after the resolution are ignored;
 *   <li>without a start there is no outage to measure: the report leaves it out and lists it as a
 *       problem.
 * </ul>
 *
 * Plain Java, so the rules are tested without a database.
 */
public final class OutageTimeline {

  /** The tag key that ties an event to an outage. */
  public static final String KEY_TAG = "outage";

  public static final String IMPACT_TAG = "impact";
  public static final String START = "start";
  public static final String DETECTED = "detected";
  public static final String RESOLVED = "resolved";

  /** The impact of an outage whose start event gives none: everything is down. */
  public static final int DEFAULT_IMPACT = 100;

  /** Outage keys: lower-case, usable in a URL and a tag; the outage table's check says the same. */
  public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

  /** What an event is to its outage. */
  public enum Kind {
    START,
    DETECTED,
    RESOLVED,
    /** Only changes the impact. */
    IMPACT,
    /** Anything else tagged with the outage: a note, a deploy of the fix, an alert. */
    NOTE;

    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * An event as the timeline needs it; {@link #of(Event)} makes one from a stored event.
   *
   * @param id the event's id (orders events at the same time: the later write wins)
   * @param at its time
   * @param title its title
   * @param tags its tags, normalized
   * @param source where it came from
   * @param author who wrote it
   */
  public record Entry(
      long id, Instant at, String title, List<String> tags, String source, String author) {

    public Entry {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static Entry of(Event event) {
      return new Entry(
          event.id == null ? 0 : event.id,
          event.at,
          event.title,
          event.tags,
          event.source,
          event.author);
    }

    boolean has(String word) {
      return tags.contains(word);
    }

    List<String> values(String key) {
      List<String> values = new ArrayList<>();
      String prefix = key + "=";
      for (String tag : tags) {
        if (tag.startsWith(prefix)) {
          values.add(tag.substring(prefix.length()));
        }
      }
      return values;
    }
  }

  /**
   * One event on the timeline, with what it meant.
   *
   * @param entry the event
   * @param kind its role: the step words win over an impact change, the earliest step over a later
   * @param impact the impact it set, or null
   * @param counted false for an event the rules above ignored (its warning says why)
   */
  public record Step(Entry entry, Kind kind, Integer impact, boolean counted) {}

  /**
   * The impact over one stretch of the outage.
   *
   * @param from where it begins
   * @param until where it ends; null while the outage is open (until now)
   * @param impact the impact in percent, 0 up (above 100 for unrecoverable loss)
   */
  public record Segment(Instant from, Instant until, int impact) {}

  private final String key;
  private final String title;
  private final List<Step> steps;
  private final Instant start;
  private final Instant detected;
  private final Instant resolved;
  private final List<Segment> segments;
  private final List<String> warnings;

  private OutageTimeline(
      String key,
      String title,
      List<Step> steps,
      Instant start,
      Instant detected,
      Instant resolved,
      List<Segment> segments,
      List<String> warnings) {
    this.key = key;
    this.title = title;
    this.steps = List.copyOf(steps);
    this.start = start;
    this.detected = detected;
    this.resolved = resolved;
    this.segments = List.copyOf(segments);
    this.warnings = List.copyOf(warnings);
  }

  /** The timeline of stored events. */
  public static OutageTimeline ofEvents(String key, String title, List<Event> events) {
    return of(key, title, events.stream().map(Entry::of).toList());
  }

  /** Reads the timeline of outage {@code key} from its events, in any order. */
  public static OutageTimeline of(String key, String title, List<Entry> entries) {
    List<Entry> ordered = new ArrayList<>(entries);
    ordered.sort(Comparator.comparing(Entry::at).thenComparingLong(Entry::id));
    List<String> warnings = new ArrayList<>();

    // Impacts first: a malformed one is reported once, whatever else the event says.
    List<Integer> impacts = new ArrayList<>();
    for (Entry e : ordered) {
      impacts.add(impactOf(e, warnings));
    }

    List<Entry> starts = ordered.stream().filter(e -> e.has(START)).toList();
    Entry startEntry = starts.isEmpty() ? null : starts.get(0);
    Instant start = startEntry == null ? null : startEntry.at();
    if (starts.size() > 1) {
      warnings.add(
          starts.size()
              + " start events: the earliest ("
              + start
              + ") counts, the others are ignored.");
    }
    if (start == null && !ordered.isEmpty()) {
      warnings.add(
          "No start event: the outage cannot be measured and is left out of the report. Add an"
              + " event tagged outage="
              + key
              + " start.");
    }

    Entry detectedEntry = firstAfterStart(ordered, DETECTED, start, warnings);
    Entry resolvedEntry = firstAfterStart(ordered, RESOLVED, start, warnings);
    Instant detected = detectedEntry == null ? null : detectedEntry.at();
    Instant resolved = resolvedEntry == null ? null : resolvedEntry.at();

    List<Step> steps = new ArrayList<>();
    List<Segment> segments = new ArrayList<>();
    int current = DEFAULT_IMPACT;
    Instant segmentStart = start;
    if (startEntry != null) {
      Integer startImpact = impacts.get(ordered.indexOf(startEntry));
      current = startImpact == null ? DEFAULT_IMPACT : startImpact;
    }
    for (int i = 0; i < ordered.size(); i++) {
      Entry e = ordered.get(i);
      Integer impact = impacts.get(i);
      Kind kind = kindOf(e, impact);
      boolean counted;
      if (e == startEntry) {
        counted = true;
      } else if (kind == Kind.START) {
        counted = false;
      } else if (kind == Kind.DETECTED) {
        counted = e == detectedEntry;
      } else if (kind == Kind.RESOLVED) {
        counted = e == resolvedEntry;
      } else {
        counted = true;
      }
      // An impact on any event after the start changes the impact from then on; an ignored
      // second start changes nothing.
      if (impact != null && start != null && kind != Kind.START) {
        if (e.at().isBefore(start)) {
          warnings.add(
              "The impact change to "
                  + impact
                  + "% at "
                  + e.at()
                  + " is before the start ("
                  + start
                  + ") and is ignored.");
          counted = kind == Kind.IMPACT ? false : counted;
        } else if (resolved != null && e.at().isAfter(resolved)) {
          warnings.add(
              "The impact change to "
                  + impact
                  + "% at "
                  + e.at()
                  + " is after the resolution ("
                  + resolved
                  + ") and is ignored.");
          counted = kind == Kind.IMPACT ? false : counted;
        } else if (resolved == null || e.at().isBefore(resolved)) {
          if (e.at().equals(segmentStart)) {
            // Two impacts at one moment: the later write wins, no empty stretch is kept.
            current = impact;
          } else if (impact != current) {
            segments.add(new Segment(segmentStart, e.at(), current));
            segmentStart = e.at();
            current = impact;
          }
        }
      }
      steps.add(new Step(e, kind, impact, counted));
    }
    if (start != null) {
      segments.add(new Segment(segmentStart, resolved, current));
    }
    return new OutageTimeline(
        key, title, steps, start, detected, resolved, segments, dedupe(warnings));
  }

  /** The earliest event with {@code word} at or after the start; warns about the others. */
  private static Entry firstAfterStart(
      List<Entry> ordered, String word, Instant start, List<String> warnings) {
    Entry first = null;
    int count = 0;
    for (Entry e : ordered) {
      if (!e.has(word)) {
        continue;
      }
      count++;
      if (start == null) {
        continue;
      }
      if (e.at().isBefore(start)) {
        warnings.add(
            "A "
                + word
                + " event at "
                + e.at()
                + " is before the start ("
                + start
                + ") and is ignored.");
      } else if (first == null) {
        first = e;
      }
    }
    if (count > 1 && first != null) {
      warnings.add(
          count
              + " "
              + word
              + " events: the earliest after the start ("
              + first.at()
              + ") counts.");
    }
    return first;
  }

  /** The impact an event sets, or null; a malformed one is reported and ignored. */
  private static Integer impactOf(Entry e, List<String> warnings) {
    List<String> values = e.values(IMPACT_TAG);
    if (values.isEmpty()) {
      return null;
    }
    Integer impact = parseImpact(values.get(0));
    if (impact == null) {
      warnings.add(
          "impact="
              + values.get(0)
              + " on \""
              + e.title()
              + "\" ("
              + e.at()
              + ") is not a whole number from 0 up and is ignored.");
      return null;
    }
    if (values.size() > 1) {
      warnings.add(
          "\"" + e.title() + "\" (" + e.at() + ") gives several impacts: the first one counts.");
    }
    return impact;
  }

  /** A whole number from 0 up (above 100 for unrecoverable loss), or null. */
  public static Integer parseImpact(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (!WHOLE_NUMBER.matcher(t).matches()) {
      return null;
    }
    return Integer.parseInt(t);
  }

  private static Kind kindOf(Entry e, Integer impact) {
    if (e.has(START)) {
      return Kind.START;
    }
    if (e.has(DETECTED)) {
      return Kind.DETECTED;
    }
    if (e.has(RESOLVED)) {
      return Kind.RESOLVED;
    }
    return impact != null ? Kind.IMPACT : Kind.NOTE;
  }

  private static List<String> dedupe(List<String> warnings) {
    return warnings.stream().distinct().toList();
  }

  public String key() {
    return key;
  }

  public String title() {
    return title;
  }

  /** Every event of the outage in time order, with its meaning. */
  public List<Step> steps() {
    return steps;
  }

  /** The start, or null when no event says it started. */
  public Instant start() {
    return start;
  }

  public Instant detected() {
    return detected;
  }

  public Instant resolved() {
    return resolved;
  }

  /** The impact from start to resolution (or to now), stretch by stretch; empty without start. */
  public List<Segment> segments() {
    return segments;
  }

  /** What the rules had to decide, for people to fix. */
  public List<String> warnings() {
    return warnings;
  }

  public boolean hasStart() {
    return start != null;
  }

  public boolean isOpen() {
    return start != null && resolved == null;
  }

  /** The impact at the start (100 unless given). */
  public Integer startImpact() {
    return segments.isEmpty() ? null : segments.get(0).impact();
  }

  /** The impact now: the last stretch's; null without start. */
  public Integer lastImpact() {
    return segments.isEmpty() ? null : segments.get(segments.size() - 1).impact();
  }

  /** The highest impact at any moment of the outage; null without start. */
  public Integer peakImpact() {
    return segments.stream().map(Segment::impact).max(Integer::compare).orElse(null);
  }

  /** Whether the impact changed after the start. */
  public boolean impactChanged() {
    return segments.size() > 1;
  }

  /** detected − start, or null. */
  public Duration ttd() {
    return start == null || detected == null ? null : Duration.between(start, detected);
  }

  /** resolved − start, or null while open. */
  public Duration ttr() {
    return start == null || resolved == null ? null : Duration.between(start, resolved);
  }

  /**
   * ∫ impact(t)/100 dt from the start to the resolution, or to {@code now} while open: with one
   * impact throughout, TTR × impact / 100. Above 100 % it is longer than the outage.
   */
  public Duration weightedDowntime(Instant now) {
    double seconds = 0;
    for (Segment s : segments) {
      Instant until = s.until() == null ? now : s.until();
      if (until.isAfter(s.from())) {
        seconds += seconds(Duration.between(s.from(), until)) * s.impact() / 100.0;
      }
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}

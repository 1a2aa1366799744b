package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
import io.opsroom.platform.Markdown;
import io.opsroom.platform.PgArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Declares outages and records their steps (detected, resolved, a change of impact, the
 * post-mortem, notes), each as an event through {@link EventService}, after checking it against the
 * outage's timeline: a resolution before the start or a second resolution is refused here, whereas
 * contradictory events that arrive through plain tags are only flagged by {@link OutageTimeline}.
 * Also reads outages with their timelines for the pages, the API and the report.
 */
@ApplicationScoped
public class OutageService {

  public static final int MAX_TITLE = 300;
  public static final int MAX_URL = 2000;

  /** A step may be entered a little ahead of the server's clock (a browser's clock is not ours). */
  static final Duration FUTURE_SLACK = Duration.ofMinutes(2);

  /** How many alert events the outage page lists at most. */
  static final int MAX_ALERTS = 200;

  private static final Pattern APPLICATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** Tags that the outage's own fields set; they are not accepted as extra tags. */
  private static final Set<String> STEP_WORDS =
      Set.of(OutageTimeline.START, OutageTimeline.DETECTED, OutageTimeline.RESOLVED);

  /** key=value tags of the start event that later steps do not inherit. */
  private static final Set<String> NOT_INHERITED =
      Set.of(OutageTimeline.KEY_TAG, OutageTimeline.IMPACT_TAG, "alert", "level", "from");

  /** The columns of {@link Event}: the generated search vector is left out. */
  private static final String EVENT_COLUMNS =
      "id, at, end_at, title, body, tags, attrs, source, author, created_at, updated_at";

  @Inject EventService events;
  @Inject EntityManager em;
  @Inject Clock clock;

  @ConfigProperty(name = "opsroom.time-zone", defaultValue = "UTC")
  String timeZone;

  /**
   * A new outage.
   *
   * @param key its key; blank to derive one from the title and the start date
   * @param title what is broken, one line
   * @param start when it began; null for now
   * @param impact percent affected, a whole number from 0 (above 100 for lost data); blank for 100
   * @param application the application's name, optional: its first CRITICAL alert detects it
   * @param postmortemUrl optional
   * @param tags extra tags for the outage's events (the installation's attributes, say); optional
   */
  public record Declaration(
      String key,
      String title,
      Instant start,
      String impact,
      String application,
      String postmortemUrl,
      List<String> tags) {}

  /**
   * A step: detected, resolved, a change of impact or a note.
   *
   * @param time when; null for now
   * @param impact the new impact, for a change of impact
   * @param note a line or more (markdown) kept as the event's body; optional
   */
  public record Step(Instant time, String impact, String note) {}

  /** Changes to the outage's own fields; null leaves a field alone, blank clears it. */
  public record Changes(String title, String postmortemUrl, String application) {}

  /** An outage with its timeline. */
  public record Listed(Outage outage, OutageTimeline timeline) {

    public String key() {
      return outage.key;
    }
  }

  /** An alert that fired while an outage was going on (an alert event). */
  public record AlertFired(
      long eventId,
      Instant at,
      String alertId,
      String level,
      String title,
      String app,
      String server) {}

  // --- Reading ------------------------------------------------------------------------------

  /** The installation's time zone, for key suggestions and the pages. */
  public ZoneId zone() {
    try {
      return ZoneId.of(timeZone.strip());
    } catch (DateTimeException | NullPointerException e) {
      return ZoneOffset.UTC;
    }
  }

  /** The outage; 400 for a key that cannot be one, 404 for an unknown one. */
  @Transactional
  public Outage find(String key) {
    checkKeySyntax(key);
    Outage outage = Outage.findById(key);
    if (outage == null) {
      throw new NotFoundException("No outage " + key);
    }
    return outage;
  }

  @Transactional
  public Listed get(String key) {
    Outage outage = find(key);
    return new Listed(outage, timeline(outage));
  }

  /** The timeline of one outage, from its events. */
  @Transactional
  public OutageTimeline timeline(Outage outage) {
    return OutageTimeline.ofEvents(outage.key, outage.title, eventsOf(outage.key));
  }

  /** The events tagged {@code outage=<key>}, oldest first. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<Event> eventsOf(String key) {
    return em.createNativeQuery(
            "select "
                + EVENT_COLUMNS
                + " from event where tags @> array[cast(?1 as text)] order by at, id",
            Event.class)
        .setParameter(1, Tags.pair(OutageTimeline.KEY_TAG, key))
        .getResultList();
  }

  /**
   * Every outage with its timeline: two queries. Outages are rare (tens a year), so reading them
   * all for a list or a report is cheaper than being clever.
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<Listed> all() {
    List<Outage> outages = Outage.listAll();
    List<Event> tagged =
        em.createNativeQuery(
                "select "
                    + EVENT_COLUMNS
                    + " from event where attrs @> cast('{\"outage\": []}' as jsonb)"
                    + " order by at, id",
                Event.class)
            .getResultList();
    Map<String, List<Event>> byKey = new LinkedHashMap<>();
    for (Event e : tagged) {
      for (String key : e.values(OutageTimeline.KEY_TAG)) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
      }
    }
    List<Listed> listed = new ArrayList<>();
    for (Outage o : outages) {
      listed.add(
          new Listed(
              o, OutageTimeline.ofEvents(o.key, o.title, byKey.getOrDefault(o.key, List.of()))));
    }
    // Open ones first, then the latest start first; those without start last.
    listed.sort(
        Comparator.comparing((Listed l) -> !l.timeline().isOpen())
            .thenComparing(
                l -> l.timeline().start(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Listed::key));
    return listed;
  }

  /**
   * The outages that matter for a report of {@code [from, until)}: all with a start (the report
   * picks those starting in the period) and those without a start that have an event in the period
   * or were created in it, to be listed as problems.
   */
  @Transactional
  public List<OutageTimeline> forReport(Instant from, Instant until) {
    List<OutageTimeline> timelines = new ArrayList<>();
    for (Listed l : all()) {
      OutageTimeline t = l.timeline();
      if (t.hasStart()
          || within(l.outage().createdAt, from, until)
          || t.steps().stream().anyMatch(s -> within(s.entry().at(), from, until))) {
        timelines.add(t);
      }
    }
    return timelines;
  }

  /** The ops report of {@code [from, until)} as of now. */
  @Transactional
  public OpsReport.Result report(Instant from, Instant until) {
    return OpsReport.compute(forReport(from, until), from, until, clock.instant());
  }

  private static boolean within(Instant t, Instant from, Instant until) {
    return t != null && !t.isBefore(from) && t.isBefore(until);
  }

  /**
   * The alert events (source alert, level critical or warning) from the outage's start to its
   * resolution, or to now while it is open; earliest first.
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<AlertFired> alertsDuring(OutageTimeline t) {
    if (!t.hasStart()) {
      return List.of();
    }
    Instant end = t.resolved() != null ? t.resolved() : clock.instant();
    List<Event> found =
        em.createNativeQuery(
                "select "
                    + EVENT_COLUMNS
                    + " from event where source = 'alert'"
                    + " and tags && cast('{level=critical,level=warning}' as text[])"
                    + " and at >= ?1 and at <= ?2 order by at, id limit "
                    + MAX_ALERTS,
                Event.class)
            .setParameter(1, t.start())
            .setParameter(2, end)
            .getResultList();
    return found.stream()
        .map(
            e ->
                new AlertFired(
                    e.id,
                    e.at,
                    e.value("alert"),
                    e.value("level"),
                    e.title,
                    e.value("app"),
                    e.value("server")))
        .toList();
  }

  /**
   * A key for an outage titled {@code title} that starts at {@code start}: the title's words and
   * the date, {@code checkout-down-2026-03-28}, made unique with {@code -2}, {@code -3}.
   */
  @Transactional
  public String suggestKey(String title, Instant start) {
    String slug =
        Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (slug.length() > 60) {
      slug = slug.substring(0, 60).replaceAll("-+$", "");
    }
    if (slug.isEmpty()) {
      slug = "outage";
    }
    String base =
        slug + "-" + (start == null ? clock.instant() : start).atZone(zone()).toLocalDate();
    String key = base;
    for (int n = 2; Outage.findById(key) != null; n++) {
      key = base + "-" + n;
    }
    return key;
  }

  // --- Writing ------------------------------------------------------------------------------

  /**
   * Declares an outage: its row and its start event, and, when an application is named, the
   * detection by that application's first CRITICAL alert since the start. 409 when the key is
   * taken; every other problem at once as 400.
   */
  @Transactional
  public Outage declare(Declaration in, String author, EventSource source) {
    Instant now = clock.instant();
    Map<String, String> errors = new LinkedHashMap<>();
    String title = in.title() == null ? "" : in.title().strip();
    if (title.isEmpty()) {
      errors.put("title", "Say what is broken, in one line.");
    } else if (title.length() > MAX_TITLE) {
      errors.put("title", "A title has at most " + MAX_TITLE + " characters.");
    }
    Instant start = in.start() == null ? now : in.start();
    timeProblem(start, now, "start", "The start", errors);
    String key = in.key() == null ? "" : in.key().strip();
    if (key.isEmpty() && !errors.containsKey("title")) {
      key = suggestKey(title, start);
    } else if (!key.isEmpty() && !OutageTimeline.KEY.matcher(key).matches()) {
      errors.put("key", keyMessage(key));
    }
    Integer impact = OutageTimeline.DEFAULT_IMPACT;
    if (in.impact() != null && !in.impact().isBlank()) {
      impact = OutageTimeline.parseImpact(in.impact());
      if (impact == null) {
        errors.put("impact", impactMessage(in.impact()));
      }
    }
    String application = blankToNull(in.application());
    if (application != null && !APPLICATION.matcher(application).matches()) {
      errors.put(
          "application",
          "An application name is one word of letters, digits, '.', '_' or '-' (as in app=web).");
    }
    String postmortem = blankToNull(in.postmortemUrl());
    urlProblem(postmortem, errors);
    List<String> extra = extraTags(in.tags(), errors);
    // Events tagged with the key make it taken too: declaring over them would mix two outages.
    boolean taken =
        !key.isEmpty()
            && !errors.containsKey("key")
            && (Outage.findById(key) != null || !eventsOf(key).isEmpty());
    if (taken) {
      String message = "An outage with the key " + key + " exists already: choose another key.";
      if (errors.isEmpty()) {
        throw InvalidInputException.conflict("key", message);
      }
      errors.put("key", message);
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }

    Outage outage = new Outage();
    outage.key = key;
    outage.title = title;
    outage.application = application;
    outage.postmortemUrl = postmortem;
    outage.createdBy = author;
    outage.createdAt = now;
    outage.updatedAt = now;
    outage.persist();

    List<String> tags = new ArrayList<>();
    tags.add(Tags.pair(OutageTimeline.KEY_TAG, key));
    tags.add(OutageTimeline.START);
    tags.add(Tags.pair(OutageTimeline.IMPACT_TAG, String.valueOf(impact)));
    if (application != null) {
      tags.add(Tags.pair("app", application));
    }
    tags.addAll(extra);
    write(
        new EventInput(
            start,
            null,
            "Outage started: " + title,
            postmortem == null ? "" : "Post-mortem: " + postmortem,
            tags),
        author,
        source,
        "start");
    if (application != null) {
      firstCriticalAlert(application, start, now)
          .ifPresent(alert -> detectedByAlert(outage, timeline(outage), alert));
    }
    return outage;
  }

  /** Marks the outage detected; 409 when it was detected already or has no start. */
  @Transactional
  public Event markDetected(String key, Step in, String author, EventSource source) {
    return markStep(key, in, author, source, OutageTimeline.DETECTED, OutageTimeline::detected);
  }

  /** Marks the outage resolved; 409 when it was resolved already or has no start. */
  @Transactional
  public Event markResolved(String key, Step in, String author, EventSource source) {
    return markStep(key, in, author, source, OutageTimeline.RESOLVED, OutageTimeline::resolved);
  }

  /** Writes the detected or resolved step, once, at or after the start. */
  private Event markStep(
      String key,
      Step in,
      String author,
      EventSource source,
      String step,
      java.util.function.Function<OutageTimeline, Instant> already) {
    Outage outage = lock(key);
    OutageTimeline t = timeline(outage);
    requireStart(t);
    Instant before = already.apply(t);
    if (before != null) {
      throw InvalidInputException.conflict(
          "time", "This outage was marked " + step + " already, at " + before + ".");
    }
    Instant time =
        stepTime(in, t, step.equals(OutageTimeline.DETECTED) ? "The detection" : "The resolution");
    return write(
        new EventInput(
            time,
            null,
            "Outage " + step + ": " + outage.title,
            in.note(),
            stepTags(outage, t, step)),
        author,
        source,
        "time");
  }

  /** Records a change of impact between the start and the resolution. */
  @Transactional
  public Event changeImpact(String key, Step in, String author, EventSource source) {
    Outage outage = lock(key);
    OutageTimeline t = timeline(outage);
    requireStart(t);
    Map<String, String> errors = new LinkedHashMap<>();
    Integer impact = null;
    if (in.impact() == null || in.impact().isBlank()) {
      errors.put("impact", "Give the new impact in percent, a whole number such as 40.");
    } else {
      impact = OutageTimeline.parseImpact(in.impact());
      if (impact == null) {
        errors.put("impact", impactMessage(in.impact()));
      }
    }
    Instant time = null;
    try {
      time = stepTime(in, t, "The change of impact");
    } catch (InvalidInputException e) {
      errors.putAll(e.fieldErrors());
    }
    if (time != null && t.resolved() != null && time.isAfter(t.resolved())) {
      errors.put(
          "time",
          "The change of impact ("
              + time
              + ") is after the resolution ("
              + t.resolved()
              + "): nothing is affected any more.");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    List<String> tags = stepTags(outage, t, null);
    tags.add(1, Tags.pair(OutageTimeline.IMPACT_TAG, String.valueOf(impact)));
    return write(
        new EventInput(
            time, null, "Outage impact now " + impact + "%: " + outage.title, in.note(), tags),
        author,
        source,
        "time");
  }

  /** Adds a note (an event tagged with the outage and {@code note}) at its time. */
  @Transactional
  public Event addNote(String key, Step in, String author, EventSource source) {
    Outage outage = lock(key);
    OutageTimeline t = timeline(outage);
    String text = in.note() == null ? "" : in.note().strip();
    if (text.isEmpty()) {
      throw InvalidInputException.field("note", "Write the note.");
    }
    Instant now = clock.instant();
    Instant time = in.time() == null ? now : in.time();
    Map<String, String> errors = new LinkedHashMap<>();
    timeProblem(time, now, "time", "The note's time", errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    // The title is the note's first line without its markup; the body keeps the markdown.
    String firstLine = Markdown.toPlainText(text.lines().findFirst().orElse(text), 200);
    if (firstLine.isBlank()) {
      firstLine = "Note";
    }
    return write(
        new EventInput(time, null, firstLine, text, stepTags(outage, t, "note")),
        author,
        source,
        "note");
  }

  /**
   * Changes the title, post-mortem link or application. A new post-mortem link is also written as
   * an event, so the changelog shows when the post-mortem appeared.
   */
  @Transactional
  public Outage update(String key, Changes in, String author, EventSource source) {
    Outage outage = lock(key);
    Map<String, String> errors = new LinkedHashMap<>();
    String title = in.title() == null ? null : in.title().strip();
    if (title != null) {
      if (title.isEmpty()) {
        errors.put("title", "Say what is broken, in one line.");
      } else if (title.length() > MAX_TITLE) {
        errors.put("title", "A title has at most " + MAX_TITLE + " characters.");
      }
    }
    String postmortem = in.postmortemUrl() == null ? null : in.postmortemUrl().strip();
    if (postmortem != null && !postmortem.isEmpty()) {
      urlProblem(postmortem, errors);
    }
    String application = in.application() == null ? null : in.application().strip();
    if (application != null
        && !application.isEmpty()
        && !APPLICATION.matcher(application).matches()) {
      errors.put(
          "application",
          "An application name is one word of letters, digits, '.', '_' or '-' (as in app=web).");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    boolean newPostmortem =
        postmortem != null && !postmortem.isEmpty() && !postmortem.equals(outage.postmortemUrl);
    if (title != null) {
      outage.title = title;
    }
    if (postmortem != null) {
      outage.postmortemUrl = postmortem.isEmpty() ? null : postmortem;
    }
    if (application != null) {
      outage.application = application.isEmpty() ? null : application;
    }
    outage.updatedAt = clock.instant();
    if (newPostmortem) {
      write(
          new EventInput(
              null,
              null,
              "Post-mortem of " + outage.title,
              "[" + postmortem + "](" + postmortem + ")",
              stepTags(outage, timeline(outage), "postmortem")),
          author,
          source,
          "postmortemUrl");
    }
    return outage;
  }

  /**
   * The first CRITICAL alert of an application marks an open outage of that application detected,
   * at the alert's time, once. Called by {@link OutageTracker} for each alert event.
   */
  @Transactional
  public void alertFired(Event alert) {
    String app = alert.value("app");
    if (app == null) {
      return;
    }
    List<Outage> candidates = Outage.list("application", app);
    for (Outage candidate : candidates) {
      Outage outage = Outage.findById(candidate.key, LockModeType.PESSIMISTIC_WRITE);
      OutageTimeline t = timeline(outage);
      if (t.isOpen() && t.detected() == null && !alert.at.isBefore(t.start())) {
        detectedByAlert(outage, t, alert);
      }
    }
  }

  private void detectedByAlert(Outage outage, OutageTimeline t, Event alert) {
    List<String> tags = stepTags(outage, t, OutageTimeline.DETECTED);
    String alertId = alert.value("alert");
    if (alertId != null) {
      tags.add(Tags.pair("alert", alertId));
    }
    events.create(
        new EventInput(
            alert.at,
            null,
            "Outage detected: " + outage.title,
            "Detected by the first CRITICAL alert of "
                + outage.application
                + ": "
                + alert.title
                + (alertId == null ? "" : " ([" + alertId + "](/alerts/" + alertId + "))")
                + ".",
            tags),
        "opsroom",
        EventSource.ALERT);
  }

  /** The earliest CRITICAL alert event of an application in {@code [from, until]}. */
  @SuppressWarnings("unchecked")
  private Optional<Event> firstCriticalAlert(String app, Instant from, Instant until) {
    List<Event> found =
        em.createNativeQuery(
                "select "
                    + EVENT_COLUMNS
                    + " from event where source = 'alert' and tags @> cast(?1 as text[])"
                    + " and at >= ?2 and at <= ?3 order by at, id limit 1",
                Event.class)
            .setParameter(1, PgArrays.text(List.of("level=critical", "app=" + app)))
            .setParameter(2, from)
            .setParameter(3, until)
            .getResultList();
    return found.stream().findFirst();
  }

  // --- Helpers ------------------------------------------------------------------------------

  /** Finds and locks the outage, so two people resolving at once write one resolution. */
  private Outage lock(String key) {
    checkKeySyntax(key);
    Outage outage = Outage.findById(key, LockModeType.PESSIMISTIC_WRITE);
    if (outage == null) {
      throw new NotFoundException("No outage " + key);
    }
    return outage;
  }

  static void checkKeySyntax(String key) {
    if (key == null || !OutageTimeline.KEY.matcher(key).matches()) {
      throw InvalidInputException.field("key", keyMessage(key));
    }
  }

  static String keyMessage(String key) {
    return "\""
        + key
        + "\" is not an outage key: use 1 to 80 lower-case letters, digits, '.', '_' or '-',"
        + " starting with a letter or digit, such as db-2026-03-28.";
  }

  static String impactMessage(String impact) {
    return "\""
        + impact
        + "\" is not an impact: give a whole number of percent from 0 (100 = everything down;"
        + " above 100 for lost data).";
  }

  private static void requireStart(OutageTimeline t) {
    if (!t.hasStart()) {
      throw InvalidInputException.conflict(
          "time",
          "This outage has no start event, so it cannot be detected, resolved or change impact."
              + " Add an event tagged outage="
              + t.key()
              + " start first.");
    }
  }

  /** The step's time (now when not given), refused before the start or in the future. */
  private Instant stepTime(Step in, OutageTimeline t, String what) {
    Instant now = clock.instant();
    Instant time = in.time() == null ? now : in.time();
    Map<String, String> errors = new LinkedHashMap<>();
    timeProblem(time, now, "time", what, errors);
    if (errors.isEmpty() && time.isBefore(t.start())) {
      errors.put(
          "time", what + " (" + time + ") is before the outage's start (" + t.start() + ").");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    return time;
  }

  private static void timeProblem(
      Instant time, Instant now, String field, String what, Map<String, String> errors) {
    if (time.isBefore(Instant.EPOCH)) {
      errors.put(field, what + " is before 1970.");
    } else if (time.isAfter(now.plus(FUTURE_SLACK))) {
      errors.put(
          field, what + " (" + time + ") is in the future; now is " + now + ". Record what was.");
    }
  }

  private static void urlProblem(String url, Map<String, String> errors) {
    if (url == null) {
      return;
    }
    String problem = null;
    if (url.length() > MAX_URL) {
      problem = "A link has at most " + MAX_URL + " characters.";
    } else {
      try {
        URI uri = new URI(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
          problem = "Give a full http:// or https:// link, such as https://wiki.example.org/pm/42.";
        }
      } catch (URISyntaxException e) {
        problem = "This is not a link: " + e.getReason() + ".";
      }
    }
    if (problem != null) {
      errors.put("postmortemUrl", problem);
    }
  }

  /** Extra tags for the start event: valid tags, none that the outage's own fields set. */
  private static List<String> extraTags(List<String> tags, Map<String, String> errors) {
    if (tags == null || tags.isEmpty()) {
      return List.of();
    }
    String problem = Tags.problem(tags);
    if (problem != null) {
      errors.put("tags", problem);
      return List.of();
    }
    List<String> normalized = Tags.normalize(tags);
    for (String tag : normalized) {
      String key = tag.contains("=") ? tag.substring(0, tag.indexOf('=')) : null;
      if (STEP_WORDS.contains(tag)
          || OutageTimeline.KEY_TAG.equals(key)
          || OutageTimeline.IMPACT_TAG.equals(key)) {
        errors.put(
            "tags",
            "\"" + tag + "\" is set by the outage's own fields; leave it out of the extra tags.");
        return List.of();
      }
    }
    return normalized;
  }

  /**
   * Tags of a later step: the outage, the step word (or none), and the start event's key=value tags
   * (app=web, an installation's mandatory attributes), so the step is found by the same searches
   * and satisfies the same rules as the start.
   */
  private static List<String> stepTags(Outage outage, OutageTimeline t, String word) {
    LinkedHashSet<String> tags = new LinkedHashSet<>();
    tags.add(Tags.pair(OutageTimeline.KEY_TAG, outage.key));
    if (word != null) {
      tags.add(word);
    }
    for (OutageTimeline.Step step : t.steps()) {
      if (step.kind() == OutageTimeline.Kind.START && step.counted()) {
        for (String tag : step.entry().tags()) {
          int eq = tag.indexOf('=');
          if (eq > 0 && !NOT_INHERITED.contains(tag.substring(0, eq))) {
            tags.add(tag);
          }
        }
      }
    }
    return new ArrayList<>(tags);
  }

  /**
   * Writes an event; the event's own refusals (an installation's mandatory attribute, say) are
   * reported on the field the caller filled in, so a form shows them where the user looks.
   */
  private Event write(EventInput input, String author, EventSource source, String timeField) {
    try {
      return events.create(input, author, source);
    } catch (InvalidInputException e) {
      Map<String, String> fields = new LinkedHashMap<>();
      e.fieldErrors()
          .forEach(
              (field, message) ->
                  fields.merge(
                      switch (field) {
                        case "time" -> timeField;
                        case "title" -> "title";
                        case "body" -> "note";
                        default -> "tags";
                      },
                      message,
                      (a, b) -> a + " " + b));
      throw new InvalidInputException(e.status(), fields);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

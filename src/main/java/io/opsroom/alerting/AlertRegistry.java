package io.opsroom.alerting;

import io.opsroom.alerting.AlertTemplate.Kind;
import io.opsroom.platform.Suggestions;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The alert definitions that run now: every file in the alerts folder ({@code OPSROOM_ALERTS_DIR}),
 * read, validated, with {@code for_each} alerts expanded over the inventory and ids checked across
 * files. Readers get an immutable {@link Snapshot}; a reload builds a new one and swaps it in
 * whole, so the evaluation cycle never sees half a reload.
 *
 * <p>A file that fails validation does not stop anything else: its last good version keeps running
 * (or, when it has had none since start, its alerts that are valid on their own), and the problem
 * is listed with file, line and reason until the file is fixed. An alert whose id is already taken
 * by another file is left out, and the alert that was running keeps running.
 *
 * <p>Files are re-read when they change (a check every {@code opsroom.alerts.reload-check}, by
 * size, time and content hash) and on {@link #reload()}, which the admin's reload button calls. The
 * inventory is asked again at every check, since servers come and go without a file changing.
 */
@ApplicationScoped
public class AlertRegistry {

  private static final Logger LOG = Logger.getLogger(AlertRegistry.class);

  /** Notification routes share the folder but are not alerts; the notify feature reads them. */
  private static final Set<String> NOT_ALERT_FILES = Set.of("routes.yaml", "routes.yml");

  /** Everything about the alert definitions at one moment; never changes once published. */
  public record Snapshot(
      long version,
      Instant loadedAt,
      List<AlertDefinition> definitions,
      Map<String, AlertDefinition> byId,
      List<AlertProblem> problems,
      List<FileState> files) {

    static final Snapshot EMPTY = new Snapshot(0, null, List.of(), Map.of(), List.of(), List.of());

    public Snapshot {
      definitions = List.copyOf(definitions);
      byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
      problems = List.copyOf(problems);
      files = List.copyOf(files);
    }
  }

  /** What runs of one file. */
  public enum FileStatus {
    /** The file is valid and runs as written. */
    OK,
    /** The file has errors; its last good version keeps running. */
    LAST_GOOD,
    /** The file has errors and no good version since start; its valid alerts run. */
    PARTIAL
  }

  /**
   * One file of the folder: what runs of it, how many alerts that makes, and when it was last valid
   * (null if never since start).
   */
  public record FileState(String file, FileStatus status, int alerts, Instant lastGoodAt) {}

  /** One file as last read, and its last good version. */
  private static final class Tracked {
    long size = -1;
    long modified = -1;
    String hash;
    AlertFile parsed;
    AlertFile lastGood;
    Instant lastGoodAt;
  }

  private final Path dir;
  private final Clock clock;
  private final Supplier<ForEachSource> inventory;
  private final AlertFileParser parser = new AlertFileParser();
  private final Object lock = new Object();

  // Guarded by lock.
  private final Map<String, Tracked> files = new TreeMap<>();
  private Map<String, List<AlertDefinition>> lastExpansion = new HashMap<>();
  private AlertProblem folderProblem;

  private volatile Snapshot snapshot = Snapshot.EMPTY;

  @Inject
  AlertRegistry(AlertingConfig config, Clock clock, Instance<ForEachSource> sources) {
    this(Path.of(config.dir()), clock, () -> sources.isResolvable() ? sources.get() : null);
  }

  /**
   * A registry of the files in {@code dir}. {@code inventory} answers {@code for_each}; it may
   * supply null when there is no inventory, and then {@code for_each} alerts make no alerts.
   */
  AlertRegistry(Path dir, Clock clock, Supplier<ForEachSource> inventory) {
    this.dir = dir;
    this.clock = clock;
    this.inventory = inventory;
  }

  void loadAtStart(@Observes StartupEvent event) {
    Snapshot loaded = reload();
    LOG.infof(
        "Alert definitions: %s from %d files in %s (%d problems)",
        alerts(loaded.definitions().size()),
        loaded.files().size(),
        dir.toAbsolutePath().normalize(),
        loaded.problems().size());
  }

  @Scheduled(
      identity = "alert-definitions-reload-check",
      every = "{opsroom.alerts.reload-check}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledCheck() {
    checkForChanges();
  }

  /** The definitions, problems and files as they are now, all from the same reload. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** The alerts that run now, by id. */
  public List<AlertDefinition> definitions() {
    return snapshot.definitions();
  }

  /** The alert with this id, if it runs now. */
  public Optional<AlertDefinition> definition(String id) {
    return Optional.ofNullable(snapshot.byId().get(id));
  }

  /** What is wrong with the alert files now, by file and line. */
  public List<AlertProblem> problems() {
    return snapshot.problems();
  }

  /** When the files were last read, if they have been. */
  public Optional<Instant> lastLoad() {
    return Optional.ofNullable(snapshot.loadedAt());
  }

  /** The folder the alert files are read from. */
  public Path directory() {
    return dir;
  }

  /**
   * Reads every alert file again, asks the inventory again, and swaps in the result. This is the
   * admin's reload button.
   */
  public Snapshot reload() {
    synchronized (lock) {
      Instant now = clock.instant();
      readFolder(now);
      return publish(now, true);
    }
  }

  /**
   * Reads the files again if any was added, removed or changed (by size and time, then by content
   * hash); otherwise only asks the inventory again. Returns whether the running definitions
   * changed.
   */
  public boolean checkForChanges() {
    synchronized (lock) {
      long version = snapshot.version();
      Instant now = clock.instant();
      if (filesChanged()) {
        readFolder(now);
        publish(now, true);
      } else {
        publish(now, false);
      }
      return snapshot.version() != version;
    }
  }

  /**
   * Expands the {@code for_each} alerts over the inventory as it is now, without reading the files.
   * The inventory may call it after a change, so alerts follow at once.
   */
  public Snapshot refreshInventory() {
    synchronized (lock) {
      return publish(clock.instant(), false);
    }
  }

  // ---------------------------------------------------------------------------- reading files

  /** The alert files of the folder by their name relative to it, or null if it cannot be read. */
  private Map<String, Path> scan() {
    if (!Files.isDirectory(dir)) {
      folderProblem =
          AlertProblem.at(
              dir.toString(),
              0,
              null,
              "the alerts folder "
                  + dir.toAbsolutePath().normalize()
                  + " does not exist or is not a folder (set OPSROOM_ALERTS_DIR)"
                  + (files.isEmpty() ? "" : ": the alerts read before keep running"));
      return null;
    }
    Map<String, Path> found = new TreeMap<>();
    // Symbolic links to files are read (a Kubernetes ConfigMap mounts its files so), but links to
    // folders are not followed, and hidden files and folders (..data, .git) are skipped.
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(this::isAlertFile)
          .forEach(p -> found.put(dir.relativize(p).toString().replace('\\', '/'), p));
    } catch (IOException | UncheckedIOException e) {
      folderProblem =
          AlertProblem.at(
              dir.toString(),
              0,
              null,
              "the alerts folder cannot be read ("
                  + e.getMessage()
                  + "): the alerts read before keep running");
      return null;
    }
    folderProblem = null;
    return found;
  }

  private boolean isAlertFile(Path path) {
    Path relative = dir.relativize(path);
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (relative.getNameCount() == 1 && NOT_ALERT_FILES.contains(name)) {
      return false;
    }
    return (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
        && Files.isRegularFile(path);
  }

  private void readFolder(Instant now) {
    Map<String, Path> found = scan();
    if (found == null) {
      return; // the folder is gone or unreadable: what ran keeps running
    }
    for (String gone : new ArrayList<>(files.keySet())) {
      if (!found.containsKey(gone)) {
        files.remove(gone);
        LOG.infof("Alert definitions: %s was removed, and its alerts with it", gone);
      }
    }
    found.forEach(
        (name, path) -> {
          Tracked tracked = files.computeIfAbsent(name, n -> new Tracked());
          byte[] content;
          try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            content = Files.readAllBytes(path);
            tracked.size = attributes.size();
            tracked.modified = attributes.lastModifiedTime().toMillis();
          } catch (IOException e) {
            tracked.hash = null;
            tracked.parsed =
                new AlertFile(
                    name,
                    List.of(),
                    List.of(),
                    List.of(AlertProblem.at(name, 0, null, "cannot be read: " + e)));
            return;
          }
          String hash = sha256(content);
          if (hash.equals(tracked.hash) && tracked.parsed != null) {
            return; // unchanged: its reading stands
          }
          tracked.hash = hash;
          tracked.parsed = parse(name, content);
          if (tracked.parsed.valid()) {
            tracked.lastGood = tracked.parsed;
            tracked.lastGoodAt = now;
          }
        });
  }

  private AlertFile parse(String name, byte[] content) {
    try {
      return parser.parse(name, content);
    } catch (RuntimeException e) {
      // A bug in validation must not stop the other files from loading.
      LOG.errorf(e, "Alert definitions: reading %s failed", name);
      return new AlertFile(
          name,
          List.of(),
          List.of(),
          List.of(
              AlertProblem.at(
                  name, 0, null, "could not be read because of an error in Opsroom: " + e)));
    }
  }

  /** Whether a file was added, removed or changed since it was read, judged cheaply first. */
  private boolean filesChanged() {
    Map<String, Path> found = scan();
    if (found == null) {
      return true; // publish the folder problem
    }
    if (!found.keySet().equals(files.keySet())) {
      return true;
    }
    for (Map.Entry<String, Path> entry : found.entrySet()) {
      Tracked tracked = files.get(entry.getKey());
      try {
        BasicFileAttributes attributes =
            Files.readAttributes(entry.getValue(), BasicFileAttributes.class);
        long modified = attributes.lastModifiedTime().toMillis();
        if (attributes.size() == tracked.size && modified == tracked.modified) {
          continue;
        }
        if (!sha256(Files.readAllBytes(entry.getValue())).equals(tracked.hash)) {
          return true;
        }
        // Touched but not changed: remember the new time, so the file is not hashed again.
        tracked.size = attributes.size();
        tracked.modified = modified;
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------------- building the set

  /** Builds the set from the files as read, checks it across files, and swaps it in. */
  private Snapshot publish(Instant now, boolean loaded) {
    List<AlertProblem> problems = new ArrayList<>();
    if (folderProblem != null) {
      problems.add(folderProblem);
    }
    List<AlertDefinition> candidates = new ArrayList<>();
    List<FileState> states = new ArrayList<>();
    ForEachSource source = inventorySource();
    Map<String, List<Map<String, String>>> inventoryAnswers = new HashMap<>();
    Map<String, List<AlertDefinition>> expansions = new HashMap<>();
    for (Map.Entry<String, Tracked> entry : files.entrySet()) {
      String name = entry.getKey();
      Tracked tracked = entry.getValue();
      AlertFile running;
      FileStatus status;
      if (tracked.parsed.valid()) {
        running = tracked.parsed;
        status = FileStatus.OK;
      } else {
        problems.addAll(tracked.parsed.problems());
        if (tracked.lastGood != null) {
          running = tracked.lastGood;
          status = FileStatus.LAST_GOOD;
          problems.add(
              AlertProblem.at(
                  name,
                  0,
                  null,
                  "the file has errors, so its last good version (read at "
                      + tracked.lastGoodAt
                      + ") keeps running until they are fixed"));
        } else {
          running = tracked.parsed;
          status = FileStatus.PARTIAL;
          problems.add(
              AlertProblem.at(
                  name,
                  0,
                  null,
                  "the file has errors and no good version since Opsroom started: "
                      + (running.size() == 0
                          ? "none of its alerts run until it is fixed"
                          : "the alerts that are valid on their own run ("
                              + alerts(running.size())
                              + "), the others wait until it is fixed")));
        }
      }
      int before = candidates.size();
      candidates.addAll(running.alerts());
      for (AlertTemplate template : running.templates()) {
        candidates.addAll(expand(template, source, inventoryAnswers, expansions, problems));
      }
      states.add(new FileState(name, status, candidates.size() - before, tracked.lastGoodAt));
    }
    lastExpansion = expansions;

    Map<String, AlertDefinition> byId = acceptUniqueIds(candidates, problems);
    rejectBrokenComposites(byId, problems);

    List<AlertDefinition> definitions = new ArrayList<>(byId.values());
    definitions.sort(Comparator.comparing(AlertDefinition::id));
    Map<String, AlertDefinition> sortedById = new LinkedHashMap<>();
    definitions.forEach(d -> sortedById.put(d.id(), d));

    Snapshot previous = snapshot;
    List<AlertProblem> listed = stamp(problems, previous.problems(), now);
    logChanges(previous.problems(), listed);
    boolean changed = !definitions.equals(previous.definitions());
    Snapshot next =
        new Snapshot(
            changed ? previous.version() + 1 : previous.version(),
            loaded ? now : previous.loadedAt(),
            definitions,
            sortedById,
            listed,
            states);
    snapshot = next;
    if (changed && previous.loadedAt() != null) {
      LOG.infof(
          "Alert definitions changed: %s from %d files (%d problems)",
          alerts(definitions.size()), states.size(), listed.size());
    }
    return next;
  }

  private ForEachSource inventorySource() {
    try {
      return inventory.get();
    } catch (RuntimeException e) {
      LOG.warnf(e, "Alert definitions: the inventory is not available");
      return null;
    }
  }

  private List<AlertDefinition> expand(
      AlertTemplate template,
      ForEachSource source,
      Map<String, List<Map<String, String>>> answers,
      Map<String, List<AlertDefinition>> expansions,
      List<AlertProblem> problems) {
    AlertDefinition pattern = template.pattern();
    String file = pattern.source().file();
    int line = pattern.source().line();
    String key = pattern.source() + " " + pattern.id();
    if (source == null) {
      problems.add(
          AlertProblem.at(
              file,
              line,
              pattern.id(),
              "for_each needs the inventory, which this Opsroom cannot reach: the alert makes no"
                  + " alerts"));
      return List.of();
    }
    Kind kind = template.forEach().kind();
    Map<String, String> filter = template.forEach().filter();
    List<Map<String, String>> objects;
    try {
      objects = answers.get(kind + " " + filter);
      if (objects == null) {
        objects = kind == Kind.SERVERS ? source.servers(filter) : source.applications(filter);
        answers.put(kind + " " + filter, objects == null ? List.of() : objects);
        objects = answers.get(kind + " " + filter);
      }
    } catch (RuntimeException e) {
      List<AlertDefinition> before = lastExpansion.getOrDefault(key, List.of());
      // The problem is logged once when it appears; the stack trace only for those who ask.
      LOG.debugf(e, "Alert definitions: the inventory could not be read for %s", pattern.source());
      problems.add(
          AlertProblem.at(
              file,
              line,
              pattern.id(),
              "the inventory could not be read for for_each "
                  + kind.word()
                  + " ("
                  + e.getMessage()
                  + "): "
                  + (before.isEmpty()
                      ? "it made no alerts before either"
                      : "the alerts made from it before ("
                          + alerts(before.size())
                          + ") keep running")));
      expansions.put(key, before);
      return before;
    }
    ForEachExpander.Expansion expansion = ForEachExpander.expand(template, objects);
    problems.addAll(expansion.problems());
    expansions.put(key, expansion.alerts());
    return expansion.alerts();
  }

  /**
   * Keeps one alert per id. The alert that ran under that id from the same file keeps its place;
   * otherwise the first in file order wins. The other is left out with a problem naming both.
   */
  private Map<String, AlertDefinition> acceptUniqueIds(
      List<AlertDefinition> candidates, List<AlertProblem> problems) {
    Map<String, AlertDefinition> running = snapshot.byId();
    Map<String, AlertDefinition> byId = new LinkedHashMap<>();
    List<AlertDefinition> incumbentsFirst = new ArrayList<>();
    List<AlertDefinition> others = new ArrayList<>();
    for (AlertDefinition candidate : candidates) {
      AlertDefinition before = running.get(candidate.id());
      boolean incumbent =
          before != null && before.source().file().equals(candidate.source().file());
      (incumbent ? incumbentsFirst : others).add(candidate);
    }
    List<AlertDefinition> ordered = new ArrayList<>(incumbentsFirst);
    ordered.addAll(others);
    List<AlertDefinition> rejected = new ArrayList<>();
    for (AlertDefinition candidate : ordered) {
      AlertDefinition kept = byId.putIfAbsent(candidate.id(), candidate);
      if (kept != null) {
        rejected.add(candidate);
        problems.add(
            AlertProblem.at(
                candidate.source().file(),
                candidate.source().line(),
                candidate.id(),
                "id \""
                    + candidate.id()
                    + "\" is already used by the alert at "
                    + kept.source()
                    + ": this one is left out until one of them has another id"));
      }
    }
    // Keep file order for what follows; the caller sorts by id.
    Map<String, AlertDefinition> inFileOrder = new LinkedHashMap<>();
    for (AlertDefinition candidate : candidates) {
      if (byId.get(candidate.id()) == candidate) {
        inFileOrder.put(candidate.id(), candidate);
      }
    }
    return inFileOrder;
  }

  /**
   * Leaves out composite alerts that name an alert that does not run, name themselves, or depend on
   * each other in a circle, each with a problem. Repeats until none is left out, since leaving one
   * out can break another that names it.
   */
  private static void rejectBrokenComposites(
      Map<String, AlertDefinition> byId, List<AlertProblem> problems) {
    boolean removed = true;
    while (removed) {
      removed = false;
      for (AlertDefinition alert : new ArrayList<>(byId.values())) {
        if (!alert.isComposite()) {
          continue;
        }
        for (String reference : references(alert.composite())) {
          String problem = null;
          if (reference.equals(alert.id())) {
            problem = "the composite rule names the alert itself (" + reference + ")";
          } else if (!byId.containsKey(reference)) {
            problem =
                "the composite rule names alert \""
                    + reference
                    + "\", which does not run"
                    + Suggestions.didYouMean(reference, byId.keySet());
          }
          if (problem != null) {
            problems.add(
                AlertProblem.at(
                    alert.source().file(),
                    alert.source().line(),
                    alert.id(),
                    problem + ": the composite alert is left out until it is fixed"));
            byId.remove(alert.id());
            removed = true;
            break;
          }
        }
      }
      if (!removed) {
        List<String> circle = findCircle(byId);
        if (!circle.isEmpty()) {
          for (String id : circle.subList(0, circle.size() - 1)) {
            AlertDefinition alert = byId.remove(id);
            problems.add(
                AlertProblem.at(
                    alert.source().file(),
                    alert.source().line(),
                    id,
                    "composite alerts name each other in a circle ("
                        + String.join(" → ", circle)
                        + "): they are left out until it is broken"));
          }
          removed = true;
        }
      }
    }
  }

  /** A circle of composite alerts naming each other, as ids with the first repeated at the end. */
  private static List<String> findCircle(Map<String, AlertDefinition> byId) {
    Set<String> done = new HashSet<>();
    for (String start : byId.keySet()) {
      Deque<String> path = new ArrayDeque<>();
      List<String> circle = walk(start, byId, path, new HashSet<>(), done);
      if (!circle.isEmpty()) {
        return circle;
      }
    }
    return List.of();
  }

  private static List<String> walk(
      String id,
      Map<String, AlertDefinition> byId,
      Deque<String> path,
      Set<String> onPath,
      Set<String> done) {
    AlertDefinition alert = byId.get(id);
    if (alert == null || !alert.isComposite() || done.contains(id)) {
      return List.of();
    }
    if (onPath.contains(id)) {
      List<String> circle = new ArrayList<>();
      boolean in = false;
      for (String step : path) {
        in = in || step.equals(id);
        if (in) {
          circle.add(step);
        }
      }
      circle.add(id);
      return circle;
    }
    path.addLast(id);
    onPath.add(id);
    for (String reference : references(alert.composite())) {
      List<String> circle = walk(reference, byId, path, onPath, done);
      if (!circle.isEmpty()) {
        return circle;
      }
    }
    path.removeLast();
    onPath.remove(id);
    done.add(id);
    return List.of();
  }

  /** The ids a rule names with {@code alert:}, in order. */
  static List<String> references(CompositeRule rule) {
    List<String> ids = new ArrayList<>();
    collect(rule, ids);
    return ids;
  }

  private static void collect(CompositeRule rule, List<String> ids) {
    if (rule instanceof CompositeRule.All all) {
      all.rules().forEach(r -> collect(r, ids));
    } else if (rule instanceof CompositeRule.Any any) {
      any.rules().forEach(r -> collect(r, ids));
    } else if (rule instanceof CompositeRule.AlertIs is) {
      ids.add(is.alert());
    }
  }

  // --------------------------------------------------------------------------------- problems

  /** "1 alert", "3 alerts". */
  private static String alerts(int count) {
    return count + (count == 1 ? " alert" : " alerts");
  }

  /** The problems in file and line order, each with the time it was first seen. */
  private static List<AlertProblem> stamp(
      List<AlertProblem> problems, List<AlertProblem> previous, Instant now) {
    List<AlertProblem> listed = new ArrayList<>();
    for (AlertProblem problem : problems) {
      if (listed.stream().anyMatch(problem::sameAs)) {
        continue;
      }
      Instant since =
          previous.stream()
              .filter(problem::sameAs)
              .findFirst()
              .map(AlertProblem::since)
              .orElse(now);
      listed.add(problem.seenSince(since));
    }
    listed.sort(Comparator.comparing(AlertProblem::file).thenComparingInt(AlertProblem::line));
    return listed;
  }

  /** Logs each problem once when it appears, and once when it goes away. */
  private static void logChanges(List<AlertProblem> before, List<AlertProblem> now) {
    for (AlertProblem problem : now) {
      if (before.stream().noneMatch(problem::sameAs)) {
        LOG.warnf("Alert definitions: %s", problem);
      }
    }
    for (AlertProblem problem : before) {
      if (now.stream().noneMatch(problem::sameAs)) {
        LOG.infof("Alert definitions: fixed: %s", problem);
      }
    }
  }
}

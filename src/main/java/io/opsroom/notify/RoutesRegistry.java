package io.opsroom.notify;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The notification routing in force: {@code routes.yaml} (or {@code routes.yml}) of the alerts
 * folder, read at start and again when it changes, or without one the default route to {@code
 * OPSROOM_ALERT_EMAIL}. A file with a problem is refused as a whole and the last good routing stays
 * in force, while {@link #problem()} says what is wrong, in the log and the health check, until it
 * is fixed.
 */
@ApplicationScoped
public class RoutesRegistry {

  private static final Logger LOG = Logger.getLogger(RoutesRegistry.class);

  /** The names the file may have, at the top of the alerts folder. */
  static final List<String> FILE_NAMES = List.of("routes.yaml", "routes.yml");

  /**
   * One reading: the routing in force and, when the file was refused, why.
   *
   * @param file the file the routing comes from, or null for none
   * @param problemFile the file that was refused, or null when nothing was
   */
  private record State(
      Routes routes,
      String file,
      List<RoutesProblem> problems,
      String problemFile,
      Instant loadedAt,
      Instant goodSince) {}

  private final Path dir;
  private final Clock clock;
  private final List<String> alertEmail;
  private final RoutesFileParser parser;
  private final Object lock = new Object();

  // Guarded by lock: the file as last read, to tell cheaply whether it changed.
  private List<Path> found = List.of();
  private long size = -1;
  private long modified = -1;
  private String hash;

  private volatile State state;

  @Inject
  RoutesRegistry(
      @ConfigProperty(name = "opsroom.alerts.dir", defaultValue = "alerts") String dir,
      @ConfigProperty(name = "opsroom.alert-email") Optional<List<String>> alertEmail,
      Clock clock) {
    this(Path.of(dir), addresses(alertEmail.orElse(List.of())), clock, Secrets::get);
  }

  /**
   * A registry of the routes file in {@code dir}, whose default route sends to {@code alertEmail}
   * when the file gives none, and which looks secrets up with {@code secrets}.
   */
  RoutesRegistry(
      Path dir, List<String> alertEmail, Clock clock, Function<String, Optional<String>> secrets) {
    this.dir = dir;
    this.clock = clock;
    this.alertEmail = List.copyOf(alertEmail);
    this.parser = new RoutesFileParser(this.alertEmail, secrets);
    Instant now = clock.instant();
    this.state =
        new State(RoutesFileParser.fallback(this.alertEmail), null, List.of(), null, null, now);
  }

  void loadAtStart(@Observes StartupEvent event) {
    reload();
    State loaded = state;
    Routes routes = loaded.routes();
    if (loaded.file() != null) {
      LOG.infof(
          "Alert routes: %s from %s",
          describe(routes), dir.resolve(loaded.file()).toAbsolutePath().normalize());
    } else if (loaded.problems().isEmpty()) {
      LOG.infof(
          "Alert routes: no routes.yaml in %s, so every alert goes to OPSROOM_ALERT_EMAIL",
          dir.toAbsolutePath().normalize());
    }
    if (routes.defaultRoute().channels().isEmpty()) {
      LOG.warn(
          "Alert routes: the default route has no channels (routes.yaml gives it none and"
              + " OPSROOM_ALERT_EMAIL is not set): alerts that no route takes are told to nobody");
    }
  }

  @Scheduled(
      identity = "alert-routes-reload-check",
      every = "${opsroom.alerts.reload-check:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledCheck() {
    checkForChanges();
  }

  /** The routing in force. */
  public Routes current() {
    return state.routes();
  }

  /**
   * Why the routes file is refused, with file, line and reason, and what routing stays in force;
   * empty when the file in force is the file as it is now.
   */
  public Optional<String> problem() {
    State now = state;
    if (now.problems().isEmpty()) {
      return Optional.empty();
    }
    String inForce =
        now.file() != null
            ? "the routing read from " + now.file() + " at " + now.goodSince() + " stays in force"
            : "until it is fixed, every alert takes the default route"
                + (alertEmail.isEmpty()
                    ? " (OPSROOM_ALERT_EMAIL is not set: nobody is told)"
                    : " to OPSROOM_ALERT_EMAIL");
    return Optional.of(
        now.problemFile()
            + " is refused and "
            + inForce
            + ": "
            + now.problems().stream()
                .map(RoutesProblem::toString)
                .collect(Collectors.joining("; ")));
  }

  /** What is wrong with the routes file now, by line; empty when nothing is. */
  public List<RoutesProblem> problems() {
    return state.problems();
  }

  /** The file the routing in force was read from, such as {@code routes.yaml}; empty for none. */
  public Optional<String> file() {
    return Optional.ofNullable(state.file());
  }

  /** When the routes file was last read, if it has been. */
  public Optional<Instant> lastLoad() {
    return Optional.ofNullable(state.loadedAt());
  }

  /** The folder the routes file is read from. */
  public Path directory() {
    return dir;
  }

  /** Reads the routes file again, whether or not it changed: the admin's reload button. */
  public void reload() {
    synchronized (lock) {
      load();
    }
  }

  /**
   * Reads the routes file again if it was added, removed or changed (by size and time, then by
   * content hash). Returns whether the routing in force changed.
   */
  public boolean checkForChanges() {
    synchronized (lock) {
      Routes before = state.routes();
      if (changed()) {
        load();
      }
      return !state.routes().equals(before);
    }
  }

  /**
   * Reads {@code file} as the routes file (null or missing: there is none), keeping the last good
   * routing when it is refused. The registry's own reading goes through here; tests call it to read
   * a fixture without a folder.
   */
  void loadFrom(Path file) {
    synchronized (lock) {
      Instant now = clock.instant();
      if (file == null || !Files.exists(file)) {
        size = -1;
        modified = -1;
        hash = null;
        publish(new State(RoutesFileParser.fallback(alertEmail), null, List.of(), null, now, now));
        return;
      }
      String name = file.getFileName().toString();
      byte[] content;
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        content = Files.readAllBytes(file);
        size = attributes.size();
        modified = attributes.lastModifiedTime().toMillis();
        hash = sha256(content);
      } catch (IOException e) {
        hash = null;
        refuse(name, List.of(new RoutesProblem(name, 0, "cannot be read: " + e)), now);
        return;
      }
      RoutesFileParser.Result result;
      try {
        result = parser.parse(name, content);
      } catch (RuntimeException e) {
        // A bug in validation must not take the routing that works away.
        LOG.errorf(e, "Alert routes: reading %s failed", name);
        refuse(
            name,
            List.of(
                new RoutesProblem(
                    name, 0, "could not be read because of an error in Opsroom: " + e)),
            now);
        return;
      }
      if (result.valid()) {
        publish(new State(result.routes(), name, List.of(), null, now, now));
      } else {
        refuse(name, result.problems(), now);
      }
    }
  }

  // ---------------------------------------------------------------------------------- reading

  private void load() {
    found = find();
    if (found.size() > 1) {
      size = -1;
      modified = -1;
      hash = null;
      refuse(
          "routes.yml",
          List.of(
              new RoutesProblem(
                  "routes.yml",
                  0,
                  "routes.yaml and routes.yml both exist, and Opsroom reads only one: remove one"
                      + " of them")),
          clock.instant());
      return;
    }
    loadFrom(found.isEmpty() ? null : found.get(0));
  }

  /** The routes files at the top of the folder. */
  private List<Path> find() {
    List<Path> files = new ArrayList<>();
    for (String name : FILE_NAMES) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        files.add(file);
      }
    }
    return files;
  }

  /** Whether the file was added, removed or changed since it was read, judged cheaply first. */
  private boolean changed() {
    List<Path> now = find();
    if (!now.equals(found)) {
      return true;
    }
    if (now.size() != 1) {
      return false;
    }
    Path file = now.get(0);
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      long time = attributes.lastModifiedTime().toMillis();
      if (attributes.size() == size && time == modified) {
        return false;
      }
      if (!sha256(Files.readAllBytes(file)).equals(hash)) {
        return true;
      }
      // Touched but not changed: remember the new time, so the file is not hashed again.
      size = attributes.size();
      modified = time;
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private void refuse(String name, List<RoutesProblem> problems, Instant now) {
    State before = state;
    publish(new State(before.routes(), before.file(), problems, name, now, before.goodSince()));
  }

  /** Swaps in the next state and logs what changed: the routing, or the file's problems. */
  private void publish(State next) {
    State before = state;
    state = next;
    boolean firstLoad = before.loadedAt() == null;
    if (!next.problems().equals(before.problems()) && !next.problems().isEmpty()) {
      LOG.warnf("Alert routes: %s", problem().orElseThrow());
    } else if (next.problems().isEmpty() && !before.problems().isEmpty()) {
      LOG.infof(
          "Alert routes: fixed: %s",
          next.file() != null ? next.file() + " is read again" : "there is no routes file now");
    }
    if (!firstLoad && !next.routes().equals(before.routes())) {
      LOG.infof(
          "Alert routes changed: %s",
          next.file() != null
              ? describe(next.routes()) + " from " + next.file()
              : "no routes file, so every alert goes to OPSROOM_ALERT_EMAIL");
    }
  }

  private static String describe(Routes routes) {
    return routes.channels().size()
        + (routes.channels().size() == 1 ? " channel, " : " channels, ")
        + routes.routes().size()
        + (routes.routes().size() == 1 ? " route" : " routes")
        + " and the default route to "
        + (routes.defaultRoute().channels().isEmpty()
            ? "nobody"
            : String.join(", ", routes.defaultRoute().channels()));
  }

  /**
   * The addresses of {@code OPSROOM_ALERT_EMAIL}. An entry that is not one email address is left
   * out with a warning: a message to it would be refused at every send.
   */
  static List<String> addresses(List<String> configured) {
    List<String> addresses = new ArrayList<>();
    for (String entry : configured) {
      String address = Objects.requireNonNullElse(entry, "").strip();
      if (address.isEmpty()) {
        continue;
      }
      try {
        EmailMessage.checkAddress(address);
        addresses.add(address);
      } catch (IllegalArgumentException e) {
        LOG.warnf(
            "OPSROOM_ALERT_EMAIL: \"%s\" is not one email address and is left out",
            io.opsroom.platform.SourceTree.shown(address));
      }
    }
    return List.copyOf(addresses);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

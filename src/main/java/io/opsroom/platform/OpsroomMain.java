package io.opsroom.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts Opsroom, and before it the database it needs.
 *
 * <p>With no JDBC URL configured, a real PostgreSQL is started (or reused) under {@code
 * OPSROOM_DATA_DIR/postgres} and handed to Quarkus as system properties, so a fresh checkout runs
 * with one command. This happens here, when the application really runs, and never while it is
 * built. With a URL configured, that server is checked first: an unreachable one ends the start
 * with one clear line instead of a connection-pool stack trace.
 */
@QuarkusMain
public class OpsroomMain {

  static final String JDBC_URL = "quarkus.datasource.jdbc.url";
  static final String EMBEDDED_DIRECTORY = "opsroom.database.embedded-directory";

  /** Held so the level set on it is not lost to garbage collection. */
  private static final Logger ZONKY_LOG = Logger.getLogger("io.zonky");

  public static void main(String... args) {
    StartupSettings settings = StartupSettings.load();
    Optional<String> url = settings.get(JDBC_URL);
    if (url.isPresent()) {
      Optional<String> problem =
          DatabaseReachability.problem(
              url.get(),
              settings.get("quarkus.datasource.username").orElse(null),
              settings.get("quarkus.datasource.password").orElse(null));
      if (problem.isPresent()) {
        System.err.println("Opsroom cannot start. " + problem.get());
        System.exit(1);
      }
    } else {
      // The server's own start-up chatter (initdb, pg_ctl) is not news; failures still surface.
      ZONKY_LOG.setLevel(Level.WARNING);
      Path directory = Path.of(settings.get("opsroom.data-dir").orElse("data")).resolve("postgres");
      EmbeddedDatabase database = EmbeddedDatabase.start(directory);
      System.setProperty(JDBC_URL, database.jdbcUrl());
      System.setProperty("quarkus.datasource.username", database.username());
      System.setProperty(EMBEDDED_DIRECTORY, database.dataDirectory().orElseThrow().toString());
    }
    Quarkus.run(args);
  }
}

package io.opsroom.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server from Maven Central's binaries, kept in a data directory so its data
 * survives restarts: the default database when no JDBC URL is configured.
 *
 * <p>When a postmaster already serves the data directory (a dev-mode reload in this JVM, or an
 * instance left running by a crashed one), it is reused instead of started a second time.
 */
public final class EmbeddedDatabase {

  static final String USER = "postgres";
  static final String DATABASE = "postgres";

  private final Path dataDirectory;
  private final int port;
  private final EmbeddedPostgres server;

  private EmbeddedDatabase(Path dataDirectory, int port, EmbeddedPostgres server) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.server = server;
  }

  /** Starts PostgreSQL on the given data directory, or attaches to the one already serving it. */
  public static EmbeddedDatabase start(Path dataDirectory) {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    Optional<Integer> running = runningPort(directory);
    if (running.isPresent()) {
      return new EmbeddedDatabase(directory, running.get(), null);
    }
    try {
      Files.createDirectories(directory);
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setServerConfig("max_connections", "100")
              .start();
      return new EmbeddedDatabase(directory, server.getPort(), server);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded PostgreSQL in " + directory, e);
    }
  }

  /** Starts PostgreSQL in a fresh temporary directory that is removed when it stops: for tests. */
  public static EmbeddedDatabase startThrowaway() {
    try {
      EmbeddedPostgres server = EmbeddedPostgres.builder().start();
      return new EmbeddedDatabase(null, server.getPort(), server);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  public String username() {
    return USER;
  }

  public int port() {
    return port;
  }

  public Optional<Path> dataDirectory() {
    return Optional.ofNullable(dataDirectory);
  }

  /** Whether this handle started the server (and so stops it), rather than attaching to one. */
  public boolean owner() {
    return server != null;
  }

  /** Stops the server if this handle started it. */
  public void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The port of a live postmaster serving this directory, read from its {@code postmaster.pid}
   * (fourth line) and confirmed by a TCP connect, so a stale pid file is never trusted.
   */
  static Optional<Integer> runningPort(Path directory) {
    Path pidFile = directory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && accepts(port)) {
        return Optional.of(port);
      }
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

package io.opsroom.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.opsroom.platform.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension for process tests: one real PostgreSQL and one SMTP server (GreenMail, on a
 * fixed port but started only when the test says so) per test, and any number of instances of the
 * packaged application on them, each a separate {@code java -jar} process. Whatever happens in the
 * test, every instance is killed, the servers are stopped, and when the test failed each instance's
 * log is printed.
 *
 * <pre>{@code
 * @RegisterExtension final AppProcesses apps = new AppProcesses();
 *
 * AppProcess a = apps.start("a", Map.of("OPSROOM_NOTIFY_BATCH_SIZE", "5"));
 * }</pre>
 */
public final class AppProcesses implements BeforeEachCallback, AfterEachCallback {

  public static final String HOSTMASTER = "hostmaster@dns.test";
  public static final String ALIAS_DOMAINS = "example.org,example.net";

  /** The database and login the instances use, as an operator would set one up for Opsroom. */
  private static final String DATABASE = "opsroom";

  private static final String USER = "opsroom";
  private static final String PASSWORD = "opsroom-process-test";

  /** The lines of each instance's log printed for a failed test; the file has them all. */
  private static final int PRINTED_LOG_LINES = 400;

  /**
   * initdb's progress and GreenMail's "created user" lines are not news in a test's output; held so
   * the levels set on them are not lost to garbage collection.
   */
  private static final List<Logger> QUIET =
      Stream.of("io.zonky", "com.icegreen.greenmail").map(Logger::getLogger).toList();

  static {
    QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
  }

  private final List<AppProcess> instances = new ArrayList<>();
  private Path directory;
  private EmbeddedDatabase postgres;
  private int smtpPort;
  private GreenMail mail;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException, SQLException {
    directory =
        buildDirectory()
            .resolve("process-tests")
            .resolve(
                context.getRequiredTestClass().getSimpleName()
                    + "."
                    + context.getRequiredTestMethod().getName());
    deleteRecursively(directory);
    Files.createDirectories(directory);
    postgres = EmbeddedDatabase.startThrowaway();
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
        Statement statement = connection.createStatement()) {
      statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
      statement.execute("create database " + DATABASE + " owner " + USER);
    }
    smtpPort = freePort();
    mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RuntimeException failure = null;
    for (AppProcess instance : instances) {
      try {
        if (instance.isAlive()) {
          instance.kill();
        }
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    if (context.getExecutionException().isPresent()) {
      instances.forEach(AppProcesses::printLog);
    }
    instances.clear();
    // Either may be missing when beforeEach failed half-way.
    try {
      if (mail != null) {
        mail.stop();
      }
    } catch (RuntimeException e) {
      failure = add(failure, e);
    }
    try {
      if (postgres != null) {
        postgres.stop();
      }
    } catch (RuntimeException e) {
      failure = add(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Launches an instance and waits until it is ready. */
  public AppProcess start(String name, Map<String, String> settings) {
    return launch(name, settings).awaitReady();
  }

  /**
   * Launches an instance without waiting for it, so several can start at once; call {@link
   * AppProcess#awaitReady()} on each. {@code settings} are environment variables that add to or
   * replace the defaults: the shared database and SMTP server, the admin token {@link
   * Api#ADMIN_TOKEN}, hostmaster {@link #HOSTMASTER}, alias domains {@link #ALIAS_DOMAINS}, a drain
   * every second, an empty alerts folder, and no Graphite.
   */
  public AppProcess launch(String name, Map<String, String> settings) {
    Path home = directory.resolve(name);
    try {
      Files.createDirectories(home.resolve("alerts"));
      Files.createDirectories(home.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl());
    env.put("QUARKUS_DATASOURCE_USERNAME", USER);
    env.put("QUARKUS_DATASOURCE_PASSWORD", PASSWORD);
    env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
    env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
    env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
    env.put("OPSROOM_ADMIN_TOKEN", Api.ADMIN_TOKEN);
    env.put("OPSROOM_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
    env.put("OPSROOM_HOSTMASTER_EMAIL", HOSTMASTER);
    env.put("OPSROOM_ALIAS_DOMAINS", ALIAS_DOMAINS);
    env.put("OPSROOM_NOTIFY_DRAIN_INTERVAL", "1s");
    env.put("OPSROOM_ALERTS_DIR", home.resolve("alerts").toString());
    env.put("OPSROOM_DATA_DIR", home.resolve("data").toString());
    env.putAll(settings);
    AppProcess instance =
        AppProcess.launch(name, appJar(), freePort(), env, home, directory.resolve(name + ".log"));
    instances.add(instance);
    return instance;
  }

  /** Starts the SMTP server on the port every instance was given; until then, sends fail. */
  public GreenMail startMail() {
    mail.start();
    return mail;
  }

  /** The SMTP server, started or not. */
  public GreenMail mail() {
    return mail;
  }

  /** A new connection to the instances' database, as its owner; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
  }

  private String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.port() + "/" + DATABASE;
  }

  /** Failsafe names the jar it packaged; from an IDE, the usual place under the working folder. */
  private static Path appJar() {
    return Path.of(System.getProperty("opsroom.it.app-jar", "target/quarkus-app/quarkus-run.jar"));
  }

  private static Path buildDirectory() {
    Path jar = appJar().toAbsolutePath();
    return jar.getParent().getParent();
  }

  private static void printLog(AppProcess instance) {
    System.out.println("===== " + instance + ", log " + instance.log() + " =====");
    try (Stream<String> lines = Files.lines(instance.log())) {
      List<String> all = lines.toList();
      if (all.size() > PRINTED_LOG_LINES) {
        System.out.println("[... " + (all.size() - PRINTED_LOG_LINES) + " earlier lines ...]");
      }
      all.subList(Math.max(0, all.size() - PRINTED_LOG_LINES), all.size())
          .forEach(System.out::println);
    } catch (IOException | UncheckedIOException e) {
      System.out.println("(cannot read the log: " + e + ")");
    }
    System.out.println("===== end of " + instance.name() + " =====");
  }

  private static RuntimeException add(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}

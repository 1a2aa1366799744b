package io.opsroom.testing;

import static org.awaitility.Awaitility.await;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) running as a process of its
 * own, started with {@code java -jar} as in production and configured only through environment
 * variables; {@link AppProcesses} starts these for a test and always ends them.
 */
public final class AppProcess {

  /** How long a start may take before the test gives up: two JVMs may share two busy cores. */
  static final Duration START_DEADLINE = Duration.ofSeconds(180);

  /** How long a process may take to shut down after SIGTERM before that counts as a failure. */
  static final Duration STOP_DEADLINE = Duration.ofSeconds(60);

  /**
   * The JVM is kept small and compiles with C1 only: a test runs two of these next to Maven, the
   * test JVM and PostgreSQL, and what it measures is behaviour, not speed.
   */
  private static final List<String> JVM_OPTIONS =
      List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private AppProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts the jar and returns at once, without waiting for it to be ready. The process inherits
   * none of the caller's {@code OPSROOM_*} and {@code QUARKUS_*} variables, so a developer's own
   * settings (a database URL, a Graphite) cannot change what a test runs against: only {@code
   * environment} configures it.
   */
  static AppProcess launch(
      String name,
      Path jar,
      int port,
      Map<String, String> environment,
      Path workingDirectory,
      Path log) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No packaged application at "
              + jar
              + ". Process tests run in Maven's integration-test phase, after the package phase"
              + " has built it: ./mvnw verify -Dit.test=<ClassIT>.");
    }
    List<String> command = new ArrayList<>();
    command.add(javaCommand());
    command.addAll(JVM_OPTIONS);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("OPSROOM_") || key.startsWith("QUARKUS_"));
    env.putAll(environment);
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    // The working directory is the instance's own, so a developer's .env or config/ beside the
    // project is never read.
    builder.directory(workingDirectory.toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Process process = builder.start();
      // Should the test JVM end early (a timeout, Ctrl-C), its applications must not outlive it.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new AppProcess(name, port, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + command, e);
    }
  }

  /** The java of the test JVM itself, so the application runs on the JDK the build uses. */
  private static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * Waits until {@code /q/health/ready} answers 200, which includes the database check. Fails at
   * once if the process ends first, and after {@link #START_DEADLINE} if it never gets ready.
   */
  public AppProcess awaitReady() {
    await("instance " + name + " ready on /q/health/ready (log: " + log + ")")
        .atMost(START_DEADLINE)
        .pollInterval(Duration.ofMillis(250))
        .until(this::ready);
    return this;
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "Instance "
              + name
              + " exited with code "
              + process.exitValue()
              + " before it was ready; see "
              + log);
    }
    try {
      return get("/q/health/ready").statusCode() == 200;
    } catch (IOException e) {
      // Not listening yet.
      return false;
    }
  }

  /**
   * Ends the process with SIGTERM, as a service manager does, and waits for its shutdown; fails if
   * it has not ended within {@link #STOP_DEADLINE}. Returns the exit code.
   */
  public int stop() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "Instance " + name + " did not end within " + STOP_DEADLINE + " of SIGTERM");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Ends the process with SIGKILL ({@code kill -9}): no shutdown hook, no finished transaction, as
   * in a crash or an OOM kill. Returns the exit code once the process is gone.
   */
  public int kill() {
    process.destroyForcibly();
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** The file that holds everything the process printed. */
  public Path log() {
    return log;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A REST Assured request to this instance with the admin token {@link AppProcesses} set. */
  public RequestSpecification asAdmin() {
    return Api.asAdmin().baseUri("http://127.0.0.1").port(port);
  }

  /**
   * The sum of the samples of a metric on {@code /q/metrics} whose labels include {@code labels},
   * or 0 when there is none (a counter appears only once it has counted something).
   */
  public double metric(String metricName, Map<String, String> labels) {
    try {
      HttpResponse<String> response = get("/q/metrics");
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Instance " + name + " answered /q/metrics with " + response.statusCode());
      }
      return sum(response.body(), metricName, labels);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds up the samples of one metric in Prometheus' text format. */
  static double sum(String exposition, String metricName, Map<String, String> labels) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      Matcher sample = SAMPLE.matcher(line.strip());
      if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(metricName)) {
        continue;
      }
      Map<String, String> found = new HashMap<>();
      Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
      while (label.find()) {
        found.put(label.group(1), label.group(2));
      }
      if (found.entrySet().containsAll(labels.entrySet())) {
        total += Double.parseDouble(sample.group(3));
      }
    }
    return total;
  }

  private HttpResponse<String> get(String path) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public String toString() {
    return "instance " + name + " (pid " + process.pid() + ", port " + port + ")";
  }
}

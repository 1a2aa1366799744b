package io.opsroom.testing;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Graphite of a test's own (graphite-web + carbon from Debian, through {@code
 * deploy/graphite/local.sh} with its own state folder and ports), which the test may stop and start
 * again: "Graphite is down" for real. Needs the same packages as the shared stack.
 */
public final class PrivateGraphite {

  private final Path home;
  private final int linePort;
  private final int httpPort;
  private final Map<String, String> env;

  private PrivateGraphite(Path home) {
    this.home = home;
    this.linePort = freePort();
    this.httpPort = freePort();
    this.env =
        Map.of(
            "OPSROOM_GRAPHITE_HOME", home.toString(),
            "OPSROOM_GRAPHITE_LINE_PORT", Integer.toString(linePort),
            "OPSROOM_GRAPHITE_PICKLE_PORT", Integer.toString(freePort()),
            "OPSROOM_GRAPHITE_QUERY_PORT", Integer.toString(freePort()),
            "OPSROOM_GRAPHITE_HTTP_PORT", Integer.toString(httpPort));
  }

  /** A new, stopped instance with an empty state folder. */
  public static PrivateGraphite create() {
    try {
      return new PrivateGraphite(Files.createTempDirectory("opsroom-graphite-test"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  public void start() {
    run("start");
  }

  public void stop() {
    run("stop");
  }

  /** Sends one point, stamped now, to carbon's plaintext receiver. */
  public void send(String metric, double value) {
    try (Socket socket = new Socket("127.0.0.1", linePort);
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
      out.write(metric + " " + value + " " + Instant.now().getEpochSecond() + "\n");
    } catch (IOException e) {
      throw new IllegalStateException("carbon did not take the point", e);
    }
  }

  /** Sends one point per metric, all stamped now, over one connection. */
  public void send(Map<String, Double> values) {
    long now = Instant.now().getEpochSecond();
    try (Socket socket = new Socket("127.0.0.1", linePort);
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII)) {
      for (Map.Entry<String, Double> point : values.entrySet()) {
        out.write(point.getKey() + " " + point.getValue() + " " + now + "\n");
      }
    } catch (IOException e) {
      throw new IllegalStateException("carbon did not take the points", e);
    }
  }

  /** Stops it and removes its data. */
  public void destroy() {
    stop();
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind harms nothing.
    }
  }

  private void run(String command) {
    Path script = Path.of("deploy", "graphite", "local.sh").toAbsolutePath();
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(home.resolve("local-sh-" + command + ".log").toFile());
    try {
      Process process = builder.start();
      if (!process.waitFor(Duration.ofSeconds(120).toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("local.sh " + command + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "local.sh "
                + command
                + " failed: "
                + Files.readString(home.resolve("local-sh-" + command + ".log")));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

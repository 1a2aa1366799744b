package io.opsroom.notify;

import io.opsroom.testing.InjectMail;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that speaks just enough of the protocol for the mailer and does what the test
 * tells it: accept messages as a good server does, or read the start of a message's data and drop
 * the connection without an answer, as a server that crashes or is killed mid-message does, which a
 * real server cannot be made to do on demand.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  /** What the server does with a message's data. */
  enum Behaviour {
    /** Reads it to the final dot and answers 250: the message is delivered. */
    ACCEPT,
    /**
     * Reads its headers and closes the connection with the body unread, which resets it, as when
     * the server's process dies: no answer, nothing delivered.
     */
    CUT_MID_MESSAGE
  }

  private final ServerSocket listener;
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private final AtomicInteger cut = new AtomicInteger();
  private volatile Behaviour behaviour = Behaviour.ACCEPT;

  ScriptedSmtpServer() {
    try {
      listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptConnections, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** From now on, messages are read to the end and accepted. */
  void accept() {
    behaviour = Behaviour.ACCEPT;
  }

  /** From now on, every message's connection is dropped in the middle of its data. */
  void cutMidMessage() {
    behaviour = Behaviour.CUT_MID_MESSAGE;
  }

  /** The messages answered with 250, as their raw text (headers and body). */
  List<String> delivered() {
    return List.copyOf(delivered);
  }

  /** How many connections were dropped in the middle of a message. */
  int cutMessages() {
    return cut.get();
  }

  /** Forgets what was delivered and cut, and accepts again. */
  void reset() {
    delivered.clear();
    cut.set(0);
    accept();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptConnections() {
    while (!listener.isClosed()) {
      try {
        Socket connection = listener.accept();
        // A pooled connection waits idle on its own thread, so new ones are not held up behind it.
        Thread session = new Thread(() -> serve(connection), "scripted-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        // The listener was closed: the server is stopping.
      }
    }
  }

  private void serve(Socket connection) {
    try (connection;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = connection.getOutputStream()) {
      reply(out, "220 scripted.test ESMTP");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String command = line.length() < 4 ? line : line.substring(0, 4);
        switch (command.toUpperCase(Locale.ROOT)) {
          case "EHLO", "HELO" -> reply(out, "250 scripted.test");
          case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
          case "DATA" -> {
            reply(out, "354 End data with <CR><LF>.<CR><LF>");
            if (!data(in, out)) {
              return;
            }
          }
          case "QUIT" -> {
            reply(out, "221 Bye");
            return;
          }
          default -> reply(out, "502 Command not implemented");
        }
      }
    } catch (SocketException e) {
      // The client went away; nothing was delivered on this connection after that.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one message's data; false when the connection was dropped on purpose. */
  private boolean data(BufferedReader in, OutputStream out) throws IOException {
    Behaviour now = behaviour;
    StringBuilder message = new StringBuilder();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (now == Behaviour.CUT_MID_MESSAGE && line.isEmpty()) {
        // The headers are in, the body is not: the end of the message never comes, and neither
        // does an answer.
        cut.incrementAndGet();
        return false;
      }
      if (line.equals(".")) {
        delivered.add(message.toString());
        reply(out, "250 OK queued");
        return true;
      }
      // Dot-stuffing: a line that starts with a dot was sent with one more.
      message.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
    }
    return false;
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /**
   * Starts the server for a {@code @QuarkusTest} profile and points the mailer at it; the test
   * receives it with {@code @InjectMail ScriptedSmtpServer smtp}.
   */
  public static class Resource implements QuarkusTestResourceLifecycleManager {

    private ScriptedSmtpServer server;

    @Override
    public Map<String, String> start() {
      server = new ScriptedSmtpServer();
      return Map.of(
          "quarkus.mailer.host", "127.0.0.1",
          "quarkus.mailer.port", Integer.toString(server.port()),
          "quarkus.mailer.mock", "false",
          "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void inject(TestInjector injector) {
      injector.injectIntoFields(
          server,
          new TestInjector.AnnotatedAndMatchesType(InjectMail.class, ScriptedSmtpServer.class));
    }

    @Override
    public void stop() {
      if (server != null) {
        server.close();
      }
    }
  }
}

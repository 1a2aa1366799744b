package io.opsroom.platform;

import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Checks an external PostgreSQL before the application starts, so that an unreachable server is
 * reported in one line that names it rather than in a long stack trace from connection pooling.
 */
public final class DatabaseReachability {

  private DatabaseReachability() {}

  /** Returns the reason the database cannot be used, or empty when a connection succeeds. */
  public static Optional<String> problem(String url, String user, String password) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("loginTimeout", "15");
    try (Connection connection = DriverManager.getConnection(url, properties)) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(
          "Cannot connect to PostgreSQL at "
              + redact(url)
              + ": "
              + rootMessage(e)
              + " (SQL state "
              + e.getSQLState()
              + ")");
    }
  }

  /** The URL as it may be logged: a password given in it is masked. */
  public static String redact(String url) {
    return url == null ? null : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (cause instanceof UnknownHostException) {
      return "unknown host " + message;
    }
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}

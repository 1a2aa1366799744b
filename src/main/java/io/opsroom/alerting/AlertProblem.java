package io.opsroom.alerting;

import java.time.Instant;
import java.util.Objects;

/**
 * Something wrong with the alert files, as shown on {@code /alerts/problems}, in the log and in the
 * health check: which file, which line, what is wrong, and since when.
 *
 * @param file the file, relative to the alerts folder (or the folder itself)
 * @param line the line the problem is on, counting from 1; 0 when it concerns the whole file
 * @param message what is wrong, in a sentence that says how to put it right where it can
 * @param alertId the alert concerned, or null when the problem is not about one alert
 * @param since when the problem was first seen; null until the registry has listed it
 */
public record AlertProblem(String file, int line, String message, String alertId, Instant since) {

  public AlertProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** A problem not yet listed by the registry. */
  public static AlertProblem at(String file, int line, String alertId, String message) {
    return new AlertProblem(file, line, message, alertId, null);
  }

  /** The same problem, first seen at {@code since}. */
  public AlertProblem seenSince(Instant since) {
    return new AlertProblem(file, line, message, alertId, since);
  }

  /** Whether this is the same problem as {@code other}, whenever each was seen. */
  public boolean sameAs(AlertProblem other) {
    return file.equals(other.file)
        && line == other.line
        && message.equals(other.message)
        && Objects.equals(alertId, other.alertId);
  }

  /** {@code file:line}, or just the file when the problem concerns all of it. */
  public String location() {
    return line > 0 ? file + ":" + line : file;
  }

  /** {@code file:line: message}, as the log writes it. */
  @Override
  public String toString() {
    return location() + ": " + message;
  }
}

package io.opsroom.notify;

import java.util.Objects;

/**
 * Something wrong with {@code alerts/routes.yaml}, by file and line; any one refuses the whole
 * file.
 *
 * @param file the file's name in the alerts folder, such as {@code routes.yaml}
 * @param line the line the problem is on, counting from 1; 0 when it concerns the whole file
 * @param message what is wrong, in a sentence that says how to put it right where it can
 */
public record RoutesProblem(String file, int line, String message) {

  public RoutesProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line}, or just the file when the problem concerns all of it. */
  public String location() {
    return line > 0 ? file + ":" + line : file;
  }

  /** {@code file:line: message}, as the log and the health check write it. */
  @Override
  public String toString() {
    return location() + ": " + message;
  }
}

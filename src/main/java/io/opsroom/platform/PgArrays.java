package io.opsroom.platform;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * PostgreSQL array literals for native queries ({@code cast(:names as text[])}): one parameter
 * however many values, where binding a Java array depends on the driver's mood.
 */
public final class PgArrays {

  private PgArrays() {}

  /** {@code {"a","b"}}: each value quoted, with backslashes and quotes escaped. */
  public static String text(Collection<String> values) {
    return values.stream()
        .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** {@code {1,2,3}}. */
  public static String numbers(Collection<? extends Number> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
  }
}

package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The alert files under {@code src/test/resources/alerts/}, named by scenario in good/bad pairs.
 */
final class AlertFixtures {

  private AlertFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = AlertFixtures.class.getResourceAsStream("/alerts/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture alerts/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AlertFile parse(String name) {
    return new AlertFileParser().parse(name, bytes(name));
  }

  /** Asserts the file's problems, each written {@code "line: message"}, all in that file. */
  static void assertProblems(AlertFile file, String... expected) {
    List<String> actual =
        file.problems().stream()
            .peek(p -> assertEquals(file.file(), p.file(), "file of " + p))
            .map(p -> p.line() + ": " + p.message())
            .toList();
    assertEquals(List.of(expected), actual);
  }
}

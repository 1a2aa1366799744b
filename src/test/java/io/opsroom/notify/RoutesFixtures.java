package io.opsroom.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The routes files under {@code src/test/resources/notify/routes/}, named by scenario in good/bad
 * pairs, and the environment they are read in.
 */
final class RoutesFixtures {

  /** The environment variables the fixtures name; the *_UNSET ones are left out on purpose. */
  static final Map<String, String> ENVIRONMENT =
      Map.of(
          "SLACK_OPS_WEBHOOK", "https://hooks.slack.com/services/T000/B000/XXXX",
          "PAGERDUTY_KEY", "0123456789abcdef0123456789abcdef",
          "HOOK_URL", "https://hooks.example.org/with-a-secret",
          "HOOK_TOKEN", "token-value",
          "NOT_A_URL", "hooks.slack.com/services/T000");

  static final Function<String, Optional<String>> SECRETS =
      name -> Optional.ofNullable(ENVIRONMENT.get(name));

  static final List<String> ALERT_EMAIL = List.of("alerts@example.org");

  private RoutesFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = RoutesFixtures.class.getResourceAsStream("/notify/routes/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture notify/routes/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RoutesFileParser.Result parse(String name) {
    return new RoutesFileParser(ALERT_EMAIL, SECRETS).parse(name, bytes(name));
  }

  /** The file's problems, each written {@code "line: message"}. */
  static List<String> problems(RoutesFileParser.Result result) {
    return result.problems().stream().map(p -> p.line() + ": " + p.message()).toList();
  }
}

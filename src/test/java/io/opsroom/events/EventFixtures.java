package io.opsroom.events;

import io.opsroom.testing.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.List;

/** Words no other test uses, and events made with them, for tests that share one database. */
final class EventFixtures {

  private EventFixtures() {}

  /**
   * A unique word of letters only, which the full-text parser keeps as one word (Api.unique's
   * digits and dashes would be split into several).
   */
  static String word(String prefix) {
    String digits = Api.unique("").replaceAll("[^0-9]", "");
    StringBuilder word = new StringBuilder(prefix);
    for (char c : digits.toCharArray()) {
      word.append((char) ('k' + (c - '0')));
    }
    return word.toString();
  }

  static long count() {
    return QuarkusTransaction.requiringNew().call(() -> Event.count());
  }

  static Event create(
      EventService service, Instant at, String title, String body, List<String> tags) {
    return service.create(new EventInput(at, null, title, body, tags), "tester", EventSource.API);
  }
}

package io.opsroom.notify;

import io.opsroom.testing.AppProcess;
import io.opsroom.testing.AppProcesses;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Outbox traffic for process tests, made the way users make it: DNS alias requests through the JSON
 * API, each of which queues two emails, one to the hostmaster and a copy to the requester.
 */
final class AliasRequests {

  private AliasRequests() {}

  /**
   * Creates a server and {@code count} alias requests pointing at it, through {@code instance}, and
   * returns the emails they must produce as "recipient | subject" (see {@link OutboxProbe}).
   */
  static Set<String> request(AppProcess instance, int count) {
    String server = "web1";
    instance
        .asAdmin()
        .body(Map.of("name", server, "ipAddresses", List.of(Map.of("address", "10.20.0.1"))))
        .post("/api/servers")
        .then()
        .statusCode(201);
    Set<String> expected = new TreeSet<>();
    for (int i = 1; i <= count; i++) {
      String hostname = "app" + i + ".example.org";
      String requester = "dev" + i + "@example.net";
      instance
          .asAdmin()
          .body(
              Map.of(
                  "hostname",
                  hostname,
                  "server",
                  server,
                  "description",
                  "Process test request " + i,
                  "requesterEmail",
                  requester))
          .post("/api/aliases")
          .then()
          .statusCode(201);
      String subject = "DNS alias request: " + hostname + " → " + server;
      expected.add(OutboxProbe.recipientAndSubject(AppProcesses.HOSTMASTER, subject));
      expected.add(OutboxProbe.recipientAndSubject(requester, subject));
    }
    return expected;
  }
}

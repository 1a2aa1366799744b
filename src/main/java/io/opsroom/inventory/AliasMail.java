package io.opsroom.inventory;

import java.time.Instant;
import java.util.List;

/**
 * Everything an alias email says, for its HTML and text templates ({@code templates/mail/alias*}).
 * The hostmaster's copy carries the confirm link; the requester's copy never does.
 */
public record AliasMail(
    String action,
    String hostname,
    Target target,
    Target oldTarget,
    String purpose,
    String reason,
    String requestedBy,
    Instant requestedAt,
    String aliasUrl,
    String confirmUrl,
    boolean forHostmaster,
    boolean hostmasterMailed) {

  /** What the alias points at: a server with its addresses, or an application and its servers. */
  public record Target(String type, String name, String url, List<Machine> machines) {}

  /** One server and its IP addresses. */
  public record Machine(String name, String role, List<String> addresses) {}

  /** This mail as the requester's copy: without the confirm link. */
  public AliasMail copyForRequester(boolean hostmasterMailed) {
    return new AliasMail(
        action,
        hostname,
        target,
        oldTarget,
        purpose,
        reason,
        requestedBy,
        requestedAt,
        aliasUrl,
        null,
        false,
        hostmasterMailed);
  }

  /** The words of the subject line for each action. */
  public String subject() {
    String what =
        switch (action) {
          case "change" -> "DNS alias change";
          case "retire" -> "DNS alias retirement";
          default -> "DNS alias request";
        };
    return what + ": " + hostname + " → " + target.name();
  }
}

package io.opsroom.events;

import io.opsroom.security.CurrentUser;
import io.opsroom.security.Principal;
import io.opsroom.security.Role;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may post to the Graphite and Anthracite receivers: an API token with the editor role (in
 * {@code Authorization: Bearer}, or as the password of HTTP Basic), or anybody when {@code
 * opsroom.events.open-receivers} is on, as graphite-web and Anthracite let anybody post. Never a
 * browser session, and never a browser on another site's page: the receivers take no CSRF token, so
 * what a browser sends by itself must not be enough.
 */
@RequestScoped
public class ReceiverAccess {

  /** Recorded as the author of an event posted without credentials to open receivers. */
  static final String ANONYMOUS = "anonymous";

  @Inject CurrentUser me;

  /** Whether anonymous callers may post (OPSROOM_EVENTS_OPEN_RECEIVERS, default false). */
  @ConfigProperty(name = "opsroom.events.open-receivers", defaultValue = "false")
  boolean openReceivers;

  /** The author to record for this caller; throws when the caller may not post. */
  String author(HttpHeaders headers) {
    refuseOtherSites(headers);
    Principal principal = me.principal().orElse(null);
    if (principal != null && principal.via() == Principal.Via.SESSION) {
      throw new ForbiddenException(
          "This receiver is for scripts: send an API token (Authorization: Bearer <token>, or"
              + " curl -u any:<token>), not a browser session. People add events at /events/new.");
    }
    if (principal == null) {
      if (openReceivers) {
        return ANONYMOUS;
      }
      throw new UnauthorizedException("Posting events needs an editor API token");
    }
    if (!openReceivers && !principal.role().includes(Role.EDITOR)) {
      throw new ForbiddenException(
          "This token has the role "
              + principal.role().value()
              + ": posting events needs an editor or admin token.");
    }
    return principal.name();
  }

  /**
   * A browser that posts from a page of another site says so in its Origin header; scripts send
   * none. Such a post is refused even to open receivers, so a web page cannot write to an intranet
   * Opsroom through its visitors' browsers.
   */
  private static void refuseOtherSites(HttpHeaders headers) {
    String origin = headers.getHeaderString("Origin");
    if (origin == null || origin.isBlank()) {
      return;
    }
    String host = headers.getHeaderString("X-Forwarded-Host");
    if (host == null || host.isBlank()) {
      host = headers.getHeaderString(HttpHeaders.HOST);
    }
    String originHost = authority(origin);
    if (originHost == null || host == null || !originHost.equals(withoutDefaultPort(host))) {
      throw new ForbiddenException(
          "Posts from web pages of other sites (Origin: "
              + origin
              + ") are refused: the receivers are for scripts.");
    }
  }

  /** host:80 and host:443 are the same site as host, whichever way round they come. */
  private static String withoutDefaultPort(String authority) {
    String value = authority.strip().toLowerCase(Locale.ROOT);
    if (value.endsWith(":80")) {
      return value.substring(0, value.length() - 3);
    }
    if (value.endsWith(":443")) {
      return value.substring(0, value.length() - 4);
    }
    return value;
  }

  private static String authority(String origin) {
    try {
      String authority = URI.create(origin.strip()).getAuthority();
      return authority == null ? null : withoutDefaultPort(authority);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

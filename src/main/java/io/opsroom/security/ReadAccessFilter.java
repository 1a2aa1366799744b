package io.opsroom.security;

import io.opsroom.platform.ReceiverPaths;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Enforces {@code OPSROOM_ANONYMOUS_READ=false}: then only the login page, the hostmaster's alias
 * confirm links, the acknowledge links of alert emails and what a {@link ReadGrant} opens (an
 * application's embeds with its embed token) are open to visitors who have not logged in. Writes
 * are guarded separately, by {@code @RolesAllowed} on each endpoint; the Graphite and Anthracite
 * receivers decide themselves who may post (OPSROOM_EVENTS_OPEN_RECEIVERS).
 */
public class ReadAccessFilter {

  private static final Set<String> OPEN_PATHS = Set.of("/login", "/logout");

  @Inject SecurityConfig config;
  @Inject SecurityIdentity identity;
  @Inject Instance<ReadGrant> grants;

  @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
  public void requireLoginToRead(ContainerRequestContext request) {
    if (config.anonymousRead() || !identity.isAnonymous()) {
      return;
    }
    String path = request.getUriInfo().getPath();
    // The hostmaster's confirm link works without an account: its token is the permission.
    boolean confirmLink = path.matches("/(api/)?aliases/[^/]+/confirm");
    // So does the acknowledge link of an alert email, for the on-call person without an account.
    boolean ackLink = path.matches("/alerts/[^/]+/ack");
    // The receivers refuse anonymous posts themselves unless open receivers are switched on.
    boolean receiver = ReceiverPaths.isReceiverPost(request.getMethod(), path);
    if (OPEN_PATHS.contains(path) || confirmLink || ackLink || receiver) {
      return;
    }
    // Features open their own addresses to a token in the URL, such as an application's embeds.
    for (ReadGrant grant : grants) {
      if (grant.grants(request.getMethod(), path, request.getUriInfo().getQueryParameters())) {
        return;
      }
    }
    throw new UnauthorizedException("Log in to read Opsroom");
  }
}

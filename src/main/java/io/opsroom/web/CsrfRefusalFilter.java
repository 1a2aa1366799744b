package io.opsroom.web;

import io.opsroom.platform.ResponseFormat;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Turns the CSRF filter's bare 400 into what it means, 403 Forbidden, with a page that tells the
 * user how to recover. A refused form has not been processed, so nothing was written.
 */
public class CsrfRefusalFilter {

  /** Set by quarkus-rest-csrf once a form's token matched its cookie. */
  private static final String VERIFIED = "csrf_token_verified";

  private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, "OPTIONS");

  @Inject ErrorPages pages;

  @ServerResponseFilter
  public void refuseAsForbidden(
      ContainerRequestContext request, ContainerResponseContext response, RoutingContext context) {
    if (response.getStatus() != 400
        || response.hasEntity()
        || SAFE.contains(request.getMethod())
        || !isForm(request.getMediaType())
        || context.get(VERIFIED) != null) {
      return;
    }
    var answer =
        pages.response(
            403,
            "This form has expired or did not come from Opsroom. Reload the page and submit it"
                + " again.",
            Map.of(),
            ResponseFormat.wantsJson(
                context.normalizedPath(),
                request.getHeaderString(HttpHeaders.ACCEPT),
                request.getHeaderString(HttpHeaders.AUTHORIZATION) != null));
    response.setStatus(403);
    response.getHeaders().putSingle("Content-Type", answer.getMediaType().toString());
    response.setEntity(answer.getEntity());
  }

  private static boolean isForm(MediaType type) {
    return type != null
        && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
            || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
  }
}

package io.opsroom.events;

import io.opsroom.platform.ReceiverPaths;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lets scripts post to the Graphite and Anthracite receivers without a CSRF token, while every HTML
 * form keeps its protection.
 *
 * <p>quarkus-rest-csrf checks every URL-encoded or multipart POST for the token of a page's form,
 * with no per-endpoint exception. Scripts have no page: {@code curl -d '{"what": ...}'} labels its
 * JSON as a form, and Anthracite's clients post real forms. Before the request is matched, this
 * filter relabels the body of a POST to the receivers' own paths as {@code
 * application/octet-stream} and keeps the original type for the receiver, which decodes the body
 * itself. The CSRF filter then sees a non-form body, which it never checks, as for every JSON call.
 *
 * <p>That is safe because CSRF rides on what a browser sends by itself, and the receivers accept
 * none of it: they refuse a session cookie (only an API token in the Authorization header, or
 * nobody when open receivers are switched on), and they refuse a post that a browser made from
 * another site's page (its Origin header). See {@link ReceiverAccess}.
 */
public class ReceiverBodies {

  /** Where the receivers find the Content-Type the client sent. */
  static final String ORIGINAL_TYPE = "opsroom.receiver.content-type";

  @ServerRequestFilter(preMatching = true)
  public void relabelForms(ContainerRequestContext request, RoutingContext context) {
    if (!ReceiverPaths.isReceiverPost(request.getMethod(), context.normalizedPath())) {
      return;
    }
    String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    context.put(ORIGINAL_TYPE, type == null ? "" : type);
    if (FormFields.isForm(type)) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
    }
  }
}

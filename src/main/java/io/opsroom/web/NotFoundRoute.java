package io.opsroom.web;

import io.opsroom.platform.ErrorBody;
import io.opsroom.platform.ResponseFormat;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;

/** Answers paths that nothing else serves with the same 404 page (or JSON) as the rest. */
@ApplicationScoped
public class NotFoundRoute {

  @Inject ErrorPages pages;

  void register(@Observes Router router) {
    router
        .route()
        .order(Integer.MAX_VALUE)
        .handler(
            context -> {
              String path = context.normalizedPath();
              String message = "There is nothing at " + path + ".";
              boolean json =
                  ResponseFormat.wantsJson(
                      path,
                      context.request().getHeader(HttpHeaders.ACCEPT),
                      context.request().getHeader(HttpHeaders.AUTHORIZATION) != null);
              context
                  .response()
                  .setStatusCode(404)
                  .putHeader("Content-Type", json ? "application/json" : "text/html;charset=UTF-8")
                  .end(
                      json
                          ? Json.encode(new ErrorBody(404, "Not Found", message, Map.of()))
                          : pages.bareHtml(404, "Not Found", message));
            });
  }
}

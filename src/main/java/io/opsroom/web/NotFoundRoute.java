package io.opsroom.web;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
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
              List<MediaType> accept =
                  context.parsedHeaders().accept().stream()
                      .map(h -> MediaType.valueOf(h.rawValue()))
                      .toList();
              String message = "There is nothing at " + path + ".";
              boolean json = ErrorPages.wantsJson(path, accept);
              context
                  .response()
                  .setStatusCode(404)
                  .putHeader("Content-Type", json ? "application/json" : "text/html;charset=UTF-8")
                  .end(
                      json
                          ? Json.encode(
                              new ErrorPages.ErrorBody(404, "Not Found", message, Map.of()))
                          : pages.bareHtml(404, "Not Found", message));
            });
  }
}

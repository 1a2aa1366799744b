package io.opsroom.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsroom.platform.ErrorBody;
import io.opsroom.platform.InvalidInputException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for {@code POST /api/events} while the JSON API lives on another branch, so the CLI
 * scripts can be run for real here. It is a Vert.x route placed after Quarkus REST, which passes on
 * only the requests no resource matched: once the real EventResource is merged, this never answers
 * and the scripts test the real API. It takes the fields the scripts send (title, body, tags,
 * source, time, endTime) and answers 201 with the event's id, or Opsroom's error JSON.
 */
@ApplicationScoped
public class ApiEventsStandIn {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject EventService events;

  void register(@Observes Router router, BeanManager beans) {
    if (realApiExists(beans)) {
      return;
    }
    // After authentication (which runs before the default order), before Quarkus REST (at it).
    int order = RouteConstants.ROUTE_ORDER_DEFAULT - 1;
    router.post("/api/events").order(order).handler(BodyHandler.create());
    router.post("/api/events").order(order).blockingHandler(this::create);
  }

  /** Whether a JAX-RS resource of the application already takes POST /api/events. */
  static boolean realApiExists(BeanManager beans) {
    for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
      if (takesPostApiEvents(bean.getBeanClass())) {
        return true;
      }
    }
    return false;
  }

  /** Whether this JAX-RS resource class has a POST method at /api/events. */
  static boolean takesPostApiEvents(Class<?> type) {
    Path path = type.getAnnotation(Path.class);
    if (path == null) {
      return false;
    }
    for (Method method : type.getMethods()) {
      Path sub = method.getAnnotation(Path.class);
      if (method.isAnnotationPresent(POST.class)
          && joined(path.value(), sub == null ? null : sub.value()).equals("/api/events")) {
        return true;
      }
    }
    return false;
  }

  /** A class path and a method path as one path: one slash between, none at the end. */
  static String joined(String classPath, String methodPath) {
    String full = "/" + classPath.replaceAll("^/+|/+$", "");
    return methodPath == null ? full : full + "/" + methodPath.replaceAll("^/+|/+$", "");
  }

  private void create(RoutingContext context) {
    SecurityIdentity identity =
        context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
    if (identity == null || identity.isAnonymous()) {
      answer(
          context,
          401,
          new ErrorBody(
              401,
              "Unauthorized",
              "Send a valid API token as Authorization: Bearer <token>, or log in.",
              Map.of()));
      return;
    }
    if (!identity.hasRole("editor")) {
      answer(
          context,
          403,
          new ErrorBody(
              403, "Forbidden", "Your role does not allow this. Ask an admin.", Map.of()));
      return;
    }
    try {
      JsonNode body = JSON.readTree(context.body().asString("UTF-8"));
      List<String> tags = new ArrayList<>();
      body.path("tags").forEach(tag -> tags.add(tag.asText()));
      EventInput input =
          new EventInput(
              body.hasNonNull("time") ? Instant.parse(body.get("time").asText()) : null,
              body.hasNonNull("endTime") ? Instant.parse(body.get("endTime").asText()) : null,
              body.path("title").asText(null),
              body.path("body").asText(null),
              tags);
      EventSource source =
          EventSource.parse(body.path("source").asText("api")).orElse(EventSource.API);
      Event event = events.create(input, identity.getPrincipal().getName(), source);
      Map<String, Object> created = new LinkedHashMap<>();
      created.put("id", event.id);
      created.put("title", event.title);
      created.put("tags", event.tags);
      created.put("source", event.source);
      answer(context, 201, created);
    } catch (InvalidInputException e) {
      answer(
          context,
          e.status(),
          new ErrorBody(e.status(), "Bad Request", e.getMessage(), e.fieldErrors()));
    } catch (Exception e) {
      answer(
          context,
          400,
          new ErrorBody(400, "Bad Request", "Unreadable: " + e.getMessage(), Map.of()));
    }
  }

  private static void answer(RoutingContext context, int status, Object body) {
    try {
      context
          .response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(JSON.writeValueAsString(body));
    } catch (Exception e) {
      context.fail(e);
    }
  }
}

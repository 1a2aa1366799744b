package io.opsroom.notify;

import io.opsroom.platform.InvalidInputException;
import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The outbox and the channels over JSON, for admins and their scripts: list notifications, send a
 * dead one again, list the channels, send a test message through one.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class NotificationResource {

  @Inject NotificationAdmin admin;
  @Inject NotificationOutbox outbox;
  @Inject NotificationDispatcher dispatcher;
  @Inject CurrentUser me;

  /** Notifications newest first, 50 a page; {@code status} is pending, sent, failed or dead. */
  @GET
  @Path("notifications")
  @Transactional
  public List<NotificationAdmin.NotificationView> list(
      @QueryParam("status") String status, @QueryParam("page") String page) {
    try {
      return admin.list(status, page(page));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field("status", e.getMessage());
    }
  }

  @GET
  @Path("notifications/summary")
  @Transactional
  public NotificationAdmin.Summary summary() {
    return admin.summary();
  }

  @GET
  @Path("notifications/{id}")
  @Transactional
  public NotificationAdmin.NotificationView get(@PathParam("id") long id) {
    return admin.find(id).orElseThrow(() -> new NotFoundException("No notification " + id));
  }

  /** Queues a dead or failed notification again, attempts reset; 409 for any other status. */
  @POST
  @Path("notifications/{id}/retry")
  public NotificationAdmin.NotificationView retry(@PathParam("id") long id) {
    NotificationAdmin.NotificationView row =
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
            .call(() -> admin.find(id))
            .orElseThrow(() -> new NotFoundException("No notification " + id));
    if (!outbox.retry(id)) {
      throw InvalidInputException.conflict(
          "status",
          "Notification " + id + " is " + row.status() + ": only dead or failed ones are retried.");
    }
    return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .call(() -> admin.find(id).orElseThrow());
  }

  @GET
  @Path("notification-channels")
  public List<NotificationAdmin.ChannelView> channels() {
    return admin.channels();
  }

  /** Sends a test message through a channel of routes.yaml; 202 with the outbox key. */
  @POST
  @Path("notification-channels/{name}/test")
  public Response test(@PathParam("name") String name) {
    return dispatcher
        .test(name, me.username())
        .map(key -> Response.accepted(Map.of("channel", name, "dedupeKey", key)).build())
        .orElseThrow(() -> new NotFoundException("No channel " + name + " in routes.yaml"));
  }

  static int page(String page) {
    if (page == null || page.isBlank()) {
      return 0;
    }
    try {
      int value = Integer.parseInt(page.strip());
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw InvalidInputException.field("page", "A page is a number from 0: " + page);
  }
}

package io.opsroom.notify;

import io.opsroom.security.CurrentUser;
import io.opsroom.security.Role;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The notifications page at {@code /notifications}: the outbox at a glance, the messages that need
 * a person with a Retry button, the recent ones, and a test button per channel.
 */
@Path("/notifications")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class NotificationPages {

  @Inject NotificationAdmin admin;
  @Inject NotificationOutbox outbox;
  @Inject NotificationDispatcher dispatcher;
  @Inject RoutesRegistry routing;
  @Inject CurrentUser me;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance notifications(
        NotificationAdmin.Summary summary,
        List<NotificationAdmin.NotificationView> needAttention,
        List<NotificationAdmin.NotificationView> recent,
        List<NotificationAdmin.ChannelView> channels,
        String routesProblem,
        String status,
        int page,
        String notice);
  }

  @GET
  @Transactional
  public String page(
      @QueryParam("status") String status,
      @QueryParam("page") String page,
      @QueryParam("notice") String notice) {
    String filter = status == null || status.isBlank() ? null : status.strip();
    if (filter != null) {
      try {
        NotificationAdmin.parseStatus(filter);
      } catch (IllegalArgumentException e) {
        throw io.opsroom.platform.InvalidInputException.field("status", e.getMessage());
      }
    }
    int pageNumber = NotificationResource.page(page);
    List<NotificationAdmin.NotificationView> attention =
        new java.util.ArrayList<>(admin.list("dead", 0));
    attention.addAll(admin.list("failed", 0));
    return Templates.notifications(
            admin.summary(),
            attention,
            admin.list(filter, pageNumber),
            admin.channels(),
            routing.problem().orElse(null),
            filter,
            pageNumber,
            notice)
        .render();
  }

  @POST
  @Path("{id}/retry")
  public Response retry(@PathParam("id") long id) {
    boolean queued = outbox.retry(id);
    return back(
        queued
            ? "Notification " + id + " is queued again."
            : "Notification " + id + " was not dead or failed: nothing to retry.");
  }

  @POST
  @Path("channels/{name}/test")
  public Response test(@PathParam("name") String name) {
    if (dispatcher.test(name, me.username()).isEmpty()) {
      throw new NotFoundException("No channel " + name + " in routes.yaml");
    }
    return back("A test message to " + name + " is queued: it is listed below once sent.");
  }

  private static Response back(String notice) {
    return Response.seeOther(
            URI.create(
                "/notifications?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8)))
        .build();
  }
}

package io.opsroom.security;

import io.opsroom.platform.InvalidInputException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The logged-in user's own page: who they are, and changing their password. */
@Path("/account")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.VIEWER_NAME)
public class AccountResource {

  @Inject CurrentUser me;
  @Inject UserService users;
  @Inject SessionService sessions;
  @Inject LoginThrottle throttle;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance account(AppUser user, Map<String, String> errors, String notice);
  }

  @GET
  public TemplateInstance show() {
    return Templates.account(user(), Map.of(), null);
  }

  @POST
  @Path("password")
  public Response changePassword(
      @FormParam("current") String current,
      @FormParam("password") String password,
      @FormParam("repeat") String repeat) {
    AppUser user = user();
    Optional<Duration> wait = throttle.waitBeforeAttempt(user.username);
    if (wait.isPresent()) {
      Map<String, String> errors =
          Map.of(
              "current",
              "Too many wrong passwords. Try again in "
                  + Math.max(1, wait.get().toSeconds())
                  + " seconds.");
      return Response.status(429).entity(Templates.account(user, errors, null)).build();
    }
    try {
      AppUser changed = users.changeOwnPassword(user.id, current, password, repeat);
      throttle.succeeded(user.username);
      String secret = sessions.open(changed);
      return Response.ok(Templates.account(changed, Map.of(), "Your password has been changed."))
          .cookie(sessions.cookie(secret))
          .build();
    } catch (InvalidInputException e) {
      if (e.fieldErrors().containsKey("current")) {
        throttle.failed(user.username);
      }
      return Response.status(e.status())
          .entity(Templates.account(user, e.fieldErrors(), null))
          .build();
    }
  }

  private AppUser user() {
    return me.userId()
        .map(id -> AppUser.<AppUser>findById(id))
        .orElseThrow(() -> new ForbiddenException("API tokens have no account page."));
  }
}

package io.opsroom.security;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The login form, login and logout. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

  @Inject UserService users;
  @Inject SessionService sessions;
  @Inject LoginThrottle throttle;

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance login(String username, String next, String error, String notice);
  }

  @GET
  @Path("login")
  public TemplateInstance form(
      @QueryParam("next") String next, @QueryParam("loggedOut") boolean loggedOut) {
    return Templates.login("", safeNext(next), null, loggedOut ? "You have logged out." : null);
  }

  @POST
  @Path("login")
  public Response login(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("next") String next) {
    String target = safeNext(next);
    String name = username == null ? "" : username.trim();
    Optional<Duration> wait = throttle.waitBeforeAttempt(name);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds());
      return page(
          429,
          name,
          target,
          "Too many failed logins for this user. Try again in " + seconds + " seconds.");
    }
    Optional<AppUser> user = users.authenticate(name, password);
    if (user.isEmpty()) {
      throttle.failed(name);
      return page(401, name, target, "Wrong username or password.");
    }
    throttle.succeeded(name);
    String secret = sessions.open(user.get());
    return Response.seeOther(URI.create(target)).cookie(sessions.cookie(secret)).build();
  }

  @POST
  @Path("logout")
  public Response logout(
      @CookieParam(OpsroomAuthenticationMechanism.SESSION_COOKIE) String secret) {
    if (secret != null && !secret.isBlank()) {
      sessions.close(secret);
    }
    return Response.seeOther(URI.create("/login?loggedOut=true"))
        .cookie(sessions.expiredCookie())
        .build();
  }

  private Response page(int status, String username, String next, String error) {
    return Response.status(status).entity(Templates.login(username, next, error, null)).build();
  }

  /** Only paths on this site: an open redirect would make the login page a phishing tool. */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.startsWith("/login")) {
      return "/";
    }
    return next;
  }
}

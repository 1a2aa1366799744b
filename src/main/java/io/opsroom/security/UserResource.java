package io.opsroom.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Users over JSON, for admins. Users are deactivated rather than deleted: history names them. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class UserResource {

  @Inject UserService users;

  /** A user as shown: never the password hash. */
  public record UserView(
      String username,
      String displayName,
      String email,
      String role,
      boolean active,
      Instant createdAt,
      Instant lastLoginAt) {

    static UserView of(AppUser user) {
      return new UserView(
          user.username,
          user.displayName,
          user.email,
          user.role.value(),
          user.active,
          user.createdAt,
          user.lastLoginAt);
    }
  }

  @GET
  public List<UserView> list() {
    return AppUser.listByUsername().stream().map(UserView::of).toList();
  }

  @GET
  @Path("{username}")
  public UserView get(@PathParam("username") String username) {
    return AppUser.findByUsername(username)
        .map(UserView::of)
        .orElseThrow(() -> new NotFoundException("No user " + username));
  }

  @POST
  public Response create(UserService.NewUser request) {
    UserService.NewUser input =
        request == null ? new UserService.NewUser(null, null, null, null, null) : request;
    AppUser user = users.create(input);
    return Response.created(URI.create("/api/users/" + user.username))
        .entity(UserView.of(user))
        .build();
  }

  @PUT
  @Path("{username}")
  public UserView update(@PathParam("username") String username, UserService.UserChange change) {
    UserService.UserChange input =
        change == null ? new UserService.UserChange(null, null, null, null, null) : change;
    return UserView.of(users.update(username, input));
  }
}

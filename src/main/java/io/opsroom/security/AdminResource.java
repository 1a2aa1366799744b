package io.opsroom.security;

import io.opsroom.platform.InvalidInputException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Admin pages: add and change users, create and revoke API tokens. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminResource {

  @Inject UserService users;
  @Inject TokenService tokens;
  @Inject CurrentUser me;
  @Inject Clock clock;

  /** What the add-user form held, to show it again next to its errors. */
  public record UserForm(String username, String displayName, String email, String role) {
    static final UserForm EMPTY = new UserForm("", "", "", "viewer");
  }

  /** What the create-token form held. */
  public record TokenForm(String name, String role, String expires) {
    static final TokenForm EMPTY = new TokenForm("", "editor", "");
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance users(
        List<AppUser> users, UserForm form, Map<String, String> errors, String notice);

    static native TemplateInstance tokens(
        List<ApiToken> tokens,
        TokenForm form,
        Map<String, String> errors,
        String notice,
        String createdToken,
        Instant now);
  }

  @GET
  @Path("users")
  public TemplateInstance users() {
    return usersPage(UserForm.EMPTY, Map.of(), null);
  }

  @POST
  @Path("users")
  public Response addUser(
      @FormParam("username") String username,
      @FormParam("password") String password,
      @FormParam("role") String role,
      @FormParam("displayName") String displayName,
      @FormParam("email") String email) {
    try {
      AppUser user =
          users.create(new UserService.NewUser(username, password, role, displayName, email));
      return Response.ok(usersPage(UserForm.EMPTY, Map.of(), "Added " + user.username + "."))
          .build();
    } catch (InvalidInputException e) {
      UserForm form = new UserForm(username, displayName, email, role);
      return Response.status(e.status()).entity(usersPage(form, e.fieldErrors(), null)).build();
    }
  }

  @POST
  @Path("users/{username}")
  public Response changeUser(
      @PathParam("username") String username,
      @FormParam("role") String role,
      @FormParam("active") String active,
      @FormParam("password") String password) {
    // The row's Deactivate/Reactivate buttons submit the whole row: they change only the state.
    boolean stateOnly = active != null;
    try {
      users.update(
          username,
          new UserService.UserChange(
              stateOnly ? null : role,
              stateOnly ? Boolean.valueOf(active) : null,
              stateOnly || password == null || password.isEmpty() ? null : password,
              null,
              null));
      return Response.seeOther(URI.create("/admin/users")).build();
    } catch (InvalidInputException e) {
      // The row has no room for messages at each field: one message names the user.
      String problems = String.join(" ", e.fieldErrors().values());
      Map<String, String> errors = Map.of("row", UserService.normalize(username) + ": " + problems);
      return Response.status(e.status()).entity(usersPage(UserForm.EMPTY, errors, null)).build();
    }
  }

  @GET
  @Path("tokens")
  public TemplateInstance tokens() {
    return tokensPage(TokenForm.EMPTY, Map.of(), null, null);
  }

  @POST
  @Path("tokens")
  public Response createToken(
      @FormParam("name") String name,
      @FormParam("role") String role,
      @FormParam("expires") String expires) {
    TokenForm form = new TokenForm(name, role, expires);
    try {
      TokenService.Created created =
          tokens.create(name, role, parseDate(expires), me.userId().orElse(null));
      return Response.ok(
              tokensPage(
                  TokenForm.EMPTY,
                  Map.of(),
                  "Created token " + created.token().name + ". Copy it now: it is not shown again.",
                  created.value()))
          .build();
    } catch (InvalidInputException e) {
      return Response.status(e.status())
          .entity(tokensPage(form, e.fieldErrors(), null, null))
          .build();
    }
  }

  @POST
  @Path("tokens/{id}/revoke")
  public Response revokeToken(@PathParam("id") long id) {
    tokens.revoke(id);
    return Response.seeOther(URI.create("/admin/tokens")).build();
  }

  private TemplateInstance usersPage(UserForm form, Map<String, String> errors, String notice) {
    return Templates.users(AppUser.listByUsername(), form, errors, notice);
  }

  private TemplateInstance tokensPage(
      TokenForm form, Map<String, String> errors, String notice, String createdToken) {
    return Templates.tokens(
        ApiToken.listNewestFirst(), form, errors, notice, createdToken, clock.instant());
  }

  /** A date typed into the form: the token expires at the start of that day, UTC. */
  private static Instant parseDate(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw InvalidInputException.field("expires", "Enter a date as YYYY-MM-DD, or leave empty.");
    }
  }
}

package io.opsroom.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** API tokens over JSON, for admins: create (the value is in this answer only), list, revoke. */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class TokenResource {

  @Inject TokenService tokens;
  @Inject CurrentUser me;

  public record TokenRequest(String name, String role, Instant expiresAt) {}

  /** A token as listed: never its value. */
  public record TokenView(
      long id,
      String name,
      String role,
      String tokenPrefix,
      String createdBy,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt) {

    static TokenView of(ApiToken token) {
      return new TokenView(
          token.id,
          token.name,
          token.role.value(),
          token.tokenPrefix,
          token.createdBy == null ? null : token.createdBy.username,
          token.createdAt,
          token.expiresAt,
          token.lastUsedAt,
          token.revokedAt);
    }
  }

  /** The answer to a create: the only time the token's value is shown. */
  public record CreatedToken(
      long id, String name, String role, String token, Instant createdAt, Instant expiresAt) {}

  @GET
  public List<TokenView> list() {
    return ApiToken.listNewestFirst().stream().map(TokenView::of).toList();
  }

  @GET
  @Path("{id}")
  public TokenView get(@PathParam("id") long id) {
    ApiToken token = ApiToken.findById(id);
    if (token == null) {
      throw new NotFoundException("No token " + id);
    }
    return TokenView.of(token);
  }

  @POST
  public Response create(TokenRequest request) {
    TokenRequest input = request == null ? new TokenRequest(null, null, null) : request;
    TokenService.Created created =
        tokens.create(input.name(), input.role(), input.expiresAt(), me.userId().orElse(null));
    ApiToken token = created.token();
    return Response.created(URI.create("/api/tokens/" + token.id))
        .entity(
            new CreatedToken(
                token.id,
                token.name,
                token.role.value(),
                created.value(),
                token.createdAt,
                token.expiresAt))
        .build();
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") long id) {
    tokens.revoke(id);
    return Response.noContent().build();
  }
}

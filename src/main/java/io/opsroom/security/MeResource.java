package io.opsroom.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Tells a caller who Opsroom takes them for: scripts check their token with it. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  @Inject CurrentUser me;

  /** {@code authenticatedBy} is {@code session}, {@code token} or null for anonymous callers. */
  public record Me(String username, String role, String authenticatedBy) {}

  @GET
  public Me get() {
    return new Me(
        me.username(),
        me.role(),
        me.principal().map(p -> p.via().name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
  }
}

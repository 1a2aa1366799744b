package io.opsroom.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns a token or a session secret into a security identity, reading the database. */
final class OpsroomIdentityProviders {

  static final String PRINCIPAL_ATTRIBUTE = "opsroom.principal";

  private OpsroomIdentityProviders() {}

  static Uni<SecurityIdentity> identify(
      AuthenticationRequestContext context, Supplier<Optional<Principal>> lookup) {
    return context.runBlocking(
        () ->
            lookup
                .get()
                .map(OpsroomIdentityProviders::identity)
                .orElseThrow(AuthenticationFailedException::new));
  }

  static SecurityIdentity identity(Principal principal) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(principal.name()))
        .addRoles(principal.role().grantedRoles())
        .addAttribute(PRINCIPAL_ATTRIBUTE, principal)
        .build();
  }

  /** Bearer tokens. */
  @ApplicationScoped
  static class Tokens implements IdentityProvider<ApiTokenAuthenticationRequest> {
    @Inject TokenService tokens;

    @Override
    public Class<ApiTokenAuthenticationRequest> getRequestType() {
      return ApiTokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
        ApiTokenAuthenticationRequest request, AuthenticationRequestContext context) {
      return identify(context, () -> tokens.identify(request.token()));
    }
  }

  /** Session cookies. */
  @ApplicationScoped
  static class Sessions implements IdentityProvider<SessionAuthenticationRequest> {
    @Inject SessionService sessions;

    @Override
    public Class<SessionAuthenticationRequest> getRequestType() {
      return SessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
        SessionAuthenticationRequest request, AuthenticationRequestContext context) {
      return identify(context, () -> sessions.identify(request.secret()));
    }
  }
}

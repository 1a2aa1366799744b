package io.opsroom.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;

/** The caller of this request, for resources and for templates ({@code inject:me}). */
@RequestScoped
@Named("me")
public class CurrentUser {

  @Inject SecurityIdentity identity;

  public Optional<Principal> principal() {
    if (identity.isAnonymous()) {
      return Optional.empty();
    }
    return Optional.ofNullable(identity.getAttribute(OpsroomIdentityProviders.PRINCIPAL_ATTRIBUTE));
  }

  public boolean isAnonymous() {
    return principal().isEmpty();
  }

  /** The username, or {@code token:<name>} for an API token; null when anonymous. */
  public String username() {
    return principal().map(Principal::name).orElse(null);
  }

  /** {@code anonymous}, {@code viewer}, {@code editor} or {@code admin}. */
  public String role() {
    return principal().map(p -> p.role().value()).orElse("anonymous");
  }

  /** The id of the logged-in user; empty for tokens and anonymous callers. */
  public Optional<Long> userId() {
    return principal().filter(p -> p.via() == Principal.Via.SESSION).map(Principal::id);
  }

  public boolean canEdit() {
    return principal().map(p -> p.role().includes(Role.EDITOR)).orElse(false);
  }

  public boolean isAdmin() {
    return principal().map(p -> p.role() == Role.ADMIN).orElse(false);
  }
}

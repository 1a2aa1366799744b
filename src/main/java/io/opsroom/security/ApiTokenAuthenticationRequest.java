package io.opsroom.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer token presented by a script. */
public class ApiTokenAuthenticationRequest extends BaseAuthenticationRequest {

  private final String token;

  public ApiTokenAuthenticationRequest(String token) {
    this.token = token;
  }

  public String token() {
    return token;
  }
}

package io.opsroom.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.opsroom.platform.ErrorBody;
import io.opsroom.platform.ReceiverPaths;
import io.opsroom.platform.ResponseFormat;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Finds out who is calling: an API token in {@code Authorization: Bearer}, else the session cookie,
 * else nobody (anonymous). On the Graphite and Anthracite compatibility paths the token may also
 * come as the password of HTTP Basic ({@code curl -u any:TOKEN}, Grafana's basic auth), as scripts
 * written for graphite-web send it. A bad token is refused with 401; a stale session cookie is
 * dropped and the caller continues as anonymous. Asking an anonymous browser to prove who it is
 * sends it to the login page; asking a script gets a 401 JSON answer.
 */
@ApplicationScoped
public class OpsroomAuthenticationMechanism implements HttpAuthenticationMechanism {

  public static final String SESSION_COOKIE = "opsroom-session";
  private static final String BEARER = "Bearer ";
  private static final String BASIC = "Basic ";

  /** What a caller without valid credentials is told, wherever the refusal is made. */
  public static final String UNAUTHORIZED_MESSAGE =
      "Send a valid API token as Authorization: Bearer <token>, or log in.";

  private static final ErrorBody UNAUTHORIZED =
      new ErrorBody(401, "Unauthorized", UNAUTHORIZED_MESSAGE, Map.of());

  @Inject SessionService sessions;

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String authorization = context.request().getHeader(HttpHeaderNames.AUTHORIZATION);
    if (authorization != null) {
      String token;
      if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
        token = authorization.substring(BEARER.length()).trim();
      } else if (authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())
          && ReceiverPaths.isCompatPath(context.normalizedPath())) {
        token = basicPassword(authorization.substring(BASIC.length()).trim());
        if (token == null) {
          return Uni.createFrom()
              .failure(new AuthenticationFailedException("Unreadable basic credentials"));
        }
      } else {
        return Uni.createFrom()
            .failure(new AuthenticationFailedException("Only bearer tokens are accepted"));
      }
      return identityProviderManager.authenticate(
          HttpSecurityUtils.setRoutingContextAttribute(
              new ApiTokenAuthenticationRequest(token), context));
    }
    Cookie cookie = context.request().getCookie(SESSION_COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      return Uni.createFrom().nullItem();
    }
    return identityProviderManager
        .authenticate(
            HttpSecurityUtils.setRoutingContextAttribute(
                new SessionAuthenticationRequest(cookie.getValue()), context))
        .onFailure(AuthenticationFailedException.class)
        .recoverWithItem(
            () -> {
              context.response().addCookie(expiredSessionCookie());
              return null;
            });
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    if (wantsJson(context)) {
      return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }
    String next = context.request().uri();
    String location = "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    return Uni.createFrom().item(new ChallengeData(303, "Location", location));
  }

  @Override
  public Uni<Boolean> sendChallenge(RoutingContext context) {
    return getChallenge(context)
        .map(
            challenge -> {
              context.response().setStatusCode(challenge.status);
              context.response().headers().set(challenge.headerName, challenge.headerContent);
              if (challenge.status == 401) {
                context.response().headers().set("Content-Type", "application/json");
                context.response().end(Json.encode(UNAUTHORIZED));
              }
              return true;
            });
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiTokenAuthenticationRequest.class, SessionAuthenticationRequest.class);
  }

  /**
   * The password of HTTP Basic credentials, which is where Graphite scripts put the API token; the
   * user name is ignored. Null when the credentials cannot be read.
   */
  static String basicPassword(String encoded) {
    try {
      String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0 ? null : pair.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The session service's expired cookie, in the form the HTTP layer sets it here. */
  private Cookie expiredSessionCookie() {
    NewCookie expired = sessions.expiredCookie();
    return Cookie.cookie(expired.getName(), expired.getValue())
        .setPath(expired.getPath())
        .setHttpOnly(expired.isHttpOnly())
        .setSecure(expired.isSecure())
        .setSameSite(CookieSameSite.valueOf(expired.getSameSite().name()))
        .setMaxAge(expired.getMaxAge());
  }

  private static boolean wantsJson(RoutingContext context) {
    return ResponseFormat.wantsJson(
        context.normalizedPath(),
        context.request().getHeader(HttpHeaderNames.ACCEPT),
        context.request().getHeader(HttpHeaderNames.AUTHORIZATION) != null);
  }
}

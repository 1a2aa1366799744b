package io.opsroom.stats;

import io.opsroom.security.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The headers of embeds, panel images and the stats JSON: which sites may frame them ({@code
 * frame-ancestors}), which may read them from a script (CORS), and how long browsers may keep them
 * ({@code Cache-Control}, {@code ETag}, {@code 304 Not Modified}).
 */
@ApplicationScoped
public class EmbedHeaders {

  /**
   * The embed page's own rules: nothing from anywhere, inline styles and inline SVG only, no
   * scripts; links still work.
   */
  static final String PAGE_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none';"
          + " form-action 'none'";

  /** A panel image is drawing only. */
  static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

  @Inject StatsConfig config;
  @Inject SecurityConfig security;

  /** The {@code Content-Security-Policy} of a page or image with this policy of its own. */
  String policy(String own) {
    return own + "; frame-ancestors " + String.join(" ", config.frameAncestors());
  }

  /** How long browsers may reuse an answer, in seconds: the panels' time-to-live. */
  long maxAge() {
    return Math.max(0, config.cacheTtl().toSeconds());
  }

  /**
   * {@code Cache-Control}: shared caches may keep what anyone may read; what needed a token or a
   * login stays in the browser.
   */
  String cacheControl() {
    return (security.anonymousRead() ? "" : "private, ") + "max-age=" + maxAge();
  }

  /**
   * Whether the caller's {@code If-None-Match} names {@code etag}, so a 304 without a body answers.
   */
  static boolean notModified(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || etag == null) {
      return false;
    }
    String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.equals("*")) {
        return true;
      }
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals(bare)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The answer to a read: {@code 304} when the caller holds this version, else {@code ok} with the
   * validators and cache rules; both with the CORS headers for {@code origin}.
   */
  Response cached(
      Response.ResponseBuilder ok, String etag, HttpHeaders headers, String policy, boolean cors) {
    Response.ResponseBuilder answer =
        notModified(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)
            ? Response.notModified()
            : ok;
    answer.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl());
    if (policy != null) {
      answer.header("Content-Security-Policy", policy(policy));
    }
    if (cors) {
      cors(answer, headers.getHeaderString("Origin"));
    }
    return answer.build();
  }

  /**
   * {@code Access-Control-Allow-Origin} for an origin in {@code opsroom.stats.cors-origins} (or
   * {@code *} when it says so), nothing for others; always {@code Vary: Origin}, so that a shared
   * cache does not hand one origin's answer to another.
   */
  void cors(Response.ResponseBuilder answer, String origin) {
    answer.header("Vary", "Origin");
    String allowed = allowedOrigin(origin);
    if (allowed != null) {
      answer
          .header("Access-Control-Allow-Origin", allowed)
          .header("Access-Control-Expose-Headers", "ETag");
    }
  }

  /** The answer to a CORS preflight: which methods and headers a script may use, when allowed. */
  Response preflight(HttpHeaders headers) {
    Response.ResponseBuilder answer = Response.noContent();
    String origin = headers.getHeaderString("Origin");
    cors(answer, origin);
    if (allowedOrigin(origin) != null) {
      answer
          .header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
          .header("Access-Control-Allow-Headers", "Authorization, If-None-Match")
          .header("Access-Control-Max-Age", "600");
    }
    return answer.build();
  }

  /** The value of {@code Access-Control-Allow-Origin} for this origin, or null when refused. */
  String allowedOrigin(String origin) {
    List<String> origins =
        config.corsOrigins().orElse(List.of()).stream()
            .map(String::strip)
            .filter(o -> !o.isEmpty())
            .toList();
    if (origins.contains("*")) {
      return "*";
    }
    if (origin == null || origin.isBlank()) {
      return null;
    }
    String wanted = origin.strip();
    for (String o : origins) {
      if (o.replaceAll("/+$", "").equalsIgnoreCase(wanted)) {
        return wanted;
      }
    }
    return null;
  }
}

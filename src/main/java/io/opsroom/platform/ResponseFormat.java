package io.opsroom.platform;

import java.util.Locale;

/**
 * Decides, the same way everywhere, whether an answer (an error, a refusal, a login challenge) goes
 * out as JSON or as a page: JSON for the API, for scripts that send credentials, and for callers
 * whose {@code Accept} header prefers JSON to HTML.
 */
public final class ResponseFormat {

  private ResponseFormat() {}

  public static boolean wantsJson(String path, String accept, boolean authorizationSent) {
    if (path.equals("/api") || path.startsWith("/api/") || authorizationSent) {
      return true;
    }
    if (accept == null) {
      return false;
    }
    for (String range : accept.split(",")) {
      String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
        return false;
      }
      if (type.equals("application/json") || type.endsWith("+json")) {
        return true;
      }
    }
    return false;
  }
}

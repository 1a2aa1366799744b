package io.opsroom.platform;

import java.util.Locale;

/**
 * Decides, the same way everywhere, whether an answer (an error, a refusal, a login challenge) goes
 * out as JSON or as a page: JSON for the API, for scripts that send credentials, and for callers
 * whose {@code Accept} header prefers JSON to HTML. The Graphite and Anthracite compatibility
 * endpoints ({@link ReceiverPaths}) are called by scripts and Grafana, never by people: they answer
 * JSON too, except that {@code /events}, which is also the event list page, still gives a page to a
 * caller that asks for HTML.
 */
public final class ResponseFormat {

  private ResponseFormat() {}

  public static boolean wantsJson(String path, String accept, boolean authorizationSent) {
    if (path.equals("/api") || path.startsWith("/api/") || authorizationSent) {
      return true;
    }
    if (ReceiverPaths.isCompatPath(path) && !ReceiverPaths.isGraphiteReceiver(path)) {
      return true;
    }
    // curl and graphite clients send no Accept header or */*: on the receiver's paths that is a
    // script, and a browser always lists text/html.
    boolean fallback = ReceiverPaths.isGraphiteReceiver(path);
    if (accept == null) {
      return fallback;
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
    return fallback;
  }
}

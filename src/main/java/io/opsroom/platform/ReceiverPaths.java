package io.opsroom.platform;

import java.util.Set;

/**
 * The addresses Opsroom shares with graphite-web and Anthracite ({@code POST /events/}, {@code GET
 * /events/get_data}, {@code POST /events/add/script}), in one place for the parts that treat them
 * apart: they answer JSON, take an API token as an HTTP Basic password (Graphite scripts use {@code
 * curl -u}), and decide themselves who may post.
 */
public final class ReceiverPaths {

  /** graphite-web's read endpoint, which Grafana's Graphite data source calls for annotations. */
  public static final String GRAPHITE_GET_DATA = "/events/get_data";

  /** Anthracite's receiver for scripts. */
  public static final String ANTHRACITE_SCRIPT = "/events/add/script";

  /** graphite-web's receiver: {@code /events/} as graphite-web documents it, and without slash. */
  private static final Set<String> GRAPHITE_POST = Set.of("/events", "/events/");

  private ReceiverPaths() {}

  /** A POST to one of the two receivers, which take JSON or forms from scripts, never sessions. */
  public static boolean isReceiverPost(String method, String path) {
    return "POST".equalsIgnoreCase(method)
        && (GRAPHITE_POST.contains(path) || ANTHRACITE_SCRIPT.equals(path));
  }

  /** The Graphite receiver's own paths (POST), which are also the event list page's (GET). */
  public static boolean isGraphiteReceiver(String path) {
    return GRAPHITE_POST.contains(path);
  }

  /** Any of the compatibility paths, whatever the method. */
  public static boolean isCompatPath(String path) {
    return GRAPHITE_POST.contains(path)
        || GRAPHITE_GET_DATA.equals(path)
        || ANTHRACITE_SCRIPT.equals(path);
  }
}

package io.opsroom.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The routing in force: the channels, the routes in file order, the default route (taken when no
 * route matches, or alone when there is no {@code routes.yaml}), the channels that hear about
 * Opsroom's own problems, and the storm cap.
 *
 * @param channels by name
 * @param routes tried in order; the first match wins unless it says {@code continue: true}
 * @param defaultRoute taken when no route matched; without channels, nobody is told
 * @param adminChannels where "Graphite unreachable" and "Graphite back" go
 * @param stormCap more alerts than this in one flush become one summary message
 */
public record Routes(
    Map<String, ChannelSpec> channels,
    List<Route> routes,
    Route defaultRoute,
    List<String> adminChannels,
    int stormCap) {

  public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  public static final List<Duration> DEFAULT_REPEAT =
      List.of(
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(4),
          Duration.ofHours(8),
          Duration.ofHours(24));
  public static final int DEFAULT_STORM_CAP = 20;

  public Routes {
    channels = Map.copyOf(channels);
    routes = List.copyOf(routes);
    Objects.requireNonNull(defaultRoute, "defaultRoute");
    adminChannels = List.copyOf(adminChannels);
  }

  /** The routes an alert at this level takes: the matching ones, or else the default route. */
  public List<Route> match(Map<String, String> labels, AlertNotice.Level level) {
    List<Route> matched = new ArrayList<>();
    for (Route route : routes) {
      if (route.matches(labels, level)) {
        matched.add(route);
        if (!route.continueMatching()) {
          break;
        }
      }
    }
    if (matched.isEmpty() && defaultRoute.levels().contains(level)) {
      matched.add(defaultRoute);
    }
    return matched;
  }

  /**
   * A channel by name: one from the file, or an ad-hoc email channel for {@code mailto:<address>},
   * which an alert's own recipients become.
   */
  public Optional<ChannelSpec> channel(String name) {
    if (name.startsWith(MAILTO)) {
      return Optional.of(new ChannelSpec.Email(name, List.of(name.substring(MAILTO.length()))));
    }
    return Optional.ofNullable(channels.get(name));
  }

  /** The prefix of an ad-hoc email channel's name. */
  public static final String MAILTO = "mailto:";

  /** A route by name, the default route included. */
  public Optional<Route> route(String name) {
    if (defaultRoute.name().equals(name)) {
      return Optional.of(defaultRoute);
    }
    return routes.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}

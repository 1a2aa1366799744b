package io.opsroom.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One route of {@code alerts/routes.yaml}: which alerts it takes (label matchers and levels), the
 * channels they go to, and how they are grouped and repeated.
 *
 * @param name unique; names the route's group and its memory of what it sent
 * @param matchers all must match the alert's labels (and {@code alert}, its id); none matches all
 * @param levels the levels this route notifies (a recovery follows its alert regardless)
 * @param channels names of channels in the file
 * @param continueMatching whether later routes are tried after this one matched
 * @param groupWait how long the first alert of a group waits for others before the message goes
 * @param repeat the gaps between repeats while an alert keeps failing; the last gap repeats
 *     forever; empty: no repeats
 */
public record Route(
    String name,
    List<LabelMatcher> matchers,
    Set<AlertNotice.Level> levels,
    List<String> channels,
    boolean continueMatching,
    Duration groupWait,
    List<Duration> repeat) {

  public Route {
    Objects.requireNonNull(name, "name");
    matchers = List.copyOf(matchers);
    levels = Set.copyOf(levels);
    channels = List.copyOf(channels);
    Objects.requireNonNull(groupWait, "groupWait");
    repeat = List.copyOf(repeat);
  }

  /** Whether this route takes an alert with these labels at this level. */
  public boolean matches(Map<String, String> labels, AlertNotice.Level level) {
    return levels.contains(level) && LabelMatcher.all(matchers, labels);
  }
}

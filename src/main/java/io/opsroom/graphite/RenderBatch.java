package io.opsroom.graphite;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The targets of one render request, and how their answers are traced back to them. Graphite names
 * a series after the metric path or the function expression it evaluated, not after the target that
 * asked for it, so each target is sent as {@code aliasSub(<target>,"^","opsroom<N>~")}: every
 * series it returns then starts with its own marker, which is stripped on the way back. Graphite
 * keeps the {@code ~} in names, plain paths, wildcards, functions and tagged series alike.
 */
final class RenderBatch {

  private static final Pattern MARKER = Pattern.compile("^opsroom(\\d+)~");

  private final List<String> targets;

  RenderBatch(List<String> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("A render request needs at least one target");
    }
    this.targets = List.copyOf(targets);
  }

  /** Cuts the targets, in order, into requests of at most {@code maxPerRequest} targets. */
  static List<RenderBatch> plan(List<String> targets, int maxPerRequest) {
    List<RenderBatch> batches = new ArrayList<>();
    for (int start = 0; start < targets.size(); start += maxPerRequest) {
      batches.add(
          new RenderBatch(targets.subList(start, Math.min(targets.size(), start + maxPerRequest))));
    }
    return batches;
  }

  List<String> targets() {
    return targets;
  }

  int size() {
    return targets.size();
  }

  /** The two halves a failed request is retried as, to find the target that failed it. */
  List<RenderBatch> halves() {
    int middle = targets.size() / 2;
    return List.of(
        new RenderBatch(targets.subList(0, middle)),
        new RenderBatch(targets.subList(middle, targets.size())));
  }

  /** The target as sent: renamed so that its series carry the marker of its position. */
  static String wrap(String target, int index) {
    return "aliasSub(" + target + ",\"^\",\"opsroom" + index + "~\")";
  }

  /** The request parameters, form-encoded: usable as a query string and as a POST body alike. */
  String form(String from, String until) {
    List<String> wrapped = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      wrapped.add(wrap(targets.get(i), i));
    }
    return form(wrapped, from, until);
  }

  /**
   * Parameters of a render request for these literal targets. {@code noCache}: graphite-web
   * otherwise answers the same request string from its cache for a minute, and with a relative
   * {@code from} the string stays the same, so an alert would see the previous cycle's data.
   */
  static String form(List<String> literalTargets, String from, String until) {
    StringBuilder form = new StringBuilder("format=json&noCache=true&from=").append(encode(from));
    if (until != null && !until.isBlank()) {
      form.append("&until=").append(encode(until));
    }
    for (String target : literalTargets) {
      form.append("&target=").append(encode(target));
    }
    return form.toString();
  }

  /**
   * Hands each series to the target whose marker it carries, with the marker removed. Every target
   * gets an entry; one without series matched no metric.
   */
  Map<String, List<Series>> assign(List<Series> answer) throws GraphiteJson.UnreadableException {
    Map<String, List<Series>> byTarget = new LinkedHashMap<>();
    for (String target : targets) {
      byTarget.put(target, new ArrayList<>());
    }
    for (Series series : answer) {
      Matcher marker = MARKER.matcher(series.name());
      int index = marker.find() ? parseIndex(marker.group(1)) : -1;
      if (index < 0 || index >= targets.size()) {
        throw new GraphiteJson.UnreadableException(
            "Graphite returned a series named \""
                + series.name()
                + "\" that no requested target asked for (the aliasSub marker is missing)");
      }
      byTarget
          .get(targets.get(index))
          .add(new Series(series.name().substring(marker.end()), series.tags(), series.points()));
    }
    return byTarget;
  }

  /** Graphite's message with the wrapping taken out again, so it names the target as written. */
  String unwrap(String message) {
    String result = message;
    for (int i = 0; i < targets.size(); i++) {
      result = result.replace(wrap(targets.get(i), i), targets.get(i));
    }
    return result;
  }

  private static int parseIndex(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

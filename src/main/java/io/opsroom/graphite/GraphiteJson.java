package io.opsroom.graphite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads graphite-web's JSON answers. Render answers are {@code [{"target", "tags", "datapoints":
 * [[value|null, epochSeconds], ...]}]}. graphite-web writes infinities as {@code 1e9999}, and
 * Python's encoder (other Graphite implementations) may write bare {@code NaN} and {@code
 * Infinity}: all of them are read, and become "no data" in {@link DataPoint}.
 */
final class GraphiteJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final int SNIPPET = 200;

  /** Jackson's note on where an array began, which names no source here and only adds noise. */
  private static final Pattern LOCATION =
      Pattern.compile("\\s*\\(start marker at \\[Source.*\\]\\)");

  /** The answer is not what the API gives; the message says what was wrong, for a person. */
  static final class UnreadableException extends Exception {
    UnreadableException(String message) {
      super(message);
    }
  }

  private GraphiteJson() {}

  /** The series of a {@code /render?format=json} answer, names as Graphite gave them. */
  static List<Series> parseRender(String body) throws UnreadableException {
    JsonNode root = read(body);
    if (!root.isArray()) {
      throw new UnreadableException(
          "Graphite answered JSON that is not a list of series: " + snippet(body));
    }
    List<Series> series = new ArrayList<>(root.size());
    for (JsonNode item : root) {
      JsonNode name = item.get("target");
      JsonNode datapoints = item.get("datapoints");
      if (name == null || !name.isTextual() || datapoints == null || !datapoints.isArray()) {
        throw new UnreadableException(
            "Graphite answered a series without \"target\" or \"datapoints\": "
                + snippet(item.toString()));
      }
      series.add(new Series(name.asText(), tags(item.get("tags")), points(datapoints)));
    }
    return series;
  }

  /**
   * The paths of a {@code /metrics/find?format=completer} answer: leaves as they are, branches with
   * a final dot, as Graphite gives them.
   */
  static List<String> parseFind(String body) throws UnreadableException {
    JsonNode root = read(body);
    JsonNode metrics = root.get("metrics");
    if (metrics == null || !metrics.isArray()) {
      throw new UnreadableException(
          "Graphite answered JSON without a \"metrics\" list: " + snippet(body));
    }
    List<String> paths = new ArrayList<>(metrics.size());
    for (JsonNode metric : metrics) {
      JsonNode path = metric.get("path");
      if (path == null || !path.isTextual()) {
        throw new UnreadableException(
            "Graphite answered a metric without a \"path\": " + snippet(metric.toString()));
      }
      paths.add(path.asText());
    }
    return paths;
  }

  private static JsonNode read(String body) throws UnreadableException {
    if (body == null || body.isBlank()) {
      throw new UnreadableException("Graphite answered with an empty body instead of JSON");
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      String start = body.stripLeading();
      if (start.startsWith("<")) {
        throw new UnreadableException(
            "Graphite answered HTML instead of JSON: "
                + snippet(ErrorText.fromBody(body, UnaryOperator.identity())));
      }
      throw new UnreadableException(
          "Graphite answered JSON that cannot be read ("
              + LOCATION.matcher(e.getOriginalMessage()).replaceAll("")
              + "): "
              + snippet(body));
    }
  }

  private static Map<String, String> tags(JsonNode tags) {
    Map<String, String> result = new LinkedHashMap<>();
    if (tags != null && tags.isObject()) {
      tags.fields().forEachRemaining(tag -> result.put(tag.getKey(), tag.getValue().asText()));
    }
    return result;
  }

  private static List<DataPoint> points(JsonNode datapoints) throws UnreadableException {
    List<DataPoint> points = new ArrayList<>(datapoints.size());
    for (JsonNode point : datapoints) {
      if (!point.isArray() || point.size() < 2 || !point.get(1).isNumber()) {
        throw new UnreadableException(
            "Graphite answered a data point that is not [value, time]: " + point);
      }
      JsonNode value = point.get(0);
      Double number;
      if (value.isNull()) {
        number = null;
      } else if (value.isNumber()) {
        number = value.doubleValue();
      } else {
        throw new UnreadableException(
            "Graphite answered a data point whose value is not a number: " + point);
      }
      points.add(new DataPoint(point.get(1).asLong(), number));
    }
    return points;
  }

  static String snippet(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= SNIPPET ? line : line.substring(0, SNIPPET) + "…";
  }
}

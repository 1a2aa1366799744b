package io.opsroom.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsroom.platform.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body graphite-web's {@code POST /events/} takes: {@code {"what", "tags", "when",
 * "data"}}, where tags are a JSON list or a space-separated string and when is epoch seconds (an
 * integer or a fraction; absent means now). Other fields are ignored, as graphite-web ignores them.
 *
 * <p>Stricter than graphite-web, which answers 500 or stores odd rows: a body that is not one JSON
 * object, no {@code what}, a {@code when} that is not a number, a list tag with white space in it
 * (graphite-web would silently make two tags of it) and non-text values are refused by field.
 */
public final class GraphiteEventJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Epoch seconds beyond this are milliseconds sent by mistake (it is the year 5138). */
  private static final long MILLISECONDS_HINT = 100_000_000_000L;

  private GraphiteEventJson() {}

  /** The event in this body; throws {@link InvalidInputException} naming each bad field. */
  public static EventInput read(byte[] body) {
    JsonNode root;
    try {
      root = body == null || body.length == 0 ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where =
          location == null
              ? ""
              : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
      throw InvalidInputException.field(
          "body", "The body is not valid JSON" + where + ". " + SHAPE);
    } catch (java.io.IOException e) {
      throw InvalidInputException.field("body", "The body could not be read. " + SHAPE);
    }
    if (root == null || root.isMissingNode()) {
      throw InvalidInputException.field("body", "The body is empty. " + SHAPE);
    }
    if (!root.isObject()) {
      throw InvalidInputException.field("body", "The body must be one JSON object. " + SHAPE);
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String what = text(root, "what", errors);
    if (what == null && !errors.containsKey("what")) {
      errors.put("what", "\"what\" is required: one line saying what happened.");
    }
    String data = text(root, "data", errors);
    List<String> tags = tags(root.get("tags"), errors);
    Instant when = when(root.get("when"), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    return new EventInput(when, null, what, data, tags);
  }

  /** What a caller is told after a body that cannot be read at all. */
  static final String SHAPE =
      "Send {\"what\": \"...\", \"tags\": [\"deploy\"], \"when\": 1700000000, \"data\": \"...\"}.";

  private static String text(JsonNode root, String field, Map<String, String> errors) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      errors.put(field, "\"" + field + "\" must be a string, not " + kind(node) + ".");
      return null;
    }
    return node.textValue();
  }

  private static List<String> tags(JsonNode node, Map<String, String> errors) {
    List<String> tags = new ArrayList<>();
    if (node == null || node.isNull()) {
      return tags;
    }
    if (node.isTextual()) {
      // graphite-web stores the string and splits it on white space when it answers get_data.
      for (String part : node.textValue().strip().split("\\s+")) {
        if (!part.isEmpty()) {
          tags.add(part);
        }
      }
      return tags;
    }
    if (!node.isArray()) {
      // graphite-web's own words for this refusal.
      errors.put("tags", "\"tags\" must be an array or space-separated string");
      return tags;
    }
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        errors.put(
            "tags", "Each tag in the \"tags\" list must be a string, not " + kind(element) + ".");
        return tags;
      }
      String tag = element.textValue();
      if (tag.strip().isEmpty() || tag.strip().matches(".*\\s.*")) {
        errors.put(
            "tags",
            "Tag \""
                + tag
                + "\" in the \"tags\" list is empty or contains white space: give each tag as its"
                + " own list element, like [\"deploy\", \"app=web\"].");
        return tags;
      }
      tags.add(tag);
    }
    return tags;
  }

  private static Instant when(JsonNode node, Map<String, String> errors) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      errors.put(
          "when",
          "\"when\" must be a number of epoch seconds, such as 1700000000, not "
              + kind(node)
              + ".");
      return null;
    }
    BigDecimal seconds = node.decimalValue();
    if (seconds.signum() < 0) {
      errors.put("when", "\"when\" is before 1970: " + seconds.toPlainString() + ".");
      return null;
    }
    if (seconds.compareTo(BigDecimal.valueOf(MILLISECONDS_HINT)) >= 0) {
      errors.put(
          "when",
          "\"when\" is "
              + seconds.toPlainString()
              + ": that is milliseconds or a typing mistake; send epoch seconds, such as"
              + " 1700000000.");
      return null;
    }
    BigDecimal micros = seconds.movePointRight(6).setScale(0, RoundingMode.FLOOR);
    long value = micros.longValueExact();
    return Instant.ofEpochSecond(value / 1_000_000, (value % 1_000_000) * 1_000);
  }

  private static String kind(JsonNode node) {
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "true or false";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isTextual()) {
      return "a string";
    }
    return "null";
  }
}

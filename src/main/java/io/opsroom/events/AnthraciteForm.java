package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the form Anthracite's {@code POST /events/add/script} took: {@code event_timestamp} (epoch
 * seconds), {@code event_desc} (the description, often several lines) and {@code event_tags}
 * (space-separated). The description's first line becomes the title and the rest the body. Other
 * fields are ignored, as Anthracite's script receiver ignored them.
 */
public final class AnthraciteForm {

  private static final Pattern SECONDS = Pattern.compile("\\d{1,11}");

  /** What the answer to a refused form starts with, in Anthracite's words. */
  public static final String REFUSED = "Could not create new event: ";

  private AnthraciteForm() {}

  /** The event in these form fields; throws {@link InvalidInputException} naming each bad field. */
  public static EventInput read(Map<String, String> form) {
    Map<String, String> errors = new LinkedHashMap<>();
    String timestamp = form.getOrDefault("event_timestamp", "").strip();
    Instant at = null;
    if (!timestamp.isEmpty()) {
      if (SECONDS.matcher(timestamp).matches()) {
        at = Instant.ofEpochSecond(Long.parseLong(timestamp));
      } else {
        errors.put(
            "event_timestamp",
            REFUSED
                + "event_timestamp must be whole epoch seconds, such as 1700000000, not \""
                + shorten(timestamp)
                + "\".");
      }
    }
    String desc = form.getOrDefault("event_desc", "");
    if (desc.isBlank()) {
      errors.put("event_desc", REFUSED + "event_desc must not be empty.");
    }
    List<String> tags = Tags.split(form.getOrDefault("event_tags", ""));
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    String[] titleAndBody = titleAndBody(desc);
    return new EventInput(at, null, titleAndBody[0], titleAndBody[1], tags);
  }

  /**
   * The first non-blank line of a description, and what follows it. A first line longer than a
   * title may be is cut, and then the whole description is kept as the body.
   */
  static String[] titleAndBody(String desc) {
    String text = desc.replace("\r\n", "\n").replace('\r', '\n').strip();
    int newline = text.indexOf('\n');
    String first = (newline < 0 ? text : text.substring(0, newline)).strip();
    String rest = newline < 0 ? "" : text.substring(newline + 1).strip();
    if (first.length() > EventService.MAX_TITLE) {
      return new String[] {first.substring(0, EventService.MAX_TITLE - 1).strip() + "…", text};
    }
    return new String[] {first, rest};
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}

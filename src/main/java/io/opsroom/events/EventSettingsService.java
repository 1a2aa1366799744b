package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The installation's event settings: the extra attributes events carry (key, label, mandatory,
 * choices, one or many, order) and the tags the form suggests. The checks are plain static methods,
 * the same for the admin page and the API; changing or deleting an attribute never touches the
 * events already written.
 */
@ApplicationScoped
public class EventSettingsService {

  /** The same rule as a tag's key, and as the table's check constraint. */
  static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,39}");

  static final int MAX_LABEL = 80;
  static final int MAX_CHOICES = 100;
  static final int MAX_SUGGESTED = 100;

  /**
   * An attribute as a form or a script gives it.
   *
   * @param key the tag key, such as {@code env}
   * @param label what the form calls it
   * @param mandatory whether events from people and scripts must have it; null for no
   * @param choices the allowed values; null or empty for free text
   * @param multiple whether several values may be given; null for no
   * @param position the form's order; null for after the others
   */
  public record AttributeInput(
      String key,
      String label,
      Boolean mandatory,
      List<String> choices,
      Boolean multiple,
      Integer position) {}

  /** Every problem of an attribute, by field; {@code key} is checked for its syntax only. */
  public static Map<String, String> problems(AttributeInput in) {
    Map<String, String> errors = new LinkedHashMap<>();
    String key = normalizeKey(in.key());
    if (key.isEmpty()) {
      errors.put("key", "A key is required: the word before = in the tag, such as env.");
    } else if (!KEY.matcher(key).matches()) {
      errors.put(
          "key",
          "\""
              + in.key().strip()
              + "\" cannot be a tag key: up to 40 lower-case letters, digits, _ . -, starting with"
              + " a letter.");
    }
    String label = in.label() == null ? "" : in.label().strip();
    if (label.isEmpty()) {
      errors.put("label", "A label is required: what the event form calls it.");
    } else if (label.length() > MAX_LABEL) {
      errors.put("label", "A label has at most " + MAX_LABEL + " characters.");
    }
    List<String> choices = cleanChoices(in.choices());
    if (choices.size() > MAX_CHOICES) {
      errors.put("choices", "At most " + MAX_CHOICES + " choices, not " + choices.size() + ".");
    } else {
      String tagKey = KEY.matcher(key).matches() ? key : "x";
      for (String choice : choices) {
        if (Tags.problemOf(Tags.pair(tagKey, choice)) != null) {
          errors.put(
              "choices",
              "The choice \""
                  + choice
                  + "\" cannot be a tag value: choices are single words without spaces, and "
                  + (tagKey.equals(key) ? key : "key")
                  + "=<choice> has at most "
                  + Tags.MAX_LENGTH
                  + " characters.");
          break;
        }
      }
    }
    if (in.position() != null && (in.position() < 0 || in.position() > 10_000)) {
      errors.put("position", "The position is a whole number from 0 to 10000.");
    }
    return errors;
  }

  /** The key as stored: stripped and lower-case, like a tag's key. */
  public static String normalizeKey(String key) {
    return key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
  }

  /** The choices as stored: stripped, blanks and repeats dropped, order kept. */
  public static List<String> cleanChoices(List<String> choices) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    if (choices != null) {
      for (String choice : choices) {
        if (choice != null && !choice.isBlank()) {
          out.add(choice.strip());
        }
      }
    }
    return List.copyOf(out);
  }

  /** Choices as a form's text box holds them: separated by commas (or new lines). */
  public static List<String> splitChoices(String text) {
    List<String> choices = new ArrayList<>();
    if (text != null) {
      for (String part : text.split("[,\\n]")) {
        if (!part.isBlank()) {
          choices.add(part.strip());
        }
      }
    }
    return choices;
  }

  /**
   * Every problem of a suggested-tags list, by field ({@code tags}), and the list as stored:
   * normalized like event tags, repeats dropped, order kept.
   */
  public static List<String> cleanSuggestedTags(List<String> tags, Map<String, String> errors) {
    List<String> given = new ArrayList<>();
    if (tags != null) {
      for (String tag : tags) {
        if (tag != null && !tag.isBlank()) {
          given.add(tag.strip());
        }
      }
    }
    for (String tag : given) {
      String problem = Tags.problemOf(tag);
      if (problem != null) {
        errors.put("tags", problem);
        return List.of();
      }
    }
    List<String> clean = Tags.normalize(given);
    if (clean.size() > MAX_SUGGESTED) {
      errors.put("tags", "At most " + MAX_SUGGESTED + " suggested tags, not " + clean.size() + ".");
    }
    return clean;
  }

  @Transactional
  public List<EventAttribute> attributes() {
    return EventAttribute.ordered();
  }

  /** The attribute with this key, or 404. */
  @Transactional
  public EventAttribute attribute(String key) {
    EventAttribute attribute = EventAttribute.findById(normalizeKey(key));
    if (attribute == null) {
      throw new NotFoundException("No event attribute " + key);
    }
    return attribute;
  }

  /** Adds an attribute; 409 when the key exists. */
  @Transactional
  public EventAttribute create(AttributeInput in) {
    Map<String, String> errors = problems(in);
    String key = normalizeKey(in.key());
    if (!errors.containsKey("key") && EventAttribute.findById(key) != null) {
      errors.put("key", "An attribute with the key " + key + " exists already: edit that one.");
      if (errors.size() == 1) {
        throw new InvalidInputException(409, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    EventAttribute attribute = new EventAttribute();
    attribute.key = key;
    fill(attribute, in, nextPosition());
    attribute.persist();
    return attribute;
  }

  /** Changes an attribute's label, choices, flags and position; its key stays. */
  @Transactional
  public EventAttribute update(String key, AttributeInput in) {
    EventAttribute attribute = attribute(key);
    AttributeInput checked =
        new AttributeInput(
            in.key() == null || in.key().isBlank() ? attribute.key : in.key(),
            in.label(),
            in.mandatory(),
            in.choices(),
            in.multiple(),
            in.position());
    Map<String, String> errors = problems(checked);
    if (!errors.containsKey("key") && !normalizeKey(checked.key()).equals(attribute.key)) {
      errors.put(
          "key",
          "The key cannot change (events carry it): add a new attribute and delete this one.");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    fill(attribute, in, attribute.position);
    return attribute;
  }

  /** Deletes an attribute; events keep their key=value tags. */
  @Transactional
  public void delete(String key) {
    attribute(key).delete();
  }

  @Transactional
  public List<String> suggestedTags() {
    return EventSuggestedTag.ordered();
  }

  /** Replaces the suggested tags with this list, in its order. */
  @Transactional
  public List<String> replaceSuggestedTags(List<String> tags) {
    Map<String, String> errors = new LinkedHashMap<>();
    List<String> clean = cleanSuggestedTags(tags, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(400, errors);
    }
    EventSuggestedTag.deleteAll();
    EventSuggestedTag.flush();
    int position = 1;
    for (String tag : clean) {
      EventSuggestedTag suggested = new EventSuggestedTag();
      suggested.tag = tag;
      suggested.position = position++;
      suggested.persist();
    }
    return clean;
  }

  private static void fill(EventAttribute attribute, AttributeInput in, int defaultPosition) {
    attribute.label = in.label().strip();
    attribute.mandatory = Boolean.TRUE.equals(in.mandatory());
    attribute.choices = new ArrayList<>(cleanChoices(in.choices()));
    attribute.multiple = Boolean.TRUE.equals(in.multiple());
    attribute.position = in.position() == null ? defaultPosition : in.position();
  }

  private static int nextPosition() {
    Integer max =
        EventAttribute.getEntityManager()
            .createQuery("select max(a.position) from EventAttribute a", Integer.class)
            .getSingleResult();
    return max == null ? 1 : max + 1;
  }
}

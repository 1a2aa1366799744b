package io.opsroom.alerting;

import io.opsroom.platform.SourceTree.Entry;
import io.opsroom.platform.SourceTree.Kind;
import io.opsroom.platform.SourceTree.MapNode;
import io.opsroom.platform.SourceTree.Node;
import io.opsroom.platform.SourceTree.Scalar;
import io.opsroom.platform.Suggestions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reading of one alert file: the problems found so far, and the checks for single values
 * (texts, numbers, words, durations) that put a problem on the right line when a value is wrong.
 * Each check returns null for a wrong value, after recording why.
 */
final class FileReading {

  private static final Pattern NOT_A_NUMBER =
      Pattern.compile("[+-]?\\.?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  final String file;
  private final List<AlertProblem> problems = new ArrayList<>();

  FileReading(String file) {
    this.file = file;
  }

  void problem(int line, String alertId, String message) {
    problems.add(AlertProblem.at(file, line, alertId, message));
  }

  int problemCount() {
    return problems.size();
  }

  List<AlertProblem> problems() {
    return problems;
  }

  /** Records a problem for every key of {@code map} that is not one of {@code known}. */
  void rejectUnknownKeys(
      MapNode map, List<String> known, String alertId, String where, Map<String, String> hints) {
    for (Entry entry : map.entries().values()) {
      if (!known.contains(entry.key())) {
        unknownKey(entry, known, alertId, where, hints);
      }
    }
  }

  /**
   * Records that {@code entry}'s key is unknown, with a hint or a "did you mean" when one fits, and
   * otherwise the keys {@code where} takes.
   */
  void unknownKey(
      Entry entry, List<String> known, String alertId, String where, Map<String, String> hints) {
    String hint = hints.get(entry.key().toLowerCase(Locale.ROOT));
    String suggestion;
    if (hint != null) {
      suggestion = " (" + hint + ")";
    } else if (Suggestions.closest(entry.key(), known).isPresent()) {
      suggestion = Suggestions.didYouMean(entry.key(), known);
    } else {
      suggestion = "; " + where + " takes " + String.join(", ", known);
    }
    problem(entry.line(), alertId, "unknown key \"" + entry.key() + "\"" + suggestion);
  }

  /** The text of a scalar value; null (and a problem) for a mapping or a list. */
  String text(Entry entry, String alertId) {
    if (entry.value() instanceof Scalar scalar && scalar.kind() != Kind.NULL) {
      return scalar.text();
    }
    if (entry.value() instanceof Scalar) {
      return null;
    }
    problem(
        entry.line(),
        alertId,
        entry.key() + " must be a single value, not " + entry.value().describe());
    return null;
  }

  /** Whether the entry is absent or written with no value ({@code key:} or {@code key: ~}). */
  static boolean absent(Entry entry) {
    return entry == null || entry.value() instanceof Scalar scalar && scalar.kind() == Kind.NULL;
  }

  /** A finite number: a YAML number, or a text that reads as one. NaN and infinity are refused. */
  Double number(Entry entry, String alertId) {
    Node value = entry.value();
    if (value instanceof Scalar scalar && scalar.kind() == Kind.NUMBER) {
      if (scalar.number() == null || !Double.isFinite(scalar.number())) {
        problem(
            entry.line(), alertId, entry.key() + " must be a finite number, not " + scalar.text());
        return null;
      }
      return scalar.number();
    }
    if (value instanceof Scalar scalar && scalar.kind() == Kind.TEXT) {
      String text = scalar.text().strip();
      if (NOT_A_NUMBER.matcher(text).matches()) {
        problem(entry.line(), alertId, entry.key() + " must be a finite number, not " + text);
        return null;
      }
      try {
        double number = new BigDecimal(text).doubleValue();
        if (Double.isFinite(number)) {
          return number;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problem(entry.line(), alertId, entry.key() + " must be a number, not " + value.describe());
    return null;
  }

  /** A whole number of at least {@code min}. */
  Integer whole(Entry entry, String alertId, int min, String meaning) {
    Double number = number(entry, alertId);
    if (number == null) {
      return null;
    }
    if (number != Math.rint(number) || number < min || number > Integer.MAX_VALUE) {
      problem(
          entry.line(),
          alertId,
          entry.key()
              + " must be a whole number of "
              + min
              + " or more ("
              + meaning
              + "), not "
              + format(number));
      return null;
    }
    return number.intValue();
  }

  /** One of the words of an enum, in any case; the problem lists the words and a suggestion. */
  <E extends Enum<E>> E word(Entry entry, String alertId, Class<E> type) {
    String text = text(entry, alertId);
    if (text == null) {
      return null;
    }
    List<String> words = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      String word = constant.name().toLowerCase(Locale.ROOT);
      if (word.equals(text.strip().toLowerCase(Locale.ROOT))) {
        return constant;
      }
      words.add(word);
    }
    problem(
        entry.line(),
        alertId,
        entry.key()
            + " \""
            + text
            + "\" is not one of "
            + String.join(", ", words)
            + Suggestions.didYouMean(text, words));
    return null;
  }

  /** A Graphite duration such as {@code 5min}; {@code 5m} is refused with the reason. */
  Duration duration(Entry entry, String alertId) {
    if (entry.value() instanceof Scalar scalar
        && (scalar.kind() == Kind.TEXT || scalar.kind() == Kind.NUMBER)) {
      try {
        return GraphiteDurations.parse(scalar.text());
      } catch (IllegalArgumentException e) {
        problem(entry.line(), alertId, entry.key() + " " + e.getMessage());
        return null;
      }
    }
    problem(
        entry.line(),
        alertId,
        entry.key() + " must be a duration such as 5min, not " + entry.value().describe());
    return null;
  }

  /** A number as people write it: {@code 10}, not {@code 10.0}. */
  static String format(double number) {
    if (number == Math.rint(number) && Math.abs(number) < 1e15) {
      return String.valueOf((long) number);
    }
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }
}

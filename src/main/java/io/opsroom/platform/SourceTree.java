package io.opsroom.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML or JSON document read into mappings, lists and scalars that remember their line, so that
 * every problem in a file people write (alert files, routes.yaml) can point at the key or value it
 * is about. Jackson's own trees forget where their nodes came from, hence this small one.
 */
public final class SourceTree {

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonFactory JSON = new JsonFactory();

  private SourceTree() {}

  /**
   * How syntax problems are worded for one kind of file.
   *
   * @param items what the file lists, for "keep all alerts under one alerts: list"
   * @param indentationHint said after an indentation error, such as "quote a value that …"
   * @param aliasHint said after a value that YAML took for an alias (*x), or null
   */
  public record Wording(String items, String indentationHint, String aliasHint) {}

  public sealed interface Node {
    int line();

    /** What the node is, for messages: "a mapping", "a list", "the text \"x\"". */
    String describe();
  }

  /** A key and its value; {@code line} is where the key is written. */
  public record Entry(String key, int line, Node value) {}

  public record MapNode(int line, Map<String, Entry> entries) implements Node {
    public Entry get(String key) {
      return entries.get(key);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  public record ListNode(int line, List<Node> items) implements Node {
    @Override
    public String describe() {
      return items.isEmpty() ? "an empty list" : "a list";
    }
  }

  public enum Kind {
    TEXT,
    NUMBER,
    BOOLEAN,
    NULL
  }

  /**
   * A scalar: its text as written and, for numbers, the value the parser read ({@code .nan} is a
   * number in YAML, so {@code number} may be NaN or infinite).
   */
  public record Scalar(int line, Kind kind, String text, Double number) implements Node {
    @Override
    public String describe() {
      return switch (kind) {
        case NULL -> "nothing";
        case NUMBER -> "the number " + text;
        case BOOLEAN -> "the value " + text;
        case TEXT -> "the text \"" + shown(text) + "\"";
      };
    }
  }

  /** The document cannot be read: bad syntax. */
  public static final class SyntaxException extends Exception {
    private final int line;

    SyntaxException(int line, String message) {
      super(message);
      this.line = line;
    }

    /** The line of the problem, counting from 1; 0 when it concerns the whole file. */
    public int line() {
      return line;
    }
  }

  /** Text from a file as a message may show it: control characters would break the log line. */
  public static String shown(String text) {
    StringBuilder shown = new StringBuilder();
    text.codePoints()
        .forEach(
            c ->
                shown.appendCodePoint(
                    Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c));
    return shown.length() > 200 ? shown.substring(0, 200) + "…" : shown.toString();
  }

  /**
   * Reads the one document in {@code content}: YAML, or JSON when {@code json} is set. Returns null
   * for an empty document. A key that appears twice in one mapping is reported to {@code
   * duplicates} (its second line and a message) and the first value is kept.
   */
  public static Node read(
      byte[] content, boolean json, Wording wording, List<Map.Entry<Integer, String>> duplicates)
      throws SyntaxException {
    try (JsonParser parser = json ? JSON.createParser(content) : YAML.createParser(content)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return null;
      }
      Node root = node(parser, token, wording, duplicates);
      JsonToken next = parser.nextToken();
      if (next != null) {
        throw new SyntaxException(
            line(parser),
            "a file holds one YAML document, but a second one starts here: remove the \"---\""
                + " line and keep all "
                + wording.items()
                + " under one "
                + wording.items()
                + ": list");
      }
      return root;
    } catch (MarkedYAMLException e) {
      Mark problem = e.getProblemMark();
      Mark context = e.getContextMark();
      StringBuilder message = new StringBuilder("invalid YAML: ").append(clean(e.getProblem()));
      if (e.getContext() != null) {
        message.append(" (").append(clean(e.getContext()));
        if (context != null && (problem == null || context.getLine() != problem.getLine())) {
          message.append(" at line ").append(context.getLine() + 1);
        }
        message.append(')');
      }
      if (e.getProblem() != null
          && (e.getProblem().contains("<block end>")
              || e.getProblem().contains("mapping values are not allowed"))) {
        message.append("; check the indentation, and ").append(wording.indentationHint());
      } else if (e.getContext() != null
          && e.getContext().contains("alias")
          && wording.aliasHint() != null) {
        message.append("; ").append(wording.aliasHint());
      }
      int line = problem != null ? problem.getLine() + 1 : e.getLocation().getLineNr();
      throw new SyntaxException(line, message.toString());
    } catch (JsonProcessingException e) {
      String what = json ? "invalid JSON: " : "invalid YAML: ";
      throw new SyntaxException(
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          what + clean(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new SyntaxException(0, "cannot be read: " + e.getMessage());
    }
  }

  private static Node node(
      JsonParser parser,
      JsonToken token,
      Wording wording,
      List<Map.Entry<Integer, String>> duplicates)
      throws IOException, SyntaxException {
    int line = line(parser);
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      throw new SyntaxException(
          line,
          "YAML aliases (*"
              + parser.getText()
              + ") are not supported: use defaults: for values that several "
              + wording.items()
              + " share");
    }
    switch (token) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int keyLine = line(parser);
          Node value = node(parser, parser.nextToken(), wording, duplicates);
          Entry earlier = entries.get(key);
          if (earlier != null) {
            duplicates.add(
                Map.entry(
                    keyLine,
                    "key \""
                        + shown(key)
                        + "\" appears twice in the same mapping (first at line "
                        + earlier.line()
                        + "): keep one"));
          } else {
            entries.put(key, new Entry(key, keyLine, value));
          }
        }
        return new MapNode(line, Collections.unmodifiableMap(entries));
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
          items.add(node(parser, t, wording, duplicates));
        }
        return new ListNode(line, List.copyOf(items));
      }
      case VALUE_STRING -> {
        return new Scalar(line, Kind.TEXT, parser.getText(), null);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        Double number;
        try {
          number = parser.getDoubleValue();
        } catch (IOException | RuntimeException e) {
          number = null;
        }
        return new Scalar(line, Kind.NUMBER, parser.getText(), number);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Scalar(line, Kind.BOOLEAN, parser.getText(), null);
      }
      case VALUE_NULL -> {
        return new Scalar(line, Kind.NULL, parser.getText(), null);
      }
      default -> throw new SyntaxException(line, "unexpected " + token + " in the document");
    }
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  /** The parser's message on one line, without the excerpt of the file it may quote. */
  private static String clean(String message) {
    if (message == null) {
      return "unreadable";
    }
    String first = message.strip().split("\\R", 2)[0];
    return first.replace("\\t(TAB)", "tab");
  }
}

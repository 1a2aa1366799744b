package io.opsroom.graphite;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Graphite error answer into one line for a person. graphite-web answers a rejected target
 * (HTTP 400) with a line of plain text, and a failed one (HTTP 500) with an HTML page holding a
 * Python traceback, whose last line names the error.
 */
final class ErrorText {

  private static final int MAX_LENGTH = 300;
  private static final Pattern PRE =
      Pattern.compile("<pre>(.*?)</pre>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");

  private ErrorText() {}

  /**
   * One line from an error body. {@code clean} is applied to the decoded text before it is
   * shortened, to take out what Opsroom added to the request (the target wrapping).
   */
  static String fromBody(String body, UnaryOperator<String> clean) {
    if (body == null || body.isBlank()) {
      return "(no message)";
    }
    String source = body;
    Matcher pre = PRE.matcher(body);
    if (pre.find()) {
      source = pre.group(1);
    }
    String text = clean.apply(unescape(TAG.matcher(source).replaceAll("\n")));
    if (text.contains("Traceback (most recent call last)")) {
      String last = "";
      for (String line : text.split("\n")) {
        if (!line.isBlank()) {
          last = line;
        }
      }
      return shorten(last.strip());
    }
    return shorten(text.strip().replaceAll("\\s+", " "));
  }

  private static String shorten(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "…";
  }

  static String unescape(String html) {
    Matcher entity = ENTITY.matcher(html);
    StringBuilder out = new StringBuilder();
    while (entity.find()) {
      String name = entity.group(1);
      String replacement =
          switch (name) {
            case "quot" -> "\"";
            case "apos" -> "'";
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "nbsp" -> " ";
            default -> codePoint(name, entity.group());
          };
      entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    entity.appendTail(out);
    return out.toString();
  }

  private static String codePoint(String name, String literal) {
    try {
      if (name.startsWith("#x")) {
        return Character.toString(Integer.parseInt(name.substring(2), 16));
      }
      if (name.startsWith("#")) {
        return Character.toString(Integer.parseInt(name.substring(1)));
      }
    } catch (IllegalArgumentException e) {
      // Not a valid code point: keep the text as it came.
    }
    return literal;
  }
}

package io.opsroom.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small readings of the stats pages' HTML for assertions, without an HTML parser. */
final class Html {

  private Html() {}

  /**
   * The markup from the tag holding the first {@code marker} up to and including the first {@code
   * end} after it, or fails when the marker is missing.
   */
  static String element(String html, String marker, String end) {
    int at = html.indexOf(marker);
    if (at < 0) {
      throw new AssertionError("No " + marker + " in " + html);
    }
    int start = Math.max(0, html.lastIndexOf('<', at));
    int stop = html.indexOf(end, at);
    return html.substring(start, stop < 0 ? html.length() : stop + end.length());
  }

  /** The values of every {@code attribute="…"}, in order. */
  static List<String> values(String html, String attribute) {
    List<String> values = new ArrayList<>();
    Matcher m = Pattern.compile("\\s" + Pattern.quote(attribute) + "=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  /** The text without tags, white space collapsed, the few entities the pages use decoded. */
  static String text(String html) {
    return html.replaceAll("(?s)<svg.*?</svg>", " ")
        .replaceAll("<[^>]*>", " ")
        .replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replaceAll("\\s+", " ")
        .strip();
  }
}

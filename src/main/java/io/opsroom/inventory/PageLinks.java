package io.opsroom.inventory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds the query strings of list pages, so sorting and paging keep the filters. */
final class PageLinks {

  private PageLinks() {}

  /** {@code a=1&b=2} of the non-blank parameters (name, value, name, value…), sorted by name. */
  static String query(String... namesAndValues) {
    Map<String, String> params = new TreeMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null && !namesAndValues[i + 1].isBlank()) {
        params.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return params.entrySet().stream()
        .map(
            e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().strip(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}

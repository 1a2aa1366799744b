package io.opsroom.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what people type in the search box (PostgreSQL's {@code websearch_to_tsquery} syntax:
 * words, {@code "phrases"}, {@code -exclusion}, {@code OR}) into one SQL {@code tsquery} expression
 * that matches both halves of the event's search vector.
 *
 * <p>The vector holds the title and body under the {@code english} configuration (stemmed, stop
 * words left out) and the tags under {@code simple} (as written). A query word therefore has to be
 * looked up in both forms: {@code deployments} must find a title saying "deployed" (stem {@code
 * deploy}) and a tag {@code deployments}. Running the whole query once per configuration and
 * joining the two with OR would break exclusions: {@code web -deployments} would still match "web
 * deployments" through the unstemmed half, which does not know the stem. So the query is parsed
 * here and every word or phrase becomes {@code (english form | simple form)}, and the operators are
 * applied to those pairs: an excluded word is excluded in both forms.
 *
 * <p>A word that the english configuration drops (a stop word such as "the") is dropped entirely,
 * as {@code websearch_to_tsquery('english', …)} would: PostgreSQL's tsquery operators leave out
 * empty operands. Parsing never fails; anything that is not a word ends up as no lexeme at all.
 */
final class SearchText {

  /** Longer search text is refused: nobody types it, and each word costs a function call. */
  static final int MAX_LENGTH = 500;

  /** At most this many words and phrases are used; the rest are ignored. */
  static final int MAX_TERMS = 32;

  /** The SQL expression (a {@code tsquery}) and the values of its parameters, in order. */
  record Sql(String expression, List<String> parameters) {

    boolean isEmpty() {
      return parameters.isEmpty();
    }
  }

  /** A word or phrase as typed, maybe excluded. */
  record Term(String text, boolean phrase, boolean excluded) {}

  private SearchText() {}

  /**
   * The query as OR-ed groups of AND-ed terms: {@code a -b OR "c d"} is {@code [[a, -b], ["c d"]]},
   * the precedence websearch_to_tsquery gives it.
   */
  static List<List<Term>> parse(String text) {
    if (text == null) {
      return List.of();
    }
    List<List<Term>> groups = new ArrayList<>();
    List<Term> group = new ArrayList<>();
    groups.add(group);
    int terms = 0;
    int i = 0;
    int n = text.length();
    while (i < n && terms < MAX_TERMS) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      boolean excluded = false;
      if (c == '-') {
        excluded = true;
        i++;
        if (i >= n || Character.isWhitespace(text.charAt(i))) {
          continue; // a lone dash excludes nothing
        }
        c = text.charAt(i);
      }
      if (c == '"') {
        int end = text.indexOf('"', i + 1);
        // An unclosed quote runs to the end, as websearch_to_tsquery reads it.
        String phrase = end < 0 ? text.substring(i + 1) : text.substring(i + 1, end);
        i = end < 0 ? n : end + 1;
        if (!phrase.isBlank()) {
          group.add(new Term(phrase.strip(), true, excluded));
          terms++;
        }
        continue;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '"') {
        i++;
      }
      String word = text.substring(start, i);
      if (!excluded && word.toLowerCase(Locale.ROOT).equals("or")) {
        // OR between two terms starts a new group; at the start, doubled or at the end it is
        // ignored, as websearch_to_tsquery ignores it.
        if (!group.isEmpty()) {
          group = new ArrayList<>();
          groups.add(group);
        }
        continue;
      }
      group.add(new Term(word, false, excluded));
      terms++;
    }
    return groups.stream().filter(g -> !g.isEmpty()).toList();
  }

  /**
   * The tsquery expression for this text with named parameters {@code :<prefix>0}, {@code
   * :<prefix>1}, …; empty when the text has no terms at all (it may still yield no lexemes, which
   * only the database can tell).
   */
  static Sql toSql(String text, String prefix) {
    List<String> parameters = new ArrayList<>();
    List<String> ors = new ArrayList<>();
    for (List<Term> group : parse(text)) {
      String and = null;
      for (Term term : group) {
        String name = prefix + parameters.size();
        parameters.add(term.text());
        String atom = atom(name);
        if (term.excluded()) {
          atom = "tsquery_not(" + atom + ")";
        }
        and = and == null ? atom : "tsquery_and(" + and + ", " + atom + ")";
      }
      ors.add(and);
    }
    String expression = null;
    for (String and : ors) {
      expression = expression == null ? and : "tsquery_or(" + expression + ", " + and + ")";
    }
    return new Sql(expression == null ? "cast('' as tsquery)" : expression, parameters);
  }

  /**
   * One word or phrase in both forms. phraseto_tsquery treats a single word like plainto_tsquery,
   * and keeps the order and distance of the words of a phrase.
   */
  private static String atom(String parameter) {
    String english = "phraseto_tsquery('english', :" + parameter + ")";
    String simple = "phraseto_tsquery('simple', :" + parameter + ")";
    return "(case when numnode("
        + english
        + ") = 0 then cast('' as tsquery) else tsquery_or("
        + english
        + ", "
        + simple
        + ") end)";
  }
}

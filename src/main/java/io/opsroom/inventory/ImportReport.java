package io.opsroom.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.qute.TemplateData;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did or would do, line by line: {@code create}, {@code update} (with the fields
 * that change), {@code unchanged}, or {@code error} (with a message per field). The JSON answer of
 * {@code POST /api/import/{type}} and the table of the import page.
 */
public record ImportReport(
    String type, boolean applied, String message, Counts counts, List<Line> lines) {

  public static final String CREATE = "create";
  public static final String UPDATE = "update";
  public static final String UNCHANGED = "unchanged";
  public static final String ERROR = "error";

  /** How many lines have each action. */
  public record Counts(int create, int update, int unchanged, int error) {

    /** Lines that write something. */
    public int changes() {
      return create + update;
    }
  }

  /**
   * One line of the file. {@code name} is the server, application or alias it names; {@code
   * changes} lists the fields a create sets or an update changes; {@code errors} maps each refused
   * field (or {@code line}, for a line that cannot be read) to its message.
   */
  @TemplateData
  public record Line(
      int line, String action, String name, List<Change> changes, Map<String, String> errors) {

    static Line error(int line, String name, Map<String, String> errors) {
      return new Line(
          line, ERROR, name, List.of(), Collections.unmodifiableMap(new LinkedHashMap<>(errors)));
    }

    @JsonIgnore
    public boolean isError() {
      return ERROR.equals(action);
    }

    /** True for a line that writes something: a create or an update. */
    @JsonIgnore
    public boolean isChange() {
      return CREATE.equals(action) || UPDATE.equals(action);
    }
  }

  /** A field and its value before and after, as CSV cells; {@code before} is null on a create. */
  @TemplateData
  public record Change(String field, String before, String after) {}

  /**
   * The report over these lines, in file order. {@code apply} says whether writing was asked for,
   * {@code applied} whether it happened.
   */
  static ImportReport of(CsvType type, Collection<Line> lines, boolean apply, boolean applied) {
    List<Line> sorted = lines.stream().sorted(Comparator.comparingInt(Line::line)).toList();
    Counts counts =
        new Counts(
            count(sorted, CREATE),
            count(sorted, UPDATE),
            count(sorted, UNCHANGED),
            count(sorted, ERROR));
    return new ImportReport(
        type.plural(), applied, message(counts, apply, applied), counts, sorted);
  }

  private static int count(List<Line> lines, String action) {
    return (int) lines.stream().filter(l -> l.action().equals(action)).count();
  }

  static String message(Counts c, boolean apply, boolean applied) {
    if (c.error() > 0) {
      String lines = c.error() == 1 ? "1 line has an error" : c.error() + " lines have errors";
      return apply
          ? "Nothing was written: " + lines + ". Fix the file and import it again."
          : capitalized(lines) + ": fix the file and preview it again. Nothing has been written.";
    }
    if (c.create() + c.update() == 0) {
      return c.unchanged() == 0
          ? "The file has no lines below its header: nothing to import."
          : "Nothing to import: every line matches the inventory.";
    }
    if (applied) {
      return "Imported: "
          + c.create()
          + " created, "
          + c.update()
          + " updated, "
          + c.unchanged()
          + " unchanged.";
    }
    return "Ready to import: "
        + c.create()
        + " to create, "
        + c.update()
        + " to update, "
        + c.unchanged()
        + " unchanged. Nothing has been written yet.";
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}

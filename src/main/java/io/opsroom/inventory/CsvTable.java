package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * An inventory CSV file, read strictly: UTF-8 only (a byte order mark is accepted), a header row
 * whose column names are those of the {@link CsvType} in any order and case, and then one object
 * per line. Whatever makes the whole file unreadable is an {@link InvalidInputException} on the
 * field {@code file} or {@code header}, with the line where it was found; a line that is only
 * malformed itself carries its own problem, so the others can still be checked.
 */
final class CsvTable {

  /** Larger files are refused before they are parsed. */
  static final int MAX_BYTES = 5 * 1024 * 1024;

  /** Lines below the header; an import runs in one transaction, so it stays bounded. */
  static final int MAX_ROWS = 10_000;

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
  private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)");
  private static final Pattern AT_LINE = Pattern.compile("at line: (\\d+)");

  /**
   * One line below the header: its line number in the file (where it starts, for a cell that spans
   * lines), its cells by column name (only the columns the file has), and why it cannot be used, or
   * null.
   */
  record Row(int line, Map<String, String> cells, String problem) {

    String cell(String column) {
      return cells.get(column);
    }
  }

  private final List<String> columns;
  private final List<Row> rows;

  private CsvTable(List<String> columns, List<Row> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  /** The columns the file has, by their names in {@link CsvType#columns()}, in file order. */
  List<String> columns() {
    return columns;
  }

  List<Row> rows() {
    return rows;
  }

  /** Refuses a file above {@link #MAX_BYTES}, before anything reads it. */
  static void checkSize(long bytes) {
    if (bytes > MAX_BYTES) {
      throw fileProblem(
          "The file has "
              + megabytes(bytes)
              + " MB; the limit is "
              + megabytes(MAX_BYTES)
              + " MB. Split it into several files.");
    }
  }

  static CsvTable read(CsvType type, byte[] bytes) {
    checkSize(bytes.length);
    String text = decode(bytes);
    if (text.isBlank()) {
      throw fileProblem(
          "The file is empty. Its first line is the header, such as: "
              + String.join(",", type.columns()));
    }
    LineIndex lines = new LineIndex(text);
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw fileProblem(
          "Line "
              + lines.lineOf(nul)
              + " holds a NUL character: the file is not text, or it is UTF-16. Save it as CSV"
              + " UTF-8.");
    }
    try (CSVParser parser =
        CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
      var records = parser.iterator();
      CSVRecord header = records.next();
      List<String> columns = header(type, header.toList());
      List<Row> rows = new ArrayList<>();
      while (records.hasNext()) {
        CSVRecord record = records.next();
        List<String> cells = record.toList();
        if (cells.stream().allMatch(String::isBlank)) {
          continue;
        }
        if (rows.size() == MAX_ROWS) {
          throw fileProblem(
              "The file has more than "
                  + MAX_ROWS
                  + " lines below the header. Split it into files of at most "
                  + MAX_ROWS
                  + " lines.");
        }
        rows.add(row(columns, cells, lines.lineOf(start(text, record))));
      }
      return new CsvTable(columns, List.copyOf(rows));
    } catch (UncheckedIOException | IOException e) {
      throw fileProblem(syntaxMessage(e));
    }
  }

  /** Where a record starts; commons-csv counts the empty lines it skipped before it as its own. */
  private static int start(String text, CSVRecord record) {
    int position = (int) record.getCharacterPosition();
    while (position < text.length()
        && (text.charAt(position) == '\n' || text.charAt(position) == '\r')) {
      position++;
    }
    return position;
  }

  private static Row row(List<String> columns, List<String> cells, int line) {
    Map<String, String> byColumn = new LinkedHashMap<>();
    for (int i = 0; i < columns.size() && i < cells.size(); i++) {
      byColumn.put(columns.get(i), cells.get(i));
    }
    String problem = null;
    boolean extraCellsBlank =
        cells.subList(Math.min(columns.size(), cells.size()), cells.size()).stream()
            .allMatch(String::isBlank);
    if (cells.size() < columns.size() || !extraCellsBlank) {
      problem =
          "This line has "
              + cells.size()
              + (cells.size() == 1 ? " cell" : " cells")
              + " but the header has "
              + columns.size()
              + " columns. A cell with a comma, a quote or a line break must be in double quotes.";
    }
    return new Row(line, byColumn, problem);
  }

  /** The file's columns by their proper names; a message names every column that is wrong. */
  private static List<String> header(CsvType type, List<String> names) {
    List<String> problems = new ArrayList<>();
    if (names.size() == 1 && (names.get(0).contains(";") || names.get(0).contains("\t"))) {
      throw headerProblem(
          "The header is one column, \""
              + shorten(names.get(0))
              + "\": the file separates cells with "
              + (names.get(0).contains(";") ? "semicolons" : "tabs")
              + ". Save it as CSV with commas between cells.");
    }
    List<String> columns = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.isBlank()) {
        problems.add("Column " + (i + 1) + " of the header has no name.");
        columns.add("");
        continue;
      }
      String column = type.column(name).orElse(null);
      if (column == null) {
        unknown.add(shorten(name.strip()));
        columns.add("");
      } else if (columns.contains(column)) {
        problems.add("The column " + column + " appears twice.");
        columns.add("");
      } else {
        columns.add(column);
      }
    }
    if (!unknown.isEmpty()) {
      problems.add(
          0,
          (unknown.size() == 1 ? "Unknown column: " : "Unknown columns: ")
              + String.join(", ", unknown)
              + ".");
    }
    if (!columns.contains(type.key())) {
      problems.add(
          "The column "
              + type.key()
              + " is missing: it names the "
              + type.singular()
              + " on each line.");
    }
    if (!problems.isEmpty()) {
      throw headerProblem(
          String.join(" ", problems)
              + " The columns for "
              + type.plural()
              + " are: "
              + String.join(", ", type.columns())
              + ".");
    }
    return List.copyOf(columns);
  }

  /**
   * The file as text. Only UTF-8 is read: a file in another encoding would import with wrong
   * characters that nobody notices, so invalid bytes are refused with the line where they are.
   */
  static String decode(byte[] bytes) {
    if (bytes.length >= 2
        && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
            || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
      throw fileProblem("The file is UTF-16. Save it as CSV UTF-8.");
    }
    int start =
        bytes.length >= 3
                && bytes[0] == (byte) 0xEF
                && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= at || bytes[i + 1] != '\n'))) {
          line++;
          lineStart = i + 1;
        }
      }
      throw fileProblem(
          String.format(
              "Line %d is not UTF-8: byte %d of the line is 0x%02X. Opsroom reads CSV files in"
                  + " UTF-8 only: save the file as \"CSV UTF-8\" (Excel) or with the character"
                  + " set \"Unicode (UTF-8)\" (LibreOffice).",
              line, at - lineStart + 1, bytes[at] & 0xFF));
    }
    out.flip();
    return out.toString();
  }

  /** Writes rows (cells by column name) as a CSV file of this type, header first. */
  static String write(CsvType type, List<Map<String, String>> rows) {
    StringWriter text = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180)) {
      printer.printRecord(type.columns());
      for (Map<String, String> row : rows) {
        List<String> cells = new ArrayList<>();
        for (String column : type.columns()) {
          String value = row.get(column);
          cells.add(value == null ? "" : value);
        }
        printer.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** A message for commons-csv's syntax errors that says where and what to do. */
  private static String syntaxMessage(Exception e) {
    String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    detail = detail == null ? "" : detail;
    Matcher start = START_LINE.matcher(detail);
    if (detail.contains("EOF reached before encapsulated token finished") && start.find()) {
      return "Line "
          + start.group(1)
          + ": a cell opens a double quote that is never closed, so the rest of the file would"
          + " be one cell. Close the quote; inside a quoted cell, write a quote as two (\"\").";
    }
    Matcher at = AT_LINE.matcher(detail);
    if (detail.contains("Invalid character between encapsulated token and delimiter")
        && at.find()) {
      return "Line "
          + at.group(1)
          + ": a quoted cell is followed by more text before the next comma. Inside a quoted"
          + " cell, write a quote as two (\"\").";
    }
    return "The file is not valid CSV: " + detail;
  }

  private static InvalidInputException fileProblem(String message) {
    return InvalidInputException.field("file", message);
  }

  private static InvalidInputException headerProblem(String message) {
    return InvalidInputException.field("header", message);
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
  }

  private static String shorten(String value) {
    String v = value.replaceAll("\\p{Cntrl}", "?");
    return v.length() > 40 ? v.substring(0, 40) + "…" : v;
  }

  /** Maps a character position to its line, counting CR LF, LF and CR as commons-csv does. */
  private static final class LineIndex {
    private final int[] starts;

    LineIndex(String text) {
      List<Integer> list = new ArrayList<>();
      list.add(0);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
          list.add(i + 1);
        }
      }
      starts = list.stream().mapToInt(Integer::intValue).toArray();
    }

    int lineOf(int position) {
      int i = Arrays.binarySearch(starts, position);
      return (i >= 0 ? i : -i - 2) + 1;
    }
  }
}

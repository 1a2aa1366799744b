package io.opsroom.inventory;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsroom.platform.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTableTest {

  private static CsvTable read(CsvType type, String text) {
    return CsvTable.read(type, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The message of the file-level problem, checked to be on {@code field}. */
  private static String problem(String field, CsvType type, byte[] bytes) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> CsvTable.read(type, bytes));
    assertEquals(400, e.status());
    assertEquals(List.of(field), List.copyOf(e.fieldErrors().keySet()));
    return e.fieldErrors().get(field);
  }

  private static String problem(String field, String text) {
    return problem(field, CsvType.SERVERS, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void headerNamesAreCaseInsensitiveInAnyOrder() {
    CsvTable table = read(CsvType.SERVERS, " OS ,Name,cpus\r\nDebian 12,web01,4\r\n");
    assertEquals(List.of("os", "name", "cpus"), table.columns());
    assertEquals(1, table.rows().size());
    CsvTable.Row row = table.rows().get(0);
    assertEquals(2, row.line());
    assertEquals(Map.of("os", "Debian 12", "name", "web01", "cpus", "4"), row.cells());
    assertNull(row.problem());
  }

  @Test
  void aByteOrderMarkIsAccepted() {
    byte[] text = "name,os\nweb01,Linux – Debian\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream withBom = new ByteArrayOutputStream();
    withBom.write(0xEF);
    withBom.write(0xBB);
    withBom.write(0xBF);
    withBom.writeBytes(text);
    CsvTable table = CsvTable.read(CsvType.SERVERS, withBom.toByteArray());
    assertEquals(List.of("name", "os"), table.columns());
    assertEquals("Linux – Debian", table.rows().get(0).cell("os"));
  }

  @Test
  void lineNumbersCountBlankLinesAndCellsThatSpanLines() {
    CsvTable table =
        read(
            CsvType.SERVERS,
            "name,description\n\nweb01,\"two\nlines, and \"\"quotes\"\"\"\n,\n  ,  \nweb02,x\n");
    assertEquals(List.of(3, 7), table.rows().stream().map(CsvTable.Row::line).toList());
    assertEquals("two\nlines, and \"quotes\"", table.rows().get(0).cell("description"));
  }

  @Test
  void aLineWithTheWrongNumberOfCellsCarriesItsOwnProblem() {
    CsvTable table = read(CsvType.SERVERS, "name,os\nweb01\nweb02,Debian,12\nweb03,Debian,,\n");
    assertThat(
        table.rows().get(0).problem(), startsWith("This line has 1 cell but the header has 2"));
    assertThat(table.rows().get(1).problem(), startsWith("This line has 3 cells"));
    assertNull(table.rows().get(2).problem(), "trailing empty cells are harmless");
  }

  @Test
  void invalidUtf8IsRefusedWithItsLine() {
    byte[] latin1 =
        "name,description\nweb01,ok\nweb02,caf\u00e9 au lait\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    String message = problem("file", CsvType.SERVERS, latin1);
    assertThat(message, startsWith("Line 3 is not UTF-8: byte 10 of the line is 0xE9."));
    assertThat(message, containsString("CSV UTF-8"));
  }

  @Test
  void utf16IsRefusedByName() {
    byte[] utf16 = "name\nweb01\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[utf16.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(utf16, 0, withBom, 2, utf16.length);
    assertThat(problem("file", CsvType.SERVERS, withBom), containsString("UTF-16"));
    assertThat(problem("file", CsvType.SERVERS, utf16), containsString("NUL"));
  }

  @Test
  void anEmptyFileSaysWhatTheHeaderIs() {
    assertThat(
        problem("file", ""),
        containsString("The file is empty. Its first line is the header, such as: name,kind,"));
    assertThat(problem("file", "\uFEFF\r\n \n"), startsWith("The file is empty."));
  }

  @Test
  void unknownAndMissingColumnsAreNamed() {
    String message = problem("header", "hostname,Colour,os,OS,\n");
    assertThat(message, startsWith("Unknown columns: hostname, Colour."));
    assertThat(message, containsString("The column os appears twice."));
    assertThat(message, containsString("Column 5 of the header has no name."));
    assertThat(message, containsString("The column name is missing"));
    assertThat(message, containsString("The columns for servers are: name, kind, host,"));
    assertThat(
        problem("header", CsvType.ALIASES, "name,server\n".getBytes(StandardCharsets.UTF_8)),
        startsWith("Unknown column: name. The column hostname is missing"));
  }

  @Test
  void semicolonSeparatedFilesGetAHint() {
    assertThat(problem("header", "name;os\nweb01;Linux\n"), containsString("semicolons"));
  }

  @Test
  void anUnterminatedQuoteNamesTheLineWhereItOpens() {
    String message = problem("file", "name,description\nweb01,ok\nweb02,\"never closed\nweb03,x\n");
    assertThat(message, startsWith("Line 3: a cell opens a double quote that is never closed"));
  }

  @Test
  void textAfterAClosingQuoteNamesItsLine() {
    assertThat(
        problem("file", "name,description\nweb01,ok\n\nweb02,\"quoted\" more,x\n"),
        startsWith("Line 4: a quoted cell is followed by more text"));
  }

  @Test
  void limitsOnSizeAndLines() {
    assertThat(
        problem("file", CsvType.SERVERS, new byte[CsvTable.MAX_BYTES + 1]),
        startsWith("The file has 5.0 MB; the limit is 5.0 MB."));
    StringBuilder text = new StringBuilder("name\n");
    for (int i = 0; i < CsvTable.MAX_ROWS; i++) {
      text.append("s").append(i).append('\n');
    }
    assertEquals(CsvTable.MAX_ROWS, read(CsvType.SERVERS, text.toString()).rows().size());
    text.append("one-more\n");
    assertThat(problem("file", text.toString()), startsWith("The file has more than 10000 lines"));
  }

  @Test
  void writtenFilesReadBackTheSame() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("hostname", "wiki.example.org");
    row.put("application", "wiki");
    row.put("description", "Line one, with a comma\r\nand \"quotes\"\nand a second break");
    row.put("administrativeInfo", "  leading spaces");
    String text = CsvTable.write(CsvType.ALIASES, List.of(row));
    assertThat(
        text, startsWith("hostname,server,application,status,description,administrativeInfo\r\n"));
    CsvTable table = read(CsvType.ALIASES, text);
    assertEquals(CsvType.ALIASES.columns(), table.columns());
    Map<String, String> back = table.rows().get(0).cells();
    row.forEach((column, value) -> assertEquals(value, back.get(column), column));
    assertEquals("", back.get("server"));
  }
}

package io.opsroom.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportOrderTest {

  private static CsvTable.Row server(int line, String name, String host) {
    return new CsvTable.Row(line, Map.of("name", name, "host", host), null);
  }

  private static List<Integer> lines(List<CsvTable.Row> rows) {
    return rows.stream().map(CsvTable.Row::line).toList();
  }

  @Test
  void hostsComeBeforeTheirVmsWhereverTheirLinesAre() {
    List<CsvTable.Row> rows =
        List.of(
            server(2, "vm2", "vm1"),
            server(3, "other", ""),
            server(4, "vm1", "HOST"),
            server(5, "host", ""),
            server(6, "vm3", "elsewhere"));
    assertEquals(
        List.of(5, 4, 2, 3, 6), lines(ImportOrder.dependenciesFirst(CsvType.SERVERS, rows)));
  }

  @Test
  void aHostCycleKeepsFileOrderForTheServiceToRefuse() {
    List<CsvTable.Row> rows = List.of(server(2, "a", "b"), server(3, "b", "a"));
    assertEquals(List.of(3, 2), lines(ImportOrder.dependenciesFirst(CsvType.SERVERS, rows)));
    List<CsvTable.Row> self = List.of(server(2, "a", "a"), server(3, "c", ""));
    assertEquals(List.of(2, 3), lines(ImportOrder.dependenciesFirst(CsvType.SERVERS, self)));
  }

  @Test
  void otherTypesKeepFileOrder() {
    List<CsvTable.Row> rows =
        List.of(
            new CsvTable.Row(2, Map.of("name", "b", "deployments", "a:web"), null),
            new CsvTable.Row(3, Map.of("name", "a"), null));
    assertEquals(List.of(2, 3), lines(ImportOrder.dependenciesFirst(CsvType.APPLICATIONS, rows)));
  }

  @Test
  void aSecondLineForTheSameObjectIsAProblem() {
    List<CsvTable.Row> rows =
        List.of(server(2, "web01", ""), server(3, "db01", ""), server(4, " WEB01", ""));
    assertEquals(
        Map.of(4, "web01 is on line 2 already: a file names each server once."),
        ImportOrder.duplicates(CsvType.SERVERS, rows));
  }
}

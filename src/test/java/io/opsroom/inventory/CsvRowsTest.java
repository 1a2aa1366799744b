package io.opsroom.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

  private static final Map<String, String> CURRENT =
      Map.of("name", "web01", "kind", "physical", "os", "Debian 11", "cpus", "4", "host", "");

  @Test
  void columnsLeftOutKeepTheirValuesAndEmptyCellsClear() {
    Map<String, String> cells =
        CsvRows.overlay(CsvType.SERVERS, CURRENT, Map.of("name", "web01", "os", ""));
    assertEquals("", cells.get("os"));
    assertEquals("4", cells.get("cpus"));
    assertEquals("physical", cells.get("kind"));
  }

  @Test
  void aHostWithoutAKindColumnLetsTheKindFollow() {
    assertEquals(
        "",
        CsvRows.overlay(CsvType.SERVERS, CURRENT, Map.of("name", "web01", "host", "h1"))
            .get("kind"));
    assertEquals(
        "physical",
        CsvRows.overlay(CsvType.SERVERS, CURRENT, Map.of("name", "web01", "host", " "))
            .get("kind"));
    assertEquals(
        "cloud",
        CsvRows.overlay(
                CsvType.SERVERS, CURRENT, Map.of("name", "web01", "host", "h1", "kind", "cloud"))
            .get("kind"));
  }

  @Test
  void oneTargetColumnOfAnAliasClearsTheOther() {
    Map<String, String> current = Map.of("hostname", "wiki.example.org", "application", "wiki");
    Map<String, String> cells =
        CsvRows.overlay(
            CsvType.ALIASES, current, Map.of("hostname", "wiki.example.org", "server", "web01"));
    assertEquals("web01", cells.get("server"));
    assertEquals("", cells.get("application"));
  }

  @Test
  void keysAreComparedAsTheServicesCompareNames() {
    assertEquals("web01", CsvRows.key(CsvType.SERVERS, Map.of("name", " WEB01 ")));
    assertEquals(
        "wiki.example.org", CsvRows.key(CsvType.ALIASES, Map.of("hostname", "Wiki.Example.org.")));
    assertEquals(null, CsvRows.key(CsvType.SERVERS, Map.of("name", " ")));
  }
}

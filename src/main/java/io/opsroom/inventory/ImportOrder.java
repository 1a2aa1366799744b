package io.opsroom.inventory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which the lines of a file are tried, and the lines that contradict each other. A
 * spreadsheet is sorted however its author liked, so the import does not rely on it: a host is
 * saved before the VMs that run on it, wherever its line is.
 */
final class ImportOrder {

  private ImportOrder() {}

  /**
   * The rows with every server that hosts another row's VM moved before that VM, otherwise in file
   * order. Rows of other types, and host cycles (which the service refuses), stay in file order.
   */
  static List<CsvTable.Row> dependenciesFirst(CsvType type, List<CsvTable.Row> rows) {
    if (type != CsvType.SERVERS) {
      return rows;
    }
    Map<String, CsvTable.Row> byName = new HashMap<>();
    for (CsvTable.Row row : rows) {
      String key = CsvRows.key(type, row.cells());
      if (key != null) {
        byName.putIfAbsent(key, row);
      }
    }
    LinkedHashSet<CsvTable.Row> ordered = new LinkedHashSet<>();
    for (CsvTable.Row row : rows) {
      // Walk up the host chain, then add it from the top down; iterative, so a long chain of
      // VMs on VMs cannot exhaust the stack.
      Deque<CsvTable.Row> chain = new ArrayDeque<>();
      Set<CsvTable.Row> seen = new HashSet<>();
      for (CsvTable.Row r = row; r != null && !ordered.contains(r) && seen.add(r); ) {
        chain.push(r);
        r = byName.get(Names.normalize(Fields.blankToNull(r.cell("host"))));
      }
      while (!chain.isEmpty()) {
        ordered.add(chain.pop());
      }
    }
    return List.copyOf(ordered);
  }

  /**
   * Lines that name an object an earlier line names already, with a message for each: which of two
   * lines should win is not for the import to guess.
   */
  static Map<Integer, String> duplicates(CsvType type, List<CsvTable.Row> rows) {
    Map<String, Integer> first = new HashMap<>();
    Map<Integer, String> problems = new LinkedHashMap<>();
    for (CsvTable.Row row : rows) {
      String key = CsvRows.key(type, row.cells());
      if (key == null) {
        continue;
      }
      Integer earlier = first.putIfAbsent(key, row.line());
      if (earlier != null) {
        problems.put(
            row.line(),
            key
                + " is on line "
                + earlier
                + " already: a file names each "
                + type.singular()
                + " once.");
      }
    }
    return problems;
  }
}

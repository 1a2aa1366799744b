package io.opsroom.inventory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns inventory objects into CSV rows (from their API views, so the export says what the API
 * says) and CSV rows into the input records of the services. Export and import use the same cell
 * syntax ({@link CsvCells}), so exporting and importing again gives the same values.
 */
final class CsvRows {

  private CsvRows() {}

  static Map<String, String> server(ServerView s) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("name", s.name());
    row.put("kind", s.kind());
    row.put("host", s.host());
    row.put("location", s.location());
    row.put("environment", s.environment());
    row.put("status", s.status());
    row.put("primaryFunction", s.primaryFunction());
    row.put("os", s.os());
    row.put("cpus", text(s.cpus()));
    row.put("memoryMb", text(s.memoryMb()));
    row.put("diskGb", text(s.diskGb()));
    row.put("graphitePrefix", s.graphitePrefix());
    row.put("ipAddresses", CsvCells.ipAddresses(s.ipAddresses()));
    row.put("contacts", CsvCells.contacts(s.contacts()));
    row.put("description", s.description());
    return blanksForNulls(row);
  }

  static Map<String, String> application(ApplicationView a) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("name", a.name());
    row.put("title", a.title());
    row.put("technology", a.technology());
    row.put("repositoryUrl", a.repositoryUrl());
    row.put("graphitePrefix", a.graphitePrefix());
    row.put("runbookUrl", a.runbookUrl());
    row.put("status", a.status());
    row.put("deployments", CsvCells.deployments(a.deployments()));
    row.put("contacts", CsvCells.contacts(a.contacts()));
    row.put("description", a.description());
    return blanksForNulls(row);
  }

  static Map<String, String> alias(AliasView a) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("hostname", a.hostname());
    row.put("server", a.server());
    row.put("application", a.application());
    row.put("status", a.status());
    row.put("description", a.description());
    row.put("administrativeInfo", a.administrativeInfo());
    return blanksForNulls(row);
  }

  /**
   * The cells a line stands for: the object's current row (null for a new object) with the file's
   * cells on top. A column the file leaves out keeps its value; an empty cell clears it. Two pairs
   * of columns go together: a file that sets a host without a kind lets the kind follow the host
   * (virtual), and a file that names one target of an alias clears the other.
   */
  static Map<String, String> overlay(
      CsvType type, Map<String, String> current, Map<String, String> file) {
    Map<String, String> cells = new LinkedHashMap<>();
    if (current != null) {
      cells.putAll(current);
    }
    cells.putAll(file);
    if (type == CsvType.SERVERS
        && file.containsKey("host")
        && !file.containsKey("kind")
        && Fields.blankToNull(file.get("host")) != null) {
      cells.put("kind", "");
    }
    if (type == CsvType.ALIASES && file.containsKey("server") != file.containsKey("application")) {
      cells.put(file.containsKey("server") ? "application" : "server", "");
    }
    return cells;
  }

  /**
   * The names that the file gives to contact addresses, on any line: a line may then name a new
   * contact by address alone when another line, maybe one saved later, gives the name.
   */
  static Map<String, String> contactNames(List<CsvTable.Row> rows) {
    Map<String, String> names = new HashMap<>();
    for (CsvTable.Row row : rows) {
      for (ContactService.ContactInput c : CsvCells.contacts(row.cell("contacts"))) {
        if (c.name() != null && c.email() != null) {
          names.putIfAbsent(c.email().strip().toLowerCase(Locale.ROOT), c.name());
        }
      }
    }
    return names;
  }

  private static List<ContactService.ContactInput> contacts(
      String cell, Map<String, String> names) {
    return CsvCells.contacts(cell).stream()
        .map(
            c ->
                c.name() == null && c.email() != null
                    ? new ContactService.ContactInput(
                        names.get(c.email().strip().toLowerCase(Locale.ROOT)), c.email(), c.role())
                    : c)
        .toList();
  }

  static ServerService.ServerInput serverInput(Map<String, String> c, Map<String, String> names) {
    return new ServerService.ServerInput(
        c.get("name"),
        c.get("kind"),
        c.get("host"),
        c.get("location"),
        c.get("environment"),
        c.get("status"),
        c.get("primaryFunction"),
        c.get("os"),
        c.get("cpus"),
        c.get("memoryMb"),
        c.get("diskGb"),
        c.get("graphitePrefix"),
        c.get("description"),
        CsvCells.ipAddresses(c.get("ipAddresses")),
        contacts(c.get("contacts"), names));
  }

  static ApplicationService.ApplicationInput applicationInput(
      Map<String, String> c, Map<String, String> names) {
    return new ApplicationService.ApplicationInput(
        c.get("name"),
        c.get("title"),
        c.get("technology"),
        c.get("repositoryUrl"),
        c.get("graphitePrefix"),
        c.get("runbookUrl"),
        c.get("status"),
        c.get("description"),
        CsvCells.deployments(c.get("deployments")),
        contacts(c.get("contacts"), names));
  }

  static AliasService.AliasRecord aliasRecord(Map<String, String> c) {
    return new AliasService.AliasRecord(
        c.get("hostname"),
        c.get("server"),
        c.get("application"),
        c.get("status"),
        c.get("description"),
        c.get("administrativeInfo"));
  }

  /** The name a line is known by: its key cell as the services compare names. */
  static String key(CsvType type, Map<String, String> cells) {
    String value = Fields.blankToNull(cells.get(type.key()));
    return type == CsvType.ALIASES ? Names.canonicalHostname(value) : Names.normalize(value);
  }

  private static String text(Integer value) {
    return value == null ? null : value.toString();
  }

  private static Map<String, String> blanksForNulls(Map<String, String> row) {
    row.replaceAll((column, value) -> value == null ? "" : value);
    return row;
  }
}

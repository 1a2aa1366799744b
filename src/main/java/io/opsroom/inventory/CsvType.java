package io.opsroom.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three CSV formats of the inventory, one per object type. Column names are the JSON field
 * names of the API (DESIGN §6), so a script reads the export with the same words it sends as JSON.
 */
public enum CsvType {
  SERVERS(
      "servers",
      "server",
      List.of(
          "name",
          "kind",
          "host",
          "location",
          "environment",
          "status",
          "primaryFunction",
          "os",
          "cpus",
          "memoryMb",
          "diskGb",
          "graphitePrefix",
          "ipAddresses",
          "contacts",
          "description")),
  APPLICATIONS(
      "applications",
      "application",
      List.of(
          "name",
          "title",
          "technology",
          "repositoryUrl",
          "graphitePrefix",
          "runbookUrl",
          "status",
          "deployments",
          "contacts",
          "description")),
  ALIASES(
      "aliases",
      "alias",
      List.of("hostname", "server", "application", "status", "description", "administrativeInfo"));

  private final String plural;
  private final String singular;
  private final List<String> columns;

  CsvType(String plural, String singular, List<String> columns) {
    this.plural = plural;
    this.singular = singular;
    this.columns = columns;
  }

  /** {@code servers}, {@code applications} or {@code aliases}: the word in URLs. */
  public String plural() {
    return plural;
  }

  /** {@code server}, {@code application} or {@code alias}. */
  public String singular() {
    return singular;
  }

  /** Every column, in the order the export writes them. */
  public List<String> columns() {
    return columns;
  }

  /** The column that names the object; the only one a file must have. */
  public String key() {
    return columns.get(0);
  }

  /** The column spelled like {@code header}, whatever its case and surrounding spaces. */
  public Optional<String> column(String header) {
    String h = header.strip();
    return columns.stream().filter(c -> c.equalsIgnoreCase(h)).findFirst();
  }

  public static Optional<CsvType> of(String plural) {
    if (plural == null) {
      return Optional.empty();
    }
    String p = plural.strip().toLowerCase(Locale.ROOT);
    for (CsvType type : values()) {
      if (type.plural.equals(p)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}

package io.opsroom.alerting;

import java.util.List;
import java.util.Map;

/**
 * The inventory objects a {@code for_each} alert is repeated over, as flat property maps. The
 * inventory provides the implementation; alert files name the properties in filters ({@code
 * for_each: {servers: {environment: production}}}) and placeholders ({@code {server.name}}).
 *
 * <p>Property names are the JSON field names of {@code /api/servers} and {@code /api/applications}.
 * Every value is text; a property without a value is missing from the map or null. Implementations
 * are called on every reload and on every reload check, from the registry's thread, and should
 * answer from one query.
 */
public interface ForEachSource {

  /** The properties of a server that filters and placeholders may use. */
  List<String> SERVER_PROPERTIES =
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
          "graphitePrefix");

  /** The properties of an application that filters and placeholders may use. */
  List<String> APPLICATION_PROPERTIES =
      List.of(
          "name", "title", "technology", "repositoryUrl", "graphitePrefix", "runbookUrl", "status");

  /**
   * The servers whose properties equal every entry of {@code filter} (an empty filter: all
   * servers), ordered by name.
   */
  List<Map<String, String>> servers(Map<String, String> filter);

  /**
   * The applications whose properties equal every entry of {@code filter} (an empty filter: all
   * applications), ordered by name.
   */
  List<Map<String, String>> applications(Map<String, String> filter);
}

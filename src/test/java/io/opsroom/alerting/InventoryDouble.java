package io.opsroom.alerting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An inventory for {@code for_each} tests: servers and applications as property maps. */
final class InventoryDouble implements ForEachSource {

  final List<Map<String, String>> servers = new ArrayList<>();
  final List<Map<String, String>> applications = new ArrayList<>();
  RuntimeException failure;
  int calls;

  /** Adds a server from {@code key, value, key, value ...}; a null value is a missing property. */
  InventoryDouble server(String... properties) {
    servers.add(map(properties));
    return this;
  }

  InventoryDouble application(String... properties) {
    applications.add(map(properties));
    return this;
  }

  @Override
  public List<Map<String, String>> servers(Map<String, String> filter) {
    return matching(servers, filter);
  }

  @Override
  public List<Map<String, String>> applications(Map<String, String> filter) {
    return matching(applications, filter);
  }

  private List<Map<String, String>> matching(
      List<Map<String, String>> objects, Map<String, String> filter) {
    calls++;
    if (failure != null) {
      throw failure;
    }
    return objects.stream()
        .filter(
            o ->
                filter.entrySet().stream()
                    .allMatch(f -> Objects.equals(o.get(f.getKey()), f.getValue())))
        .toList();
  }

  private static Map<String, String> map(String... properties) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < properties.length; i += 2) {
      map.put(properties[i], properties[i + 1]);
    }
    return map;
  }
}

package io.opsroom.inventory;

import io.opsroom.alerting.ForEachSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gives {@code for_each} alerts the inventory's servers and applications, as the flat property maps
 * the alert files name ({@code {server.graphitePrefix}}), from one query each.
 */
@ApplicationScoped
public class InventoryForEachSource implements ForEachSource {

  @Override
  public List<Map<String, String>> servers(Map<String, String> filter) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                Server.<Server>list("order by name").stream()
                    .map(InventoryForEachSource::properties)
                    .filter(p -> matches(p, filter))
                    .toList());
  }

  @Override
  public List<Map<String, String>> applications(Map<String, String> filter) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () ->
                Application.<Application>list("order by name").stream()
                    .map(InventoryForEachSource::properties)
                    .filter(p -> matches(p, filter))
                    .toList());
  }

  private static Map<String, String> properties(Server s) {
    Map<String, String> p = new HashMap<>();
    p.put("name", s.name);
    p.put("kind", s.kind);
    p.put("host", s.host == null ? null : s.host.name);
    p.put("location", s.location == null ? null : s.location.name);
    p.put("environment", s.environment);
    p.put("status", s.status);
    p.put("primaryFunction", s.primaryFunction);
    p.put("os", s.os);
    p.put("cpus", s.cpus == null ? null : s.cpus.toString());
    p.put("memoryMb", s.memoryMb == null ? null : s.memoryMb.toString());
    p.put("diskGb", s.diskGb == null ? null : s.diskGb.toString());
    p.put("graphitePrefix", s.graphitePrefix);
    return p;
  }

  private static Map<String, String> properties(Application a) {
    Map<String, String> p = new HashMap<>();
    p.put("name", a.name);
    p.put("title", a.title);
    p.put("technology", a.technology);
    p.put("repositoryUrl", a.repositoryUrl);
    p.put("graphitePrefix", a.graphitePrefix);
    p.put("runbookUrl", a.runbookUrl);
    p.put("status", a.status);
    return p;
  }

  private static boolean matches(Map<String, String> properties, Map<String, String> filter) {
    return filter.entrySet().stream()
        .allMatch(e -> Objects.equals(properties.get(e.getKey()), e.getValue()));
  }
}

package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Filters, search and sorting for the inventory lists, shared by the pages and the API. */
@ApplicationScoped
public class InventorySearch {

  /** What a server list may be filtered by; blank fields do not filter. */
  public record ServerFilter(
      String q,
      String location,
      String environment,
      String status,
      String kind,
      String contact,
      String host,
      String sort) {}

  /** What an application list may be filtered by. */
  public record ApplicationFilter(
      String q, String technology, String status, String server, String contact, String sort) {}

  /** What an alias list may be filtered by. */
  public record AliasFilter(
      String q, String status, String server, String application, String sort) {}

  private static final Map<String, String> SERVER_SORTS =
      Map.of(
          "name", "s.name",
          "kind", "s.kind, s.name",
          "location", "l.name, s.name",
          "environment", "s.environment, s.name",
          "status", "s.status, s.name",
          "updated", "s.updatedAt, s.name");

  private static final Map<String, String> APPLICATION_SORTS =
      Map.of(
          "name", "a.name",
          "title", "lower(a.title), a.name",
          "technology", "a.technology, a.name",
          "status", "a.status, a.name",
          "updated", "a.updatedAt, a.name");

  private static final Map<String, String> ALIAS_SORTS =
      Map.of(
          "hostname", "d.hostname",
          "status", "d.status, d.hostname",
          "requested", "d.requestedAt, d.hostname",
          "updated", "d.updatedAt, d.hostname");

  public Page<Server> servers(ServerFilter f, Page.Request page) {
    List<String> where = new ArrayList<>();
    Parameters params = new Parameters();
    String q = like(f.q());
    if (q != null) {
      where.add(
          "(s.name like :q or lower(s.primaryFunction) like :q or lower(s.os) like :q"
              + " or lower(s.description) like :q"
              + " or exists (select 1 from IpAddress ip where ip.server = s and ip.address like :q))");
      params.and("q", q);
    }
    equal(where, params, "l.name", "location", f.location());
    equal(where, params, "s.environment", "environment", f.environment());
    equal(where, params, "s.status", "status", f.status());
    equal(where, params, "s.kind", "kind", f.kind());
    equal(where, params, "h.name", "host", f.host());
    String contact = like(f.contact());
    if (contact != null) {
      where.add(
          "exists (select 1 from ContactAssignment ca where ca.server = s"
              + " and (ca.contact.email like :contact or lower(ca.contact.name) like :contact))");
      params.and("contact", contact);
    }
    String from = "from Server s left join s.location l left join s.host h";
    return run(Server.class, "s", from, where, params, order(f.sort(), SERVER_SORTS), page);
  }

  public Page<Application> applications(ApplicationFilter f, Page.Request page) {
    List<String> where = new ArrayList<>();
    Parameters params = new Parameters();
    String q = like(f.q());
    if (q != null) {
      where.add(
          "(a.name like :q or lower(a.title) like :q or lower(a.technology) like :q"
              + " or lower(a.description) like :q)");
      params.and("q", q);
    }
    String technology = Names.normalize(blankToNull(f.technology()));
    if (technology != null) {
      where.add("lower(a.technology) = :technology");
      params.and("technology", technology);
    }
    equal(where, params, "a.status", "status", f.status());
    String server = Names.normalize(blankToNull(f.server()));
    if (server != null) {
      where.add(
          "exists (select 1 from Deployment d where d.application = a and d.server.name = :server)");
      params.and("server", server);
    }
    String contact = like(f.contact());
    if (contact != null) {
      where.add(
          "exists (select 1 from ContactAssignment ca where ca.application = a"
              + " and (ca.contact.email like :contact or lower(ca.contact.name) like :contact))");
      params.and("contact", contact);
    }
    return run(
        Application.class,
        "a",
        "from Application a",
        where,
        params,
        order(f.sort(), APPLICATION_SORTS),
        page);
  }

  public Page<DnsAlias> aliases(AliasFilter f, Page.Request page) {
    List<String> where = new ArrayList<>();
    Parameters params = new Parameters();
    String q = like(f.q());
    if (q != null) {
      where.add("(d.hostname like :q or lower(d.description) like :q)");
      params.and("q", q);
    }
    equal(where, params, "d.status", "status", f.status());
    equal(where, params, "s.name", "server", f.server());
    equal(where, params, "a.name", "application", f.application());
    String from = "from DnsAlias d left join d.server s left join d.application a";
    return run(DnsAlias.class, "d", from, where, params, order(f.sort(), ALIAS_SORTS), page);
  }

  private static <T> Page<T> run(
      Class<T> type,
      String alias,
      String from,
      List<String> where,
      Parameters params,
      String order,
      Page.Request page) {
    String condition = where.isEmpty() ? "" : " where " + String.join(" and ", where);
    var em = io.quarkus.hibernate.orm.panache.Panache.getEntityManager();
    var countQuery = em.createQuery("select count(" + alias + ") " + from + condition, Long.class);
    var listQuery =
        em.createQuery("select " + alias + " " + from + condition + " order by " + order, type);
    params
        .map()
        .forEach(
            (k, v) -> {
              countQuery.setParameter(k, v);
              listQuery.setParameter(k, v);
            });
    long count = countQuery.getSingleResult();
    List<T> items =
        listQuery.setFirstResult(page.offset()).setMaxResults(page.perPage()).getResultList();
    return new Page<>(count, page.page(), page.perPage(), items);
  }

  private static String order(String sort, Map<String, String> sorts) {
    String s = blankToNull(sort);
    if (s == null) {
      return sorts.values().stream().filter(v -> !v.contains(",")).findFirst().orElseThrow();
    }
    boolean descending = s.startsWith("-");
    String key = descending ? s.substring(1) : s;
    String order = sorts.get(key.toLowerCase(Locale.ROOT));
    if (order == null) {
      throw InvalidInputException.field(
          "sort",
          "Sort by one of: "
              + String.join(", ", sorts.keySet().stream().sorted().toList())
              + " (prefix - for descending).");
    }
    if (!descending) {
      return order;
    }
    String[] parts = order.split(", ");
    parts[0] = parts[0] + " desc";
    return String.join(", ", parts);
  }

  private static void equal(
      List<String> where, Parameters params, String path, String name, String value) {
    String v = Names.normalize(blankToNull(value));
    if (v != null) {
      where.add(path + " = :" + name);
      params.and(name, v);
    }
  }

  private static String like(String value) {
    String v = Names.normalize(blankToNull(value));
    if (v == null) {
      return null;
    }
    return "%" + v.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

package io.opsroom.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Writes every server, application or alias as a CSV file that the import reads back as-is. */
@ApplicationScoped
public class CsvExporter {

  @Inject Clock clock;

  /** The whole inventory of one type, sorted by name, header first. */
  @Transactional
  public String export(CsvType type) {
    List<Map<String, String>> rows =
        switch (type) {
          case SERVERS ->
              Server.<Server>list("order by name").stream()
                  .map(s -> CsvRows.server(ServerView.of(s)))
                  .toList();
          case APPLICATIONS ->
              Application.<Application>list("order by name").stream()
                  .map(a -> CsvRows.application(ApplicationView.of(a)))
                  .toList();
          case ALIASES ->
              DnsAlias.<DnsAlias>list("order by hostname").stream()
                  .map(a -> CsvRows.alias(AliasView.of(a)))
                  .toList();
        };
    return CsvTable.write(type, rows);
  }

  /** {@code opsroom-servers-2026-01-31.csv}: what the file holds and when it was taken. */
  public String fileName(CsvType type) {
    return "opsroom-"
        + type.plural()
        + "-"
        + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
        + ".csv";
  }
}

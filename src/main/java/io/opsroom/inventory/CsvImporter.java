package io.opsroom.inventory;

import io.opsroom.platform.InvalidInputException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Imports a CSV file of servers, applications or aliases through the same services as the forms and
 * the API, so every line is checked by the same rules and gets the same messages.
 *
 * <p>How a preview can show the truth without writing it: the services are the only judges of a
 * line (a VM's host may be a line further up, a contact may be new), so the import runs every line
 * through them for real, in one transaction, and rolls that transaction back. JTA has no nested
 * transactions, and savepoints are not an option either: the connection pool refuses a rollback to
 * a savepoint while the connection takes part in a JTA transaction. A line the services refuse
 * marks the whole transaction rollback-only (the {@code @Transactional} interceptor does that for
 * any runtime exception), which does not matter because this check is always rolled back. The
 * refusal happens before the service touches anything, so the next lines are checked against a
 * clean state.
 *
 * <p>Applying then repeats, in a second transaction, only the lines the check found to create or
 * update, in the order in which they succeeded, and commits if all of them succeed again; an
 * unchanged line is not saved at all, so importing the same file twice writes nothing, not even a
 * new {@code updatedAt}. Both transactions hold the inventory lock from start to end, so a file is
 * checked and applied against a stable inventory.
 */
@ApplicationScoped
public class CsvImporter {

  /** A large file is checked line by line through the services: give it time. */
  static final int TRANSACTION_TIMEOUT_SECONDS = 600;

  /** Rounds of retrying refused lines after other lines changed something (see {@link #check}). */
  static final int MAX_ROUNDS = 10;

  /** What every line of one import shares: its type, who imports, and the file's contact names. */
  private record Job(CsvType type, String actor, Map<String, String> contactNames) {}

  @Inject ServerService servers;
  @Inject ApplicationService applications;
  @Inject AliasService aliases;
  @Inject InventoryLock lock;
  @Inject EntityManager entityManager;

  /**
   * Checks the file, and with {@code apply} writes it if every line is fine; all or nothing. A file
   * that cannot be read at all (encoding, header, quotes, size) is an {@link InvalidInputException}
   * and nothing is checked.
   */
  public ImportReport run(CsvType type, byte[] file, boolean apply, String actor) {
    CsvTable table = CsvTable.read(type, file);
    Map<Integer, ImportReport.Line> outcomes = new TreeMap<>();
    Map<Integer, String> duplicates = ImportOrder.duplicates(type, table.rows());
    List<CsvTable.Row> runnable = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      String name = displayName(type, row);
      if (row.problem() != null) {
        outcomes.put(
            row.line(), ImportReport.Line.error(row.line(), name, Map.of("line", row.problem())));
      } else if (duplicates.containsKey(row.line())) {
        outcomes.put(
            row.line(),
            ImportReport.Line.error(
                row.line(), name, Map.of(type.key(), duplicates.get(row.line()))));
      } else {
        runnable.add(row);
      }
    }
    List<CsvTable.Row> ordered = ImportOrder.dependenciesFirst(type, runnable);
    Job job = new Job(type, actor, CsvRows.contactNames(table.rows()));
    List<CsvTable.Row> changing = new ArrayList<>();
    // The check never commits: it only finds out what the file would do.
    inTransaction(
        () -> {
          check(job, ordered, outcomes, changing);
          return false;
        });
    boolean errors = outcomes.values().stream().anyMatch(ImportReport.Line::isError);
    if (!apply || errors || changing.isEmpty()) {
      return ImportReport.of(type, outcomes.values(), apply, apply && !errors);
    }
    boolean applied = inTransaction(() -> write(job, changing, outcomes));
    return ImportReport.of(type, outcomes.values(), true, applied);
  }

  /**
   * Runs every row through its service. A refused row is tried again after the others, as long as a
   * round changed something: a host can only be decommissioned after the line that moves its last
   * VM away, wherever that line is in the file. Collects the rows that create or update, in the
   * order in which they succeeded. A row the database refuses ends the check: after that the
   * transaction can run no more statements.
   */
  private void check(
      Job job,
      List<CsvTable.Row> rows,
      Map<Integer, ImportReport.Line> outcomes,
      List<CsvTable.Row> changing) {
    List<CsvTable.Row> pending = rows;
    for (int round = 1; !pending.isEmpty(); round++) {
      List<CsvTable.Row> refused = new ArrayList<>();
      boolean changed = false;
      for (int i = 0; i < pending.size(); i++) {
        CsvTable.Row row = pending.get(i);
        ImportReport.Line line;
        try {
          line = execute(job, row);
        } catch (PersistenceException e) {
          outcomes.put(row.line(), refusedByDatabase(job.type(), row, e));
          for (CsvTable.Row later : pending.subList(i + 1, pending.size())) {
            outcomes.put(
                later.line(),
                ImportReport.Line.error(
                    later.line(),
                    displayName(job.type(), later),
                    Map.of("line", "Not checked: the database refused line " + row.line() + ".")));
          }
          return;
        }
        outcomes.put(row.line(), line);
        if (line.isError()) {
          refused.add(row);
        } else if (line.isChange()) {
          changing.add(row);
          changed = true;
        }
      }
      if (!changed || round == MAX_ROUNDS) {
        break;
      }
      pending = refused;
    }
  }

  /** Saves the rows that the check found to change something; true if every one succeeded. */
  private boolean write(
      Job job, List<CsvTable.Row> rows, Map<Integer, ImportReport.Line> outcomes) {
    for (CsvTable.Row row : rows) {
      ImportReport.Line line;
      try {
        line = execute(job, row);
      } catch (PersistenceException e) {
        line = refusedByDatabase(job.type(), row, e);
      }
      // Only a change made elsewhere since the check can make a line fail now.
      outcomes.put(row.line(), line);
      if (line.isError()) {
        return false;
      }
    }
    return true;
  }

  /**
   * One row through its service, and what that did. The persistence context is emptied after each
   * row: a large file would otherwise make every flush slower, and objects loaded before a row
   * changed them (a host's list of VMs) would be stale for the rows after it.
   */
  private ImportReport.Line execute(Job job, CsvTable.Row row) {
    try {
      ImportReport.Line line =
          switch (job.type()) {
            case SERVERS -> server(job, row);
            case APPLICATIONS -> application(job, row);
            case ALIASES -> alias(job, row);
          };
      entityManager.flush();
      return line;
    } catch (InvalidInputException e) {
      return ImportReport.Line.error(row.line(), displayName(job.type(), row), e.fieldErrors());
    } finally {
      entityManager.clear();
    }
  }

  private ImportReport.Line server(Job job, CsvTable.Row row) {
    String name = CsvRows.key(CsvType.SERVERS, row.cells());
    Server existing = name == null ? null : Server.findByName(name).orElse(null);
    Map<String, Object> before = existing == null ? null : servers.snapshot(existing);
    Map<String, String> current = existing == null ? null : CsvRows.server(ServerView.of(existing));
    ServerService.ServerInput input =
        CsvRows.serverInput(
            CsvRows.overlay(CsvType.SERVERS, current, row.cells()), job.contactNames());
    Server saved =
        existing == null
            ? servers.create(input, job.actor())
            : servers.update(existing.name, input, job.actor());
    return outcome(
        row,
        saved.name,
        before,
        servers.snapshot(saved),
        current,
        CsvRows.server(ServerView.of(saved)));
  }

  private ImportReport.Line application(Job job, CsvTable.Row row) {
    String name = CsvRows.key(CsvType.APPLICATIONS, row.cells());
    Application existing = name == null ? null : Application.findByName(name).orElse(null);
    Map<String, Object> before = existing == null ? null : applications.snapshot(existing);
    Map<String, String> current =
        existing == null ? null : CsvRows.application(ApplicationView.of(existing));
    ApplicationService.ApplicationInput input =
        CsvRows.applicationInput(
            CsvRows.overlay(CsvType.APPLICATIONS, current, row.cells()), job.contactNames());
    Application saved =
        existing == null
            ? applications.create(input, job.actor())
            : applications.update(existing.name, input, job.actor());
    return outcome(
        row,
        saved.name,
        before,
        applications.snapshot(saved),
        current,
        CsvRows.application(ApplicationView.of(saved)));
  }

  private ImportReport.Line alias(Job job, CsvTable.Row row) {
    String hostname = CsvRows.key(CsvType.ALIASES, row.cells());
    DnsAlias existing = hostname == null ? null : DnsAlias.findByHostname(hostname).orElse(null);
    Map<String, Object> before = existing == null ? null : aliases.snapshot(existing);
    Map<String, String> current = existing == null ? null : CsvRows.alias(AliasView.of(existing));
    AliasService.AliasRecord input =
        CsvRows.aliasRecord(CsvRows.overlay(CsvType.ALIASES, current, row.cells()));
    DnsAlias saved = aliases.record(input, job.actor());
    return outcome(
        row,
        saved.hostname,
        before,
        aliases.snapshot(saved),
        current,
        CsvRows.alias(AliasView.of(saved)));
  }

  /**
   * Create, update or unchanged, decided the way the audit trail decides it: by comparing the
   * object's snapshots, so a line is "unchanged" exactly when saving it records nothing.
   */
  private static ImportReport.Line outcome(
      CsvTable.Row row,
      String name,
      Map<String, Object> before,
      Map<String, Object> after,
      Map<String, String> currentRow,
      Map<String, String> savedRow) {
    List<ImportReport.Change> changes = new ArrayList<>();
    if (before == null) {
      savedRow.forEach(
          (field, value) -> {
            if (!value.isEmpty()) {
              changes.add(new ImportReport.Change(field, null, value));
            }
          });
      return new ImportReport.Line(row.line(), ImportReport.CREATE, name, changes, Map.of());
    }
    for (String field : ChangeRecorder.changedKeys(before, after)) {
      changes.add(
          new ImportReport.Change(
              field,
              currentRow.containsKey(field)
                  ? currentRow.get(field)
                  : String.valueOf(before.get(field)),
              savedRow.containsKey(field)
                  ? savedRow.get(field)
                  : String.valueOf(after.get(field))));
    }
    return new ImportReport.Line(
        row.line(),
        changes.isEmpty() ? ImportReport.UNCHANGED : ImportReport.UPDATE,
        name,
        changes,
        Map.of());
  }

  private static ImportReport.Line refusedByDatabase(
      CsvType type, CsvTable.Row row, PersistenceException e) {
    String constraint =
        e instanceof ConstraintViolationException c && c.getConstraintName() != null
            ? " (" + c.getConstraintName() + ")"
            : "";
    return ImportReport.Line.error(
        row.line(),
        displayName(type, row),
        Map.of(
            "line",
            "The database refused this line"
                + constraint
                + ": it conflicts with data stored meanwhile. Preview the file again."));
  }

  private static String displayName(CsvType type, CsvTable.Row row) {
    String key = CsvRows.key(type, row.cells());
    return key == null ? "" : key;
  }

  /**
   * Runs {@code work} in a transaction of its own, holding the inventory lock, and commits only if
   * it returns true; otherwise, and on any exception, rolls back.
   */
  private boolean inTransaction(BooleanSupplier work) {
    QuarkusTransaction.begin(
        QuarkusTransaction.beginOptions().timeout(TRANSACTION_TIMEOUT_SECONDS));
    boolean commit = false;
    try {
      lock.acquire();
      commit = work.getAsBoolean();
    } finally {
      if (commit) {
        QuarkusTransaction.commit();
      } else {
        QuarkusTransaction.rollback();
      }
    }
    return commit;
  }
}

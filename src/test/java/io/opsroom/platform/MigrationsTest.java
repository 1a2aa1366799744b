package io.opsroom.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every migration in db-migrations/ applies, from the jar's copy, to an empty PostgreSQL. */
class MigrationsTest {

  private static EmbeddedDatabase database;

  @BeforeAll
  static void start() {
    database = EmbeddedDatabase.startThrowaway();
  }

  @AfterAll
  static void stop() {
    database.stop();
  }

  @Test
  void allMigrationsApplyToAnEmptyDatabaseAndNamedConstraintsExist()
      throws IOException, SQLException {
    Flyway flyway =
        Flyway.configure()
            .dataSource(database.jdbcUrl(), database.username(), "")
            .locations("classpath:db/migration")
            .load();
    MigrateResult result = flyway.migrate();

    assertTrue(result.success);
    assertEquals(migrationFiles().size(), result.migrationsExecuted);
    assertEquals(0, flyway.migrate().migrationsExecuted, "a second run has nothing to do");
    assertTrue(flyway.validateWithResult().validationSuccessful);

    try (Connection connection =
            DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
        ResultSet unnamed =
            connection
                .createStatement()
                .executeQuery(
                    "select conname from pg_constraint c join pg_namespace n on n.oid ="
                        + " c.connamespace where n.nspname = 'public' and conname ~"
                        + " '_(pkey|fkey|check|key)$'")) {
      List<String> defaults = new ArrayList<>();
      while (unnamed.next()) {
        defaults.add(unnamed.getString(1));
      }
      assertEquals(List.of(), defaults, "constraints are named in the migrations");
    }
  }

  private static List<Path> migrationFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("db-migrations"))) {
      List<Path> sql = files.filter(f -> f.toString().endsWith(".sql")).toList();
      sql.forEach(
          f ->
              assertTrue(
                  f.getFileName().toString().matches("V\\d+__[a-z0-9_]+\\.sql"),
                  f + " is named V<n>__<imperative_name>.sql"));
      return sql;
    }
  }
}

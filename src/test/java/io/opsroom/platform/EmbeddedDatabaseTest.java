package io.opsroom.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default database: real PostgreSQL whose data outlives a restart. */
class EmbeddedDatabaseTest {

  @TempDir Path dataDir;

  @Test
  void dataSurvivesARestart() throws SQLException {
    EmbeddedDatabase first = EmbeddedDatabase.start(dataDir.resolve("postgres"));
    try {
      execute(first, "create table kept (name text)", "insert into kept values ('before restart')");
    } finally {
      first.stop();
    }
    assertEquals(Optional.empty(), EmbeddedDatabase.runningPort(dataDir.resolve("postgres")));

    EmbeddedDatabase second = EmbeddedDatabase.start(dataDir.resolve("postgres"));
    try (Connection connection = connect(second);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select name from kept")) {
      assertTrue(rows.next());
      assertEquals("before restart", rows.getString(1));
    } finally {
      second.stop();
    }
  }

  @Test
  void aSecondStartOnTheSameDirectoryAttachesToTheRunningServer() throws SQLException {
    EmbeddedDatabase first = EmbeddedDatabase.start(dataDir.resolve("postgres"));
    try {
      EmbeddedDatabase second = EmbeddedDatabase.start(dataDir.resolve("postgres"));
      assertEquals(first.port(), second.port());
      assertTrue(first.owner());
      assertFalse(second.owner());
      execute(second, "select 1");
      second.stop(); // not the owner: the server keeps running
      execute(first, "select 1");
    } finally {
      first.stop();
    }
  }

  private static void execute(EmbeddedDatabase database, String... sql) throws SQLException {
    try (Connection connection = connect(database);
        Statement statement = connection.createStatement()) {
      for (String each : sql) {
        statement.execute(each);
      }
    }
  }

  private static Connection connect(EmbeddedDatabase database) throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
  }
}

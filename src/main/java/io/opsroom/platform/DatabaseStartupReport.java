package io.opsroom.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Logs one line at start saying which PostgreSQL Opsroom uses and where its data lives. */
@ApplicationScoped
public class DatabaseStartupReport {

  private static final Logger LOG = Logger.getLogger(DatabaseStartupReport.class);

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "opsroom.database.embedded-directory")
  Optional<String> embeddedDirectory;

  void report(@Observes StartupEvent event, AgroalDataSource dataSource) {
    String version;
    try (Connection connection = dataSource.getConnection()) {
      version = connection.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      version = "unknown version";
    }
    if (embeddedDirectory.isPresent()) {
      LOG.infof(
          "Database: embedded PostgreSQL %s at %s, data in %s (set QUARKUS_DATASOURCE_JDBC_URL to"
              + " use an external server)",
          version, DatabaseReachability.redact(url), embeddedDirectory.get());
    } else {
      LOG.infof(
          "Database: external PostgreSQL %s at %s", version, DatabaseReachability.redact(url));
    }
  }
}

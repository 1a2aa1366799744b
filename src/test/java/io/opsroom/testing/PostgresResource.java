package io.opsroom.testing;

import io.opsroom.platform.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A fresh, real PostgreSQL for one test run: started before Quarkus, removed afterwards. Flyway
 * builds the schema on it exactly as in production.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private EmbeddedDatabase database;

  @Override
  public Map<String, String> start() {
    database = EmbeddedDatabase.startThrowaway();
    return Map.of(
        "quarkus.datasource.jdbc.url", database.jdbcUrl(),
        "quarkus.datasource.username", database.username());
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        database,
        new TestInjector.AnnotatedAndMatchesType(InjectDatabase.class, EmbeddedDatabase.class));
  }

  @Override
  public void stop() {
    if (database != null) {
      database.stop();
    }
  }
}

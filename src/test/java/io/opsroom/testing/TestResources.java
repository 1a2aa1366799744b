package io.opsroom.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The outside systems every {@code @QuarkusTest} gets: a fresh PostgreSQL and an SMTP server.
 * Declared once here, they apply to all test classes.
 */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = MailResource.class, restrictToAnnotatedClass = false)
public final class TestResources {
  private TestResources() {}
}

package io.opsroom.security;

import io.opsroom.platform.InvalidInputException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Gives an empty database its first admin, as NetBox's container does for its superuser: the
 * password comes from {@code OPSROOM_ADMIN_PASSWORD} or is generated and logged once, and {@code
 * OPSROOM_ADMIN_TOKEN} becomes an admin API token for provisioning scripts. A database that has any
 * user is left alone, so the variables can stay set.
 */
@ApplicationScoped
public class AdminBootstrap {

  static final String ADMIN_USERNAME = "admin";

  /** Serializes the check-then-create between instances starting at the same time. */
  private static final long ADVISORY_LOCK = 0x6f70_7372_6f6f_6d01L;

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

  @Inject SecurityConfig config;
  @Inject UserService users;
  @Inject TokenService tokens;
  @Inject EntityManager entityManager;

  @Transactional
  void onStart(@Observes StartupEvent event) {
    entityManager
        .createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, ADVISORY_LOCK)
        .getSingleResult();
    if (AppUser.count() > 0) {
      return;
    }
    String password = config.adminPassword().filter(p -> !p.isBlank()).orElse(null);
    boolean generated = password == null;
    if (generated) {
      password = Secrets.password(20);
    }
    AppUser admin;
    try {
      admin =
          users.create(
              new UserService.NewUser(ADMIN_USERNAME, password, "admin", "Administrator", null));
    } catch (InvalidInputException e) {
      throw new IllegalStateException("OPSROOM_ADMIN_PASSWORD is not usable: " + e.getMessage());
    }
    if (generated) {
      LOG.warnf(
          "Created the first admin user '%s' with the generated password %s — log in at /login"
              + " and change it (or set OPSROOM_ADMIN_PASSWORD before the first start).",
          ADMIN_USERNAME, password);
    } else {
      LOG.infof("Created the first admin user '%s' from OPSROOM_ADMIN_PASSWORD.", ADMIN_USERNAME);
    }
    config
        .adminToken()
        .filter(t -> !t.isBlank())
        .ifPresent(value -> createProvisioningToken(value, admin));
  }

  private void createProvisioningToken(String value, AppUser admin) {
    // Checked here rather than caught: a refused create would roll back the admin user too.
    if (value.length() < TokenService.MIN_LENGTH || !value.strip().equals(value)) {
      LOG.errorf(
          "OPSROOM_ADMIN_TOKEN was not used: it needs at least %d characters and no surrounding"
              + " spaces.",
          TokenService.MIN_LENGTH);
      return;
    }
    tokens.create("provisioning", "admin", null, admin.id, value);
    LOG.info("Created the admin API token 'provisioning' from OPSROOM_ADMIN_TOKEN.");
  }
}

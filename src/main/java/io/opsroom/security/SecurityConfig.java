package io.opsroom.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Who may read and write, how long sessions last, and how the first admin is provisioned. */
@ConfigMapping(prefix = "opsroom")
public interface SecurityConfig {

  /** Whether visitors who have not logged in may read pages and the read API (default true). */
  @WithDefault("true")
  boolean anonymousRead();

  /** How long a browser session lasts after login (default 14 days). */
  @WithDefault("14D")
  Duration sessionTimeout();

  /** Whether the session cookie is marked Secure: set true when served over HTTPS. */
  @WithDefault("false")
  boolean secureCookies();

  /** Password of the first admin user, used only on an empty database; else one is generated. */
  Optional<String> adminPassword();

  /** Value of an admin API token created on an empty database, for provisioning scripts. */
  Optional<String> adminToken();
}

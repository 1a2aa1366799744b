package io.opsroom.graphite;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** Where Graphite is and how Opsroom asks it for data: timeout, batch size, concurrency, login. */
@ConfigMapping(prefix = "opsroom.graphite")
public interface GraphiteConfig {

  /**
   * Base URL of graphite-web, the part before {@code /render} (no default). Unset: every target
   * fails as not configured and no request is made.
   */
  Optional<String> url();

  /** How long one request to Graphite may take, connecting and reading included (default 10s). */
  @WithDefault("10s")
  Duration timeout();

  /** Targets sent together in one render request (default 50). */
  @WithDefault("50")
  @Min(1)
  int maxTargetsPerRequest();

  /** Longest render URL sent as a GET; a longer request goes as a POST form (default 2000). */
  @WithDefault("2000")
  @Min(100)
  int maxUrlLength();

  /** Render requests in flight at once, over all callers (default 4). */
  @WithDefault("4")
  @Min(1)
  int concurrency();

  /** User name for HTTP basic authentication (default none: no authentication). */
  Optional<String> username();

  /** Password for HTTP basic authentication, only from the environment (default none). */
  Optional<String> password();
}

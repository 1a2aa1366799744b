package io.opsroom.stats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Graph panels, their cache, the embeds' framing and CORS rules, and Opsroom's own metrics. */
@ConfigMapping(prefix = "opsroom.stats")
public interface StatsConfig {

  /**
   * A YAML file of panel sets replacing the built-in one, {@code OPSROOM_STATS_PANELS_FILE}
   * (default none: the panels shipped in the jar, {@code stats/panels.yaml}).
   */
  Optional<String> panelsFile();

  /**
   * How long fetched panel data and drawn panels are reused before Graphite is asked again, {@code
   * OPSROOM_STATS_CACHE_TTL} (default 60s). However many people look, Graphite is asked at most
   * once per panel and range in this time.
   */
  @WithDefault("60s")
  Duration cacheTtl();

  /**
   * The sites that may show the embeds in a frame, as CSP {@code frame-ancestors} sources, {@code
   * OPSROOM_STATS_FRAME_ANCESTORS} (comma-separated; default {@code 'self'}, Opsroom's own pages
   * only). Example: {@code https://*.example.org}.
   */
  @WithDefault("'self'")
  List<String> frameAncestors();

  /**
   * The origins whose pages may read the stats JSON and panel images from a script (CORS), {@code
   * OPSROOM_STATS_CORS_ORIGINS} (comma-separated, or {@code *}; default none).
   */
  Optional<List<String>> corsOrigins();

  /**
   * The key embed tokens are derived from, {@code OPSROOM_STATS_EMBED_KEY} (default none: a random
   * key generated once and kept in the database, shared by all instances). Changing it revokes
   * every embed token handed out.
   */
  Optional<String> embedKey();

  /**
   * Where to send Opsroom's own metrics as {@code opsroom.*} in carbon's plaintext protocol, {@code
   * OPSROOM_STATS_CARBON} as {@code host:port} (default none: not sent).
   */
  Optional<String> carbon();

  /** The first part of the metric names sent to carbon, {@code OPSROOM_STATS_CARBON_PREFIX}. */
  @WithDefault("opsroom")
  String carbonPrefix();

  /** How often Opsroom's own metrics are sampled and sent, {@code OPSROOM_STATS_INTERVAL}. */
  @WithDefault("60s")
  Duration interval();
}

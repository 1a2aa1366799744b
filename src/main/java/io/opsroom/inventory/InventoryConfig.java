package io.opsroom.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Who confirms DNS aliases, which domains are ours, where links in emails point, and whether an
 * empty inventory starts with sample data.
 */
@ConfigMapping(prefix = "opsroom")
public interface InventoryConfig {

  /**
   * Address of the hostmaster who receives alias requests (no default: requests wait for an admin).
   */
  Optional<String> hostmasterEmail();

  /**
   * The DNS domains our hostmaster manages, comma-separated (e.g. {@code example.org,example.net}).
   * Aliases elsewhere are recorded with administrative info instead. Unset: every domain is ours.
   */
  Optional<List<String>> aliasDomains();

  /** The address of this Opsroom as users reach it; links in emails start with it. */
  @WithDefault("http://localhost:8080")
  String baseUrl();

  /** Whether an empty inventory is filled with sample data at start (default false; dev: true). */
  @WithDefault("false")
  boolean sampleData();
}

package io.opsroom.notify;

import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the secrets that routes.yaml names (Slack webhook URLs, PagerDuty routing keys, webhook
 * tokens). They come from the environment; reading through the configuration also finds them in
 * system properties and test settings of the same name.
 */
public final class Secrets {

  private Secrets() {}

  /** The value of the environment variable {@code name}, or empty when unset or blank. */
  public static Optional<String> get(String name) {
    return ConfigProvider.getConfig()
        .getOptionalValue(name, String.class)
        .map(String::strip)
        .filter(value -> !value.isEmpty());
  }
}

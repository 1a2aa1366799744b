package io.opsroom.platform;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few settings {@link OpsroomMain} needs before Quarkus starts, read from the same places and
 * in the same order as Quarkus reads them: system properties, environment variables, {@code .env},
 * {@code config/application.properties} in the working directory, then the application's own {@code
 * application.properties}, with {@code %profile.} keys for the active profile.
 */
final class StartupSettings {

  private final SmallRyeConfig config;

  private StartupSettings(SmallRyeConfig config) {
    this.config = config;
  }

  static StartupSettings load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    String workingDirConfig =
        Path.of(System.getProperty("user.dir"), "config", "application.properties")
            .toUri()
            .toString();
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withProfile(profile())
            .addDefaultInterceptors()
            .addDefaultSources()
            .withSources(DotEnvConfigSourceProvider.dotEnvSources(loader))
            .withSources(PropertiesConfigSourceLoader.inFileSystem(workingDirConfig, 260, loader))
            .withSources(
                PropertiesConfigSourceLoader.inClassPath("application.properties", 250, loader))
            .build();
    return new StartupSettings(config);
  }

  Optional<String> get(String name) {
    return config.getOptionalValue(name, String.class).filter(value -> !value.isBlank());
  }

  private static String profile() {
    String explicit = System.getProperty("quarkus.profile", System.getenv("QUARKUS_PROFILE"));
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    return LaunchMode.current().getDefaultProfile();
  }
}

package io.opsroom.alerting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the alert files are, how often alerts are checked, and how often the files are re-read. */
@ConfigMapping(prefix = "opsroom.alerts")
public interface AlertingConfig {

  /**
   * The folder of alert files, {@code OPSROOM_ALERTS_DIR} (default {@code alerts}, relative to the
   * working directory).
   */
  @WithDefault("alerts")
  String dir();

  /**
   * How often each alert is checked unless it sets its own {@code interval}, {@code
   * OPSROOM_ALERTS_INTERVAL} (default 60s).
   */
  @WithDefault("60s")
  Duration interval();

  /**
   * How often the alert files are checked for changes, {@code OPSROOM_ALERTS_RELOAD_CHECK}: a
   * duration such as {@code 10s}, or {@code off} (default 10s). A string because the scheduler
   * reads it and accepts {@code off}.
   */
  @WithDefault("10s")
  String reloadCheck();
}

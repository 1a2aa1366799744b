package io.opsroom.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a metric from an instance's Prometheus text, as the process tests do. */
class AppProcessTest {

  private static final String EXPOSITION =
      """
      # HELP opsroom_notifications_unsent
      # TYPE opsroom_notifications_unsent gauge
      opsroom_notifications_unsent{status="dead"} 2.0
      opsroom_notifications_unsent{status="pending"} 7.0
      # TYPE opsroom_notifications_attempts_total counter
      opsroom_notifications_attempts_total{channel="email",outcome="retry"} 3.0
      opsroom_notifications_attempts_total{channel="email",outcome="sent"} 39.0
      opsroom_notifications_attempts_total{channel="slack",outcome="sent"} 1.0
      opsroom_notifications_attempts_total_created{channel="email",outcome="sent"} 1.7E9
      process_uptime_seconds 12.5
      """;

  @Test
  void samplesWhoseLabelsIncludeTheGivenOnesAreAddedUp() {
    assertEquals(
        39.0,
        AppProcess.sum(
            EXPOSITION,
            "opsroom_notifications_attempts_total",
            Map.of("channel", "email", "outcome", "sent")));
    assertEquals(
        40.0,
        AppProcess.sum(
            EXPOSITION, "opsroom_notifications_attempts_total", Map.of("outcome", "sent")));
    assertEquals(
        2.0, AppProcess.sum(EXPOSITION, "opsroom_notifications_unsent", Map.of("status", "dead")));
    assertEquals(12.5, AppProcess.sum(EXPOSITION, "process_uptime_seconds", Map.of()));
  }

  @Test
  void aMetricThatHasCountedNothingYetIsZero() {
    assertEquals(
        0.0,
        AppProcess.sum(
            EXPOSITION,
            "opsroom_notifications_attempts_total",
            Map.of("channel", "email", "outcome", "dead")));
    assertEquals(0.0, AppProcess.sum(EXPOSITION, "no_such_metric", Map.of()));
  }
}

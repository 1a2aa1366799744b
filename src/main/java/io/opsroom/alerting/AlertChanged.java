package io.opsroom.alerting;

import java.time.Instant;
import java.util.Map;

/**
 * An alert changed level, or started or stopped flapping: published in-process after the cycle's
 * transaction committed, for the notification side and (later) the changelog to consume.
 */
public record AlertChanged(
    String alertId,
    String name,
    Level from,
    Level to,
    Instant at,
    Double value,
    String message,
    boolean flapping,
    boolean flappingChanged,
    Map<String, String> labels,
    String runbook) {}

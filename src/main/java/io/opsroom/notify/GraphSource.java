package io.opsroom.notify;

import java.util.List;
import java.util.Map;

/**
 * Draws the graphs that go inside alert messages. The alert engine implements it (it knows the
 * targets and has the Graphite client and chart code); the notify side only asks.
 */
public interface GraphSource {

  /**
   * The last 24 hours of each alert with its thresholds, as PNG, by alert id. Alerts that cannot be
   * drawn (composites, Graphite down) are left out; this never throws for them.
   */
  Map<String, byte[]> lastDay(List<AlertNotice> alerts);
}

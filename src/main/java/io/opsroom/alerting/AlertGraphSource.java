package io.opsroom.alerting;

import io.opsroom.notify.AlertNotice;
import io.opsroom.notify.GraphSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Gives the notify side the graphs for its emails, drawn by the alert page's chart code. */
@ApplicationScoped
public class AlertGraphSource implements GraphSource {

  @Inject AlertRegistry registry;
  @Inject AlertGraphs graphs;

  @Override
  public Map<String, byte[]> lastDay(List<AlertNotice> alerts) {
    List<AlertDefinition> definitions =
        alerts.stream()
            .map(a -> registry.definition(a.alertId()))
            .flatMap(Optional::stream)
            .toList();
    return graphs.lastDayPng(definitions);
  }
}

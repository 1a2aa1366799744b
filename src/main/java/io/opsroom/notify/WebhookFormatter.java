package io.opsroom.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Puts a dispatch in the shape of Alertmanager's webhook (version 4), so any receiver written for
 * Alertmanager (chat bridges, ticket systems, SMS gateways) takes Opsroom's alerts unchanged.
 */
@ApplicationScoped
public class WebhookFormatter implements ChannelFormatter {

  /** What Alertmanager sends as the end of an alert that has not ended. */
  static final String NOT_ENDED = "0001-01-01T00:00:00Z";

  @Override
  public Notification.Channel type() {
    return Notification.Channel.WEBHOOK;
  }

  @Override
  public List<Outbound> format(Dispatch dispatch, ChannelSpec channel) {
    ChannelSpec.Webhook webhook = (ChannelSpec.Webhook) channel;
    ObjectNode payload = HttpDelivery.PAYLOAD.createObjectNode();
    if (webhook.url() != null) {
      payload.put("url", webhook.url());
    } else {
      payload.put("urlEnv", webhook.urlEnv());
    }
    if (webhook.bearerTokenEnv() != null) {
      payload.put("bearerTokenEnv", webhook.bearerTokenEnv());
    }
    payload.set("body", body(dispatch, webhook.name()));
    return List.of(
        new Outbound(
            Notification.Channel.WEBHOOK,
            webhook.name(),
            NotificationOutbox.dedupeKey(dispatch.key(), webhook.name()),
            HttpDelivery.write(payload),
            NoticeText.title(dispatch)));
  }

  /** The JSON the receiver gets. */
  ObjectNode body(Dispatch dispatch, String receiver) {
    List<Alert> alerts = new ArrayList<>();
    if (dispatch.kind() == Dispatch.Kind.ALERTS || dispatch.kind() == Dispatch.Kind.STORM) {
      for (Dispatch.Item item : dispatch.items()) {
        alerts.add(alert(item, dispatch));
      }
    } else {
      alerts.add(aboutOpsroom(dispatch));
    }
    boolean firing = alerts.stream().anyMatch(alert -> !alert.resolved());

    ObjectNode body = HttpDelivery.PAYLOAD.createObjectNode();
    body.put("receiver", receiver);
    body.put("status", firing ? "firing" : "resolved");
    ArrayNode list = body.putArray("alerts");
    for (Alert alert : alerts) {
      ObjectNode node = list.addObject();
      node.put("status", alert.resolved() ? "resolved" : "firing");
      putAll(node.putObject("labels"), alert.labels());
      putAll(node.putObject("annotations"), alert.annotations());
      node.put("startsAt", alert.startsAt().toString());
      node.put("endsAt", alert.resolved() ? dispatch.at().toString() : NOT_ENDED);
      node.put("generatorURL", alert.generatorUrl());
      node.put("fingerprint", fingerprint(alert.id()));
    }
    ObjectNode groupLabels = body.putObject("groupLabels");
    if (dispatch.route() != null) {
      groupLabels.put("route", dispatch.route());
    }
    putAll(body.putObject("commonLabels"), common(alerts.stream().map(Alert::labels).toList()));
    putAll(
        body.putObject("commonAnnotations"),
        common(alerts.stream().map(Alert::annotations).toList()));
    body.put("externalURL", dispatch.baseUrl());
    body.put("version", "4");
    String group =
        dispatch.route() != null
            ? dispatch.route()
            : dispatch.kind().name().toLowerCase(Locale.ROOT);
    body.put("groupKey", group + ":" + dispatch.key());
    body.put("truncatedAlerts", 0);
    return body;
  }

  /** One alert of the body, before it is written. */
  private record Alert(
      String id,
      boolean resolved,
      SortedMap<String, String> labels,
      SortedMap<String, String> annotations,
      Instant startsAt,
      String generatorUrl) {}

  private static Alert alert(Dispatch.Item item, Dispatch dispatch) {
    AlertNotice notice = item.notice();
    SortedMap<String, String> labels = new TreeMap<>(notice.matchLabels());
    // Receivers written for Alertmanager look for these two; they name the alert and its level.
    labels.put("alertname", notice.name());
    labels.put("severity", notice.level().name().toLowerCase(Locale.ROOT));
    SortedMap<String, String> annotations = new TreeMap<>();
    annotations.put("summary", NoticeText.tag(item) + " " + notice.name());
    String description = description(notice);
    if (description != null) {
      annotations.put("description", description);
    }
    if (notice.runbook() != null && !notice.runbook().isBlank()) {
      annotations.put("runbook_url", notice.runbook().strip());
    }
    annotations.put("value", NoticeText.valueAgainstThresholds(notice));
    return new Alert(
        notice.alertId(),
        item.kind() == Dispatch.ItemKind.RECOVERED,
        labels,
        annotations,
        notice.since() != null ? notice.since() : dispatch.at(),
        item.alertUrl(dispatch.baseUrl()));
  }

  /**
   * System and test messages are about no alert; they become one alert named for Opsroom, keyed
   * like PagerDuty's incident, so a receiver pairs "Graphite unreachable" with "Graphite back".
   */
  private static Alert aboutOpsroom(Dispatch dispatch) {
    boolean system = dispatch.kind() == Dispatch.Kind.SYSTEM;
    String id =
        system
            ? "opsroom-" + (dispatch.route() != null ? dispatch.route() : "system")
            : "opsroom-test-" + dispatch.key();
    SortedMap<String, String> labels = new TreeMap<>();
    labels.put("alertname", system ? id : "opsroom-test");
    labels.put("severity", system ? "error" : "info");
    SortedMap<String, String> annotations = new TreeMap<>();
    if (dispatch.title() != null) {
      annotations.put("summary", dispatch.title());
    }
    if (dispatch.text() != null) {
      annotations.put("description", dispatch.text());
    }
    boolean cleared =
        system
            && dispatch.title() != null
            && PagerDutyFormatter.CLEARED.matcher(dispatch.title()).matches();
    return new Alert(id, cleared, labels, annotations, dispatch.at(), dispatch.baseUrl() + "/");
  }

  /** Why it fired (Graphite's error, a composite's condition), then the alert's description. */
  private static String description(AlertNotice notice) {
    if (notice.message() == null) {
      return notice.description();
    }
    return notice.description() == null
        ? notice.message()
        : notice.message() + "\n\n" + notice.description();
  }

  /** The pairs every map has, as Alertmanager computes its common labels and annotations. */
  static SortedMap<String, String> common(List<SortedMap<String, String>> maps) {
    SortedMap<String, String> common = new TreeMap<>();
    if (maps.isEmpty()) {
      return common;
    }
    common.putAll(maps.get(0));
    for (Map<String, String> map : maps.subList(1, maps.size())) {
      common.entrySet().removeIf(entry -> !entry.getValue().equals(map.get(entry.getKey())));
    }
    return common;
  }

  /**
   * Sixteen hex characters that stay the same for an alert across messages, as Alertmanager's
   * fingerprint does (it hashes the labels; the alert's id is what identifies ours).
   */
  static String fingerprint(String id) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  private static void putAll(ObjectNode node, Map<String, String> values) {
    values.forEach(node::put);
  }
}

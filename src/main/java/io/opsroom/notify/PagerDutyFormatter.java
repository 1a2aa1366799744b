package io.opsroom.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Puts a dispatch in the shape of PagerDuty Events API v2 events: one per alert, keyed by the
 * alert's id, so the alert's incident is triggered once, updated by repeats and resolved by its
 * recovery. Only CRITICAL pages (and WARNING on channels that ask for it); UNKNOWN and flapping
 * alerts do not page.
 */
@ApplicationScoped
public class PagerDutyFormatter implements ChannelFormatter {

  /** The incident a storm summary opens; every storm updates the same one. */
  static final String STORM_KEY = "opsroom-storm";

  /** PagerDuty cuts a summary at 1024 characters; we cut it ourselves, with an ellipsis. */
  static final int MAX_SUMMARY = 1024;

  /** Alert names a storm's details list. */
  static final int MAX_STORM_NAMES = 200;

  /**
   * Opsroom's own conditions are raised as "Graphite unreachable" and cleared as "Graphite back": a
   * system message whose title says something is back resolves the incident its raising opened.
   */
  static final Pattern CLEARED = Pattern.compile("(?i)^(\\[RECOVERED\\].*|\\S+ (is )?back\\b.*)");

  @Override
  public Notification.Channel type() {
    return Notification.Channel.PAGERDUTY;
  }

  @Override
  public List<Outbound> format(Dispatch dispatch, ChannelSpec channel) {
    ChannelSpec.PagerDuty pagerDuty = (ChannelSpec.PagerDuty) channel;
    List<Outbound> events = new ArrayList<>();
    switch (dispatch.kind()) {
      case ALERTS:
        for (Dispatch.Item item : dispatch.items()) {
          ObjectNode event = alertEvent(item, dispatch, pagerDuty.warnings());
          if (event != null) {
            events.add(
                outbound(
                    pagerDuty,
                    NotificationOutbox.dedupeKey(
                        dispatch.key(), pagerDuty.name(), item.notice().alertId()),
                    event,
                    NoticeText.tag(item) + " " + item.notice().name()));
          }
        }
        break;
      case STORM:
        ObjectNode storm = stormEvent(dispatch, pagerDuty.warnings());
        if (storm != null) {
          events.add(
              outbound(
                  pagerDuty,
                  NotificationOutbox.dedupeKey(dispatch.key(), pagerDuty.name()),
                  storm,
                  NoticeText.title(dispatch)));
        }
        break;
      default:
        events.add(
            outbound(
                pagerDuty,
                NotificationOutbox.dedupeKey(dispatch.key(), pagerDuty.name()),
                dispatch.kind() == Dispatch.Kind.SYSTEM
                    ? systemEvent(dispatch)
                    : testEvent(dispatch),
                NoticeText.title(dispatch)));
        break;
    }
    return events;
  }

  private static Outbound outbound(
      ChannelSpec.PagerDuty channel, String key, ObjectNode event, String summary) {
    ObjectNode payload = HttpDelivery.PAYLOAD.createObjectNode();
    payload.put("routingKeyEnv", channel.routingKeyEnv());
    payload.set("body", event);
    return new Outbound(
        Notification.Channel.PAGERDUTY, channel.name(), key, HttpDelivery.write(payload), summary);
  }

  /** The event for one alert, or null when this alert does not page on this channel. */
  ObjectNode alertEvent(Dispatch.Item item, Dispatch dispatch, boolean warnings) {
    AlertNotice notice = item.notice();
    if (item.kind() == Dispatch.ItemKind.RECOVERED) {
      return resolve(notice.alertId());
    }
    if (item.kind() == Dispatch.ItemKind.FLAPPING) {
      return null;
    }
    String severity = severity(notice.level(), warnings);
    if (severity == null) {
      return null;
    }
    String alertUrl = item.alertUrl(dispatch.baseUrl());
    ObjectNode event = HttpDelivery.PAYLOAD.createObjectNode();
    event.put("event_action", "trigger");
    event.put("dedup_key", notice.alertId());
    ObjectNode payload = event.putObject("payload");
    payload.put(
        "summary",
        cut(
            NoticeText.tag(item)
                + " "
                + notice.name()
                + " — "
                + NoticeText.valueAgainstThresholds(notice)));
    payload.put("source", "opsroom");
    payload.put("severity", severity);
    payload.put("timestamp", (notice.since() != null ? notice.since() : dispatch.at()).toString());
    String component = notice.labels().getOrDefault("server", notice.labels().get("app"));
    if (component != null) {
      payload.put("component", component);
    }
    if (notice.labels().containsKey("team")) {
      payload.put("group", notice.labels().get("team"));
    }
    ObjectNode details = payload.putObject("custom_details");
    ObjectNode labels = details.putObject("labels");
    notice.matchLabels().forEach(labels::put);
    details.put("value", NoticeText.value(notice.value()));
    String thresholds = NoticeText.thresholds(notice);
    if (!thresholds.isEmpty()) {
      details.put("thresholds", thresholds);
    }
    if (notice.message() != null) {
      details.put("message", notice.message());
    }
    ArrayNode links = event.putArray("links");
    link(links, alertUrl, "Alert in Opsroom");
    if (notice.runbook() != null && !notice.runbook().isBlank()) {
      link(links, notice.runbook().strip(), "Runbook");
    }
    // A composite has no series and so no graph to show.
    if (notice.direction() != null) {
      ObjectNode image = event.putArray("images").addObject();
      image.put("src", dispatch.baseUrl() + "/alerts/" + notice.alertId() + "/graph.png");
      image.put("href", alertUrl);
      image.put("alt", "Last 24 hours");
    }
    event.put("client", "Opsroom");
    event.put("client_url", alertUrl);
    return event;
  }

  /** One incident for a whole storm, or null when the storm's worst does not page here. */
  ObjectNode stormEvent(Dispatch dispatch, boolean warnings) {
    AlertNotice.Level worst = dispatch.worstLevel();
    if (worst == AlertNotice.Level.OK) {
      return resolve(STORM_KEY);
    }
    String severity = severity(worst == AlertNotice.Level.UNKNOWN ? null : worst, warnings);
    if (severity == null) {
      return null;
    }
    ObjectNode event = summaryEvent(dispatch, STORM_KEY, severity);
    ArrayNode names = ((ObjectNode) event.get("payload").get("custom_details")).putArray("alerts");
    List<Dispatch.Item> items = dispatch.items();
    for (int i = 0; i < Math.min(MAX_STORM_NAMES, items.size()); i++) {
      names.add(items.get(i).notice().name());
    }
    if (items.size() > MAX_STORM_NAMES) {
      names.add("…and " + (items.size() - MAX_STORM_NAMES) + " more");
    }
    return event;
  }

  /** Opsroom's own condition: raised as an error, resolved when the title says it is back. */
  ObjectNode systemEvent(Dispatch dispatch) {
    String key = "opsroom-" + (dispatch.route() != null ? dispatch.route() : "system");
    if (dispatch.title() != null && CLEARED.matcher(dispatch.title()).matches()) {
      return resolve(key);
    }
    return summaryEvent(dispatch, key, "error");
  }

  /** A test from the channels page opens an info incident of its own, to be resolved by hand. */
  ObjectNode testEvent(Dispatch dispatch) {
    return summaryEvent(dispatch, "opsroom-test-" + dispatch.key(), "info");
  }

  private static ObjectNode summaryEvent(Dispatch dispatch, String key, String severity) {
    String statusUrl = dispatch.baseUrl() + "/";
    ObjectNode event = HttpDelivery.PAYLOAD.createObjectNode();
    event.put("event_action", "trigger");
    event.put("dedup_key", key);
    ObjectNode payload = event.putObject("payload");
    payload.put("summary", cut(NoticeText.title(dispatch)));
    payload.put("source", "opsroom");
    payload.put("severity", severity);
    payload.put("timestamp", dispatch.at().toString());
    ObjectNode details = payload.putObject("custom_details");
    if (dispatch.text() != null) {
      details.put("text", dispatch.text());
    }
    link(event.putArray("links"), statusUrl, "Status in Opsroom");
    event.put("client", "Opsroom");
    event.put("client_url", statusUrl);
    return event;
  }

  private static ObjectNode resolve(String dedupKey) {
    ObjectNode event = HttpDelivery.PAYLOAD.createObjectNode();
    event.put("event_action", "resolve");
    event.put("dedup_key", dedupKey);
    return event;
  }

  /** PagerDuty's severity for a level, or null when the level does not page on this channel. */
  private static String severity(AlertNotice.Level level, boolean warnings) {
    if (level == AlertNotice.Level.CRITICAL) {
      return "critical";
    }
    if (level == AlertNotice.Level.WARNING && warnings) {
      return "warning";
    }
    return null;
  }

  private static void link(ArrayNode links, String href, String text) {
    ObjectNode link = links.addObject();
    link.put("href", href);
    link.put("text", text);
  }

  private static String cut(String summary) {
    return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
  }
}

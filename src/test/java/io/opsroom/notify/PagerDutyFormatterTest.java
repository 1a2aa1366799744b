package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagerDutyFormatterTest {

  private final PagerDutyFormatter formatter = new PagerDutyFormatter();
  private final ChannelSpec.PagerDuty pager = new ChannelSpec.PagerDuty("pd-web", "PD_KEY", false);

  @Test
  void eachAlertIsAnEventKeyedByTheAlertAndARecoveryResolvesIt() {
    List<Outbound> rows = formatter.format(Notices.group("g-42"), pager);

    assertEquals(2, rows.size());
    Outbound trigger = rows.get(0);
    assertEquals(Notification.Channel.PAGERDUTY, trigger.channel());
    assertEquals("pd-web", trigger.channelName());
    assertEquals("g-42:pd-web:disk-web1", trigger.dedupeKey());
    assertEquals("[CRITICAL] Disk full on web1", trigger.summary());
    JsonNode payload = Notices.json(trigger.payload());
    assertEquals("PD_KEY", payload.get("routingKeyEnv").asText());
    assertEquals(2, payload.size(), "the variable's name and the event, never the key");
    assertEquals(Notices.json(Notices.fixture("pagerduty-trigger-disk.json")), payload.get("body"));

    Outbound resolve = rows.get(1);
    assertEquals("g-42:pd-web:load-web2", resolve.dedupeKey());
    assertEquals(
        Notices.json("{\"event_action\": \"resolve\", \"dedup_key\": \"load-web2\"}"),
        Notices.json(resolve.payload()).get("body"));
  }

  @Test
  void warningsPageOnlyOnChannelsThatAskAndUnknownAndFlappingNever() {
    Dispatch dispatch =
        Notices.alerts(
            "g-7",
            item("w", AlertNotice.Level.WARNING, Dispatch.ItemKind.FIRING),
            item("u", AlertNotice.Level.UNKNOWN, Dispatch.ItemKind.FIRING),
            item("f", AlertNotice.Level.CRITICAL, Dispatch.ItemKind.FLAPPING),
            item("c", AlertNotice.Level.CRITICAL, Dispatch.ItemKind.REPEAT),
            item("e", AlertNotice.Level.CRITICAL, Dispatch.ItemKind.ESCALATED));

    assertEquals(
        List.of("g-7:pd-web:c", "g-7:pd-web:e"),
        formatter.format(dispatch, pager).stream().map(Outbound::dedupeKey).toList());

    List<Outbound> withWarnings =
        formatter.format(dispatch, new ChannelSpec.PagerDuty("pd-all", "PD_KEY", true));
    assertEquals(
        List.of("g-7:pd-all:w", "g-7:pd-all:c", "g-7:pd-all:e"),
        withWarnings.stream().map(Outbound::dedupeKey).toList());
    JsonNode warning = Notices.json(withWarnings.get(0).payload()).get("body");
    assertEquals("warning", warning.get("payload").get("severity").asText());
    assertEquals("shop", warning.get("payload").get("component").asText(), "the app label");
    assertFalse(warning.get("payload").has("group"), "no team label, no group");
  }

  @Test
  void aStormIsOneIncidentAndItsRecoveryResolvesIt() {
    Dispatch storm =
        new Dispatch(
            "storm-9",
            Dispatch.Kind.STORM,
            null,
            List.of(
                item("a", AlertNotice.Level.CRITICAL, Dispatch.ItemKind.FIRING),
                item("b", AlertNotice.Level.WARNING, Dispatch.ItemKind.FIRING)),
            "[CRITICAL] Alert storm: 2 alerts",
            "Too many at once.",
            Notices.AT,
            Notices.BASE_URL);

    List<Outbound> rows = formatter.format(storm, pager);

    assertEquals(1, rows.size());
    assertEquals("storm-9:pd-web", rows.get(0).dedupeKey());
    assertEquals(
        Notices.json(
            """
            {"event_action": "trigger", "dedup_key": "opsroom-storm",
             "payload": {"summary": "[CRITICAL] Alert storm: 2 alerts", "source": "opsroom",
               "severity": "critical", "timestamp": "2026-11-21T14:05:00Z",
               "custom_details": {"text": "Too many at once.", "alerts": ["Alert a", "Alert b"]}},
             "links": [{"href": "https://opsroom.example.org/", "text": "Status in Opsroom"}],
             "client": "Opsroom", "client_url": "https://opsroom.example.org/"}"""),
        Notices.json(rows.get(0).payload()).get("body"));

    Dispatch calm =
        new Dispatch(
            "storm-10",
            Dispatch.Kind.STORM,
            null,
            List.of(item("a", AlertNotice.Level.OK, Dispatch.ItemKind.RECOVERED)),
            "[RECOVERED] Alert storm over",
            null,
            Notices.AT,
            Notices.BASE_URL);
    assertEquals(
        Notices.json("{\"event_action\": \"resolve\", \"dedup_key\": \"opsroom-storm\"}"),
        Notices.json(formatter.format(calm, pager).get(0).payload()).get("body"));
  }

  @Test
  void graphiteUnreachableOpensAnErrorIncidentThatGraphiteBackResolves() {
    Dispatch down =
        Notices.about(Dispatch.Kind.SYSTEM, "sys-1", "Graphite unreachable", "Since 14:05.");
    Dispatch back = Notices.about(Dispatch.Kind.SYSTEM, "sys-2", "Graphite back", "After 10m.");

    JsonNode raised = Notices.json(formatter.format(down, pager).get(0).payload()).get("body");
    JsonNode cleared = Notices.json(formatter.format(back, pager).get(0).payload()).get("body");

    assertEquals("trigger", raised.get("event_action").asText());
    assertEquals("opsroom-system", raised.get("dedup_key").asText());
    assertEquals("error", raised.get("payload").get("severity").asText());
    assertEquals("Graphite unreachable", raised.get("payload").get("summary").asText());
    assertEquals(
        Notices.json("{\"event_action\": \"resolve\", \"dedup_key\": \"opsroom-system\"}"),
        cleared);
    // The titles the dispatcher writes carry the level's tag.
    Dispatch taggedBack =
        Notices.about(Dispatch.Kind.SYSTEM, "sys-3", "[RECOVERED] Graphite back", "After 1h.");
    Dispatch taggedDown =
        Notices.about(Dispatch.Kind.SYSTEM, "sys-4", "[CRITICAL] Graphite unreachable", "Now.");
    assertEquals(
        "resolve",
        Notices.json(formatter.format(taggedBack, pager).get(0).payload())
            .get("body")
            .get("event_action")
            .asText());
    assertEquals(
        "trigger",
        Notices.json(formatter.format(taggedDown, pager).get(0).payload())
            .get("body")
            .get("event_action")
            .asText());
  }

  @Test
  void aTestIsAnInfoIncidentOfItsOwn() {
    Dispatch test = Notices.about(Dispatch.Kind.TEST, "test-3", "Test from Opsroom", "Hello.");

    Outbound row = formatter.format(test, pager).get(0);

    assertEquals("test-3:pd-web", row.dedupeKey());
    JsonNode event = Notices.json(row.payload()).get("body");
    assertEquals("opsroom-test-test-3", event.get("dedup_key").asText());
    assertEquals("info", event.get("payload").get("severity").asText());
  }

  private static Dispatch.Item item(String id, AlertNotice.Level level, Dispatch.ItemKind kind) {
    return new Dispatch.Item(Notices.at(id, level), kind, null);
  }
}

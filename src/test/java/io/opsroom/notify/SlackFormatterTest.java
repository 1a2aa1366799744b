package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackFormatterTest {

  private final SlackFormatter formatter = new SlackFormatter();
  private final ChannelSpec.Slack ops = new ChannelSpec.Slack("ops-slack", "SLACK_OPS_URL", null);

  @Test
  void aGroupIsOneMessageWithOneColouredAttachmentPerAlert() {
    List<Outbound> rows = formatter.format(Notices.group("g-42"), ops);

    assertEquals(1, rows.size());
    Outbound row = rows.get(0);
    assertEquals(Notification.Channel.SLACK, row.channel());
    assertEquals("ops-slack", row.channelName());
    assertEquals("g-42:ops-slack", row.dedupeKey());
    assertEquals("[CRITICAL] 2 alerts: Disk full on web1, Load on web2", row.summary());
    JsonNode payload = Notices.json(row.payload());
    assertEquals("SLACK_OPS_URL", payload.get("urlEnv").asText());
    assertEquals(2, payload.size(), "the variable's name and the body, never the URL");
    assertEquals(Notices.json(Notices.fixture("slack-group.json")), payload.get("body"));
  }

  @Test
  void theChannelOverrideIsSentAndSlackMarkupInNamesIsEscaped() {
    AlertNotice odd =
        new AlertNotice(
            "odd",
            "Errors > 5 & <rising>",
            AlertNotice.Level.WARNING,
            Notices.AT,
            6.0,
            5.0,
            null,
            "above",
            "5xx <@channel>",
            null,
            null,
            null,
            null,
            false,
            false,
            false,
            null);
    Dispatch dispatch =
        Notices.alerts("g-1", new Dispatch.Item(odd, Dispatch.ItemKind.REPEAT, null));

    JsonNode body =
        Notices.json(
                formatter
                    .format(dispatch, new ChannelSpec.Slack("s", "URL", "#ops"))
                    .get(0)
                    .payload())
            .get("body");

    assertEquals("#ops", body.get("channel").asText());
    assertEquals(
        "[WARNING] Errors &gt; 5 &amp; &lt;rising&gt; (still failing)", body.get("text").asText());
    JsonNode attachment = body.get("attachments").get(0);
    assertEquals(SlackFormatter.WARNING, attachment.get("color").asText());
    assertEquals("[WARNING] Errors &gt; 5 &amp; &lt;rising&gt;", attachment.get("title").asText());
    assertEquals("5xx &lt;@channel&gt;", attachment.get("text").asText(), "the message first");
    assertEquals("6 (warning ≥ 5)", attachment.get("fields").get(0).get("value").asText());
    assertEquals(2, attachment.get("fields").size(), "no runbook, no runbook field");
  }

  @Test
  void eachLevelHasItsColour() {
    assertEquals(
        SlackFormatter.CRITICAL, color(AlertNotice.Level.CRITICAL, Dispatch.ItemKind.FIRING));
    assertEquals(
        SlackFormatter.WARNING, color(AlertNotice.Level.WARNING, Dispatch.ItemKind.FIRING));
    assertEquals(
        SlackFormatter.UNKNOWN, color(AlertNotice.Level.UNKNOWN, Dispatch.ItemKind.FIRING));
    assertEquals(
        SlackFormatter.RECOVERED, color(AlertNotice.Level.OK, Dispatch.ItemKind.RECOVERED));
    assertEquals(
        SlackFormatter.FLAPPING, color(AlertNotice.Level.WARNING, Dispatch.ItemKind.FLAPPING));
  }

  @Test
  void moreThanTwentyAlertsEndWithACount() {
    List<Dispatch.Item> items = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      items.add(
          new Dispatch.Item(
              Notices.at("a" + i, AlertNotice.Level.CRITICAL), Dispatch.ItemKind.FIRING, null));
    }
    Dispatch dispatch = Notices.alerts("big", items.toArray(Dispatch.Item[]::new));

    JsonNode attachments =
        Notices.json(formatter.format(dispatch, ops).get(0).payload())
            .get("body")
            .get("attachments");

    assertEquals(21, attachments.size());
    assertEquals("[CRITICAL] Alert a19", attachments.get(19).get("title").asText());
    assertEquals("…and 3 more", attachments.get(20).get("text").asText());
  }

  @Test
  void aStormIsItsTitleAndOneAttachmentWithItsTextAndTheNames() {
    Dispatch storm =
        new Dispatch(
            "storm-1",
            Dispatch.Kind.STORM,
            null,
            List.of(
                new Dispatch.Item(Notices.disk(), Dispatch.ItemKind.FIRING, null),
                new Dispatch.Item(
                    Notices.at("x", AlertNotice.Level.WARNING), Dispatch.ItemKind.FIRING, null)),
            "[CRITICAL] Alert storm: 2 alerts changed",
            "Too many alerts at once; the list follows.",
            Notices.AT,
            Notices.BASE_URL);

    Outbound row = formatter.format(storm, ops).get(0);

    assertEquals("storm-1:ops-slack", row.dedupeKey());
    assertEquals(
        Notices.json(
            """
            {"text": "[CRITICAL] Alert storm: 2 alerts changed",
             "attachments": [{"color": "#d73a49",
               "text": "Too many alerts at once; the list follows.\\n• Disk full on web1\\n• Alert x",
               "footer": "Opsroom", "ts": 1795269900}]}"""),
        Notices.json(row.payload()).get("body"));
  }

  @Test
  void aSystemMessageIsItsTitleAndText() {
    Dispatch system =
        Notices.about(
            Dispatch.Kind.SYSTEM,
            "graphite-down-1",
            "Graphite unreachable",
            "Every alert is ERROR until it answers.");

    JsonNode body = Notices.json(formatter.format(system, ops).get(0).payload()).get("body");

    assertEquals(
        Notices.json(
            """
            {"text": "Graphite unreachable",
             "attachments": [{"text": "Every alert is ERROR until it answers.",
               "footer": "Opsroom", "ts": 1795269900}]}"""),
        body);
    assertFalse(body.has("channel"));
  }

  private String color(AlertNotice.Level level, Dispatch.ItemKind kind) {
    return NoticeText.color(new Dispatch.Item(Notices.at("c", level), kind, null));
  }
}

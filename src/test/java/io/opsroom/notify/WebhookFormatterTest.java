package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookFormatterTest {

  private final WebhookFormatter formatter = new WebhookFormatter();

  @Test
  void aGroupIsAlertmanagersVersionFourBody() {
    ChannelSpec.Webhook tickets =
        new ChannelSpec.Webhook("tickets", null, "TICKETS_URL", "TICKETS_TOKEN");

    List<Outbound> rows = formatter.format(Notices.group("g-42"), tickets);

    assertEquals(1, rows.size());
    Outbound row = rows.get(0);
    assertEquals(Notification.Channel.WEBHOOK, row.channel());
    assertEquals("g-42:tickets", row.dedupeKey());
    JsonNode payload = Notices.json(row.payload());
    assertEquals("TICKETS_URL", payload.get("urlEnv").asText());
    assertEquals("TICKETS_TOKEN", payload.get("bearerTokenEnv").asText());
    assertFalse(payload.has("url"));
    assertEquals(Notices.json(Notices.fixture("webhook-group.json")), payload.get("body"));
  }

  @Test
  void aGroupThatAllRecoveredIsResolvedAndAPlainUrlIsStoredAsItIs() {
    Dispatch dispatch =
        Notices.alerts(
            "g-43", new Dispatch.Item(Notices.load(), Dispatch.ItemKind.RECOVERED, null));

    JsonNode payload =
        Notices.json(
            formatter
                .format(
                    dispatch, new ChannelSpec.Webhook("hook", "http://hooks.test/in", null, null))
                .get(0)
                .payload());

    assertEquals("http://hooks.test/in", payload.get("url").asText());
    assertFalse(payload.has("urlEnv"));
    assertFalse(payload.has("bearerTokenEnv"));
    JsonNode body = payload.get("body");
    assertEquals("resolved", body.get("status").asText());
    assertEquals(
        body.get("alerts").get(0).get("labels"),
        body.get("commonLabels"),
        "one alert: all its labels are common");
    assertEquals(body.get("alerts").get(0).get("annotations"), body.get("commonAnnotations"));
  }

  @Test
  void graphiteBackResolvesTheAlertGraphiteUnreachableOpened() {
    ChannelSpec.Webhook hook = new ChannelSpec.Webhook("hook", "http://hooks.test/in", null, null);
    JsonNode down =
        body(Notices.about(Dispatch.Kind.SYSTEM, "s-1", "Graphite unreachable", "Down."), hook);
    JsonNode back =
        body(Notices.about(Dispatch.Kind.SYSTEM, "s-2", "Graphite back", "Up again."), hook);

    assertEquals("firing", down.get("status").asText());
    assertEquals("resolved", back.get("status").asText());
    JsonNode raised = down.get("alerts").get(0);
    JsonNode cleared = back.get("alerts").get(0);
    assertEquals(raised.get("fingerprint"), cleared.get("fingerprint"));
    assertEquals(raised.get("labels"), cleared.get("labels"));
    assertEquals("1d9278dea883e480", raised.get("fingerprint").asText());
    assertEquals("Graphite unreachable", raised.get("annotations").get("summary").asText());
    assertEquals("system:s-1", down.get("groupKey").asText());
    assertEquals(WebhookFormatter.NOT_ENDED, raised.get("endsAt").asText());
    assertEquals("2026-11-21T14:05:00Z", cleared.get("endsAt").asText());
  }

  @Test
  void theFingerprintIsSixteenHexDigitsStablePerAlert() {
    String fingerprint = WebhookFormatter.fingerprint("disk-web1");
    assertEquals("2f76a2b99d1d3b63", fingerprint);
    assertEquals(fingerprint, WebhookFormatter.fingerprint("disk-web1"));
    assertTrue(WebhookFormatter.fingerprint("disk-web2").matches("[0-9a-f]{16}"));
  }

  private JsonNode body(Dispatch dispatch, ChannelSpec.Webhook hook) {
    return Notices.json(formatter.format(dispatch, hook).get(0).payload()).get("body");
  }
}

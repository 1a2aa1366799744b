package io.opsroom.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Puts a dispatch in the shape of a Slack incoming-webhook message: the title as its text, and one
 * coloured attachment per alert with its value, since when, and the runbook.
 */
@ApplicationScoped
public class SlackFormatter implements ChannelFormatter {

  /** Attachments with one alert each; the rest are counted in one more. */
  static final int MAX_ATTACHMENTS = 20;

  /** Alert names a storm's attachment lists before "…and N more". */
  static final int MAX_STORM_NAMES = 50;

  static final String CRITICAL = NoticeText.CRITICAL_COLOR;
  static final String WARNING = NoticeText.WARNING_COLOR;
  static final String UNKNOWN = NoticeText.UNKNOWN_COLOR;
  static final String RECOVERED = NoticeText.RECOVERED_COLOR;
  static final String FLAPPING = NoticeText.FLAPPING_COLOR;

  @Override
  public Notification.Channel type() {
    return Notification.Channel.SLACK;
  }

  @Override
  public List<Outbound> format(Dispatch dispatch, ChannelSpec channel) {
    ChannelSpec.Slack slack = (ChannelSpec.Slack) channel;
    ObjectNode payload = HttpDelivery.PAYLOAD.createObjectNode();
    payload.put("urlEnv", slack.urlEnv());
    payload.set("body", body(dispatch, slack));
    return List.of(
        new Outbound(
            Notification.Channel.SLACK,
            slack.name(),
            NotificationOutbox.dedupeKey(dispatch.key(), slack.name()),
            HttpDelivery.write(payload),
            NoticeText.title(dispatch)));
  }

  /** The message Slack receives. */
  ObjectNode body(Dispatch dispatch, ChannelSpec.Slack slack) {
    ObjectNode body = HttpDelivery.PAYLOAD.createObjectNode();
    if (slack.channel() != null && !slack.channel().isBlank()) {
      body.put("channel", slack.channel());
    }
    body.put("text", escape(NoticeText.title(dispatch)));
    ArrayNode attachments = body.putArray("attachments");
    if (dispatch.kind() == Dispatch.Kind.ALERTS) {
      List<Dispatch.Item> items = dispatch.items();
      for (int i = 0; i < Math.min(MAX_ATTACHMENTS, items.size()); i++) {
        attachments.add(attachment(items.get(i), dispatch));
      }
      if (items.size() > MAX_ATTACHMENTS) {
        ObjectNode more = attachments.addObject();
        more.put("text", "…and " + (items.size() - MAX_ATTACHMENTS) + " more");
      }
    } else {
      attachments.add(summaryAttachment(dispatch));
    }
    return body;
  }

  private ObjectNode attachment(Dispatch.Item item, Dispatch dispatch) {
    AlertNotice notice = item.notice();
    ObjectNode attachment = HttpDelivery.PAYLOAD.createObjectNode();
    attachment.put("color", NoticeText.color(item));
    attachment.put("title", escape(NoticeText.tag(item) + " " + notice.name()));
    attachment.put("title_link", item.alertUrl(dispatch.baseUrl()));
    String text = notice.message() != null ? notice.message() : firstLine(notice.description());
    if (text != null) {
      attachment.put("text", escape(text));
    }
    ArrayNode fields = attachment.putArray("fields");
    field(fields, "Value", escape(NoticeText.valueAgainstThresholds(notice)));
    field(fields, "Since", NoticeText.time(notice.since()));
    if (notice.runbook() != null && !notice.runbook().isBlank()) {
      field(fields, "Runbook", "<" + linkTarget(notice.runbook()) + "|runbook>");
    }
    attachment.put("footer", "Opsroom");
    attachment.put("ts", dispatch.at().getEpochSecond());
    return attachment;
  }

  /** The one attachment of a storm, system or test message: its paragraph (and a storm's list). */
  private ObjectNode summaryAttachment(Dispatch dispatch) {
    ObjectNode attachment = HttpDelivery.PAYLOAD.createObjectNode();
    if (dispatch.kind() == Dispatch.Kind.STORM) {
      attachment.put("color", NoticeText.color(dispatch.worstLevel()));
    }
    StringBuilder text = new StringBuilder(dispatch.text() == null ? "" : dispatch.text());
    if (dispatch.kind() == Dispatch.Kind.STORM) {
      List<Dispatch.Item> items = dispatch.items();
      for (int i = 0; i < Math.min(MAX_STORM_NAMES, items.size()); i++) {
        text.append(text.length() == 0 ? "" : "\n")
            .append("• ")
            .append(items.get(i).notice().name());
      }
      if (items.size() > MAX_STORM_NAMES) {
        text.append("\n…and ").append(items.size() - MAX_STORM_NAMES).append(" more");
      }
    }
    attachment.put("text", escape(text.toString()));
    attachment.put("footer", "Opsroom");
    attachment.put("ts", dispatch.at().getEpochSecond());
    return attachment;
  }

  private static void field(ArrayNode fields, String title, String value) {
    ObjectNode field = fields.addObject();
    field.put("title", title);
    field.put("value", value);
    field.put("short", true);
  }

  /** The first line of a Markdown description with text in it, or null. */
  static String firstLine(String description) {
    if (description == null) {
      return null;
    }
    for (String line : description.split("\\R")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return null;
  }

  /**
   * Slack reads {@code &}, {@code <} and {@code >} as its own markup (links, mentions); alert names
   * and messages are shown as written instead.
   */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A URL inside Slack's {@code <url|text>}: the characters that would end the link escaped. */
  private static String linkTarget(String url) {
    return url.strip().replace(">", "%3E").replace("|", "%7C").replace("<", "%3C");
  }
}

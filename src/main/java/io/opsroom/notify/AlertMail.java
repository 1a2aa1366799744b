package io.opsroom.notify;

import io.opsroom.platform.Markdown;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything an alert email says, for its HTML and text templates ({@code templates/mail/alerts*}):
 * a group of alerts, a storm summary, a note about Opsroom itself, or a test.
 *
 * @param items the alerts, each with its words already chosen
 * @param listOnly whether the alerts are only listed, one line each (storms)
 */
public record AlertMail(
    String subject,
    String kind,
    String title,
    String text,
    List<Line> items,
    boolean listOnly,
    String gridUrl,
    String silencesUrl) {

  /**
   * One alert of the message.
   *
   * @param graphCid the Content-ID of its inline graph, or null for none
   * @param descriptionHtml the description as sanitized HTML, or null
   */
  public record Line(
      String tag,
      String color,
      String name,
      String verb,
      String value,
      String thresholds,
      String since,
      String failingFor,
      String message,
      String description,
      String descriptionHtml,
      String runbook,
      String url,
      String ackUrl,
      String silenceUrl,
      List<Map.Entry<String, String>> labels,
      String graphCid,
      boolean recovered) {}

  static AlertMail of(Dispatch dispatch, List<String> graphCids) {
    String base = dispatch.baseUrl();
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < dispatch.items().size(); i++) {
      Dispatch.Item item = dispatch.items().get(i);
      AlertNotice n = item.notice();
      boolean recovered = item.kind() == Dispatch.ItemKind.RECOVERED;
      String url = item.alertUrl(base);
      String since = n.since() == null ? "" : NoticeText.time(n.since());
      String failingFor =
          n.since() == null || recovered
              ? ""
              : NoticeText.duration(Duration.between(n.since(), dispatch.at()));
      String verb = NoticeText.verb(item);
      if (recovered && n.level() != AlertNotice.Level.OK) {
        verb = "no longer goes to this route (it is " + n.level().name() + " now)";
      }
      lines.add(
          new Line(
              NoticeText.tag(item),
              NoticeText.color(item),
              n.name(),
              verb,
              NoticeText.value(n.value()),
              NoticeText.thresholds(n),
              since,
              failingFor,
              n.message(),
              n.description(),
              n.description() == null ? null : Markdown.toHtml(n.description()),
              n.runbook(),
              url,
              recovered || n.ackToken() == null ? null : url + "/ack?token=" + n.ackToken(),
              recovered ? null : base + "/silences/new?alert=" + n.alertId(),
              List.copyOf(n.labels().entrySet()),
              i < graphCids.size() ? graphCids.get(i) : null,
              recovered));
    }
    return new AlertMail(
        NoticeText.title(dispatch),
        dispatch.kind().name(),
        dispatch.title(),
        dispatch.text(),
        lines,
        dispatch.kind() == Dispatch.Kind.STORM,
        base + "/",
        base + "/silences");
  }
}

package io.opsroom.notify;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert messages as email: the subject {@code [CRITICAL] <name>}, an HTML body with each alert's
 * value against its thresholds, links and its last 24 hours as an inline PNG, and a plain-text body
 * that says the same for text-only clients.
 */
@ApplicationScoped
class EmailFormatter implements ChannelFormatter {

  @Location("mail/alerts.html")
  Template html;

  @Location("mail/alerts.txt")
  Template text;

  @Override
  public Notification.Channel type() {
    return Notification.Channel.EMAIL;
  }

  @Override
  public List<Outbound> format(Dispatch dispatch, ChannelSpec channel) {
    ChannelSpec.Email email = (ChannelSpec.Email) channel;
    List<EmailMessage.InlineImage> images = new ArrayList<>();
    List<String> cids = new ArrayList<>();
    for (int i = 0; i < dispatch.items().size(); i++) {
      byte[] png = dispatch.items().get(i).graphPng();
      if (png == null) {
        cids.add(null);
      } else {
        String cid = "graph-" + (i + 1) + "@opsroom";
        cids.add(cid);
        images.add(new EmailMessage.InlineImage(cid, "image/png", png));
      }
    }
    AlertMail mail = AlertMail.of(dispatch, cids);
    EmailMessage message =
        new EmailMessage(
            email.to(),
            mail.subject(),
            html.data("m", mail).render(),
            text.data("m", mail).render(),
            null,
            images);
    return List.of(
        new Outbound(
            Notification.Channel.EMAIL,
            channel.name(),
            NotificationOutbox.dedupeKey(dispatch.key(), channel.name()),
            EmailNotifier.toPayload(message),
            mail.subject()));
  }
}

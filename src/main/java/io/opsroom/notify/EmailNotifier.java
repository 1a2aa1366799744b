package io.opsroom.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The email channel: stores an {@link EmailMessage} as an outbox payload, and later reads it back
 * and hands it to the SMTP server as a mail with HTML and plain-text alternatives.
 */
@ApplicationScoped
class EmailNotifier implements Notifier {

  /**
   * Payloads are stored data that outlive a release, so they have a mapper of their own: the
   * application's mapper serves the JSON API, and a change to its settings must not make queued
   * notifications unreadable.
   */
  private static final ObjectMapper PAYLOAD =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /**
   * The replies by which an SMTP server refuses a message or its recipient for good: 550 (no such
   * mailbox, rejected as spam), 551, 552 (too big), 553 (bad address), 554 (transaction failed),
   * 555. Other 5xx replies (500-504 syntax, 530 and 535 authentication) come from our own setup,
   * which can be fixed while the message waits, so they stay transient.
   */
  private static final Pattern REFUSED = Pattern.compile("(?<![\\d.:])(55[0-5])(?:[ -]|$)");

  @Inject Mailer mailer;

  @Override
  public Notification.Channel type() {
    return Notification.Channel.EMAIL;
  }

  static String toPayload(EmailMessage message) {
    try {
      return PAYLOAD.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the email as JSON", e);
    }
  }

  static EmailMessage fromPayload(String payload) {
    try {
      return PAYLOAD.readValue(payload, EmailMessage.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // A message that was valid when queued is read back the same way; this is a bug or a row
      // written by hand, and no retry will fix it.
      throw new UnreadablePayloadException(e);
    }
  }

  /**
   * Sends the payload's message; blocks until the SMTP server accepts it or the mailer times out.
   *
   * @throws UnreadablePayloadException when the payload is not an email
   * @throws DeliveryException permanent, when the server refused the message for good
   */
  @Override
  public void send(String payload) {
    EmailMessage message = fromPayload(payload);
    Mail mail = new Mail().setTo(message.to()).setSubject(message.subject());
    if (message.html() != null) {
      mail.setHtml(message.html());
    }
    if (message.text() != null) {
      mail.setText(message.text());
    }
    if (message.replyTo() != null) {
      mail.setReplyTo(message.replyTo());
    }
    for (EmailMessage.InlineImage image : message.images()) {
      mail.addInlineAttachment(
          image.contentId(), image.data(), image.contentType(), "<" + image.contentId() + ">");
    }
    try {
      try {
        mailer.send(mail);
      } catch (RuntimeException first) {
        if (!closedByServer(first)) {
          throw first;
        }
        // The server had closed the connection (421 after its idle timeout, or a reset): one more
        // try on a fresh connection before this counts as a failed attempt.
        mailer.send(mail);
      }
    } catch (RuntimeException e) {
      Optional<String> refusal = refusal(e);
      if (refusal.isPresent()) {
        throw DeliveryException.permanent("The mail server refused the message: " + refusal.get());
      }
      throw e;
    }
  }

  /**
   * The server's reply when a failure is a permanent refusal of the message (a 55x reply), or empty
   * when trying again may work.
   */
  static Optional<String> refusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null) {
        Matcher reply = REFUSED.matcher(message);
        if (reply.find()) {
          return Optional.of(message.substring(reply.start()).strip());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * True for the failures of a connection the server closed, as opposed to a refused message. The
   * mailer (Vert.x) says "socket was closed unexpected." when the server closes the connection
   * while a reply is awaited, and "Connection was closed." when it notices before writing.
   */
  static boolean closedByServer(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      String lower = message.toLowerCase(Locale.ROOT);
      if (message.contains(" 421 ")
          || message.startsWith("421")
          || lower.contains("connection reset")
          || lower.contains("connection was closed")
          || lower.contains("connection closed")
          || lower.contains("socket was closed")) {
        return true;
      }
    }
    return false;
  }

  /** The payload is not a readable email, so sending it can never succeed. */
  static class UnreadablePayloadException extends RuntimeException {
    UnreadablePayloadException(Exception cause) {
      super("The payload is not a valid email: " + cause.getMessage(), cause);
    }
  }
}

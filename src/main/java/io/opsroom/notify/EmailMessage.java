package io.opsroom.notify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An email for the outbox: recipients, subject, an HTML and a plain-text body (sent as
 * alternatives), and an optional reply-to address. Features build these and never touch the mailer.
 * A message that could inject mail headers cannot be made: recipients, reply-to and subject refuse
 * line breaks and other control characters, whoever the caller is.
 *
 * @param to one address per entry, {@code ops@example.org} or {@code Ops Team <ops@example.org>}
 * @param html the HTML body, or null for a text-only mail
 * @param text the plain-text body, or null for an HTML-only mail
 * @param replyTo where answers go, or null for the sender
 * @param images pictures the HTML shows inline as {@code <img src="cid:...">}
 */
public record EmailMessage(
    List<String> to,
    String subject,
    String html,
    String text,
    String replyTo,
    List<InlineImage> images) {

  /**
   * A picture inside the HTML body, referenced by its Content-ID.
   *
   * @param contentId without angle brackets, such as {@code graph-1@opsroom}
   * @param contentType such as {@code image/png}
   * @param data the bytes (stored base64 in the outbox payload)
   */
  public record InlineImage(String contentId, String contentType, byte[] data) {
    public InlineImage {
      requireSingleLine("contentId", contentId);
      if (!contentId.matches("[A-Za-z0-9._@-]{1,100}")) {
        throw new IllegalArgumentException(
            "A Content-ID is letters, digits and ._@-: " + contentId);
      }
      requireSingleLine("contentType", contentType);
      if (data == null || data.length == 0) {
        throw new IllegalArgumentException("An inline image needs its bytes.");
      }
    }
  }

  private static final String MAILBOX = "[^\\s<>@,;:\"()\\[\\]\\\\]+@[^\\s<>@,;:\"()\\[\\]\\\\]+";
  private static final Pattern ADDRESS =
      Pattern.compile(MAILBOX + "|[^<>@,;:\"()\\[\\]\\\\]*<" + MAILBOX + ">");
  static final int MAX_ADDRESS_LENGTH = 320;

  public EmailMessage {
    if (to == null || to.isEmpty()) {
      throw new IllegalArgumentException("An email needs at least one recipient.");
    }
    to.forEach(address -> requireAddress("to", address));
    to = List.copyOf(to);
    if (replyTo != null) {
      requireAddress("replyTo", replyTo);
    }
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("An email needs a subject.");
    }
    requireSingleLine("subject", subject);
    if (html == null && text == null) {
      throw new IllegalArgumentException("An email needs an HTML or a text body.");
    }
    images = images == null ? List.of() : List.copyOf(images);
  }

  /** A message without pictures. */
  public EmailMessage(List<String> to, String subject, String html, String text, String replyTo) {
    this(to, subject, html, text, replyTo, List.of());
  }

  /** A message without a reply-to address or pictures. */
  public EmailMessage(List<String> to, String subject, String html, String text) {
    this(to, subject, html, text, null, List.of());
  }

  /**
   * Refuses anything but one address a message can be sent to, with the reason: files that name
   * recipients (routes.yaml, an alert's {@code notify:}) are checked by the rule every email meets
   * here, so an address they accept is never refused when the message is sent.
   */
  public static void checkAddress(String address) {
    requireAddress("The address", address);
  }

  private static void requireAddress(String field, String address) {
    if (address == null) {
      throw new IllegalArgumentException(field + " holds no address.");
    }
    requireSingleLine(field, address);
    // One address per entry: a comma or semicolon would smuggle in further recipients.
    if (address.length() > MAX_ADDRESS_LENGTH || !ADDRESS.matcher(address.strip()).matches()) {
      throw new IllegalArgumentException(field + " is not one email address: " + address);
    }
  }

  /** Refuses CR, LF and every other control or line-separator character, which end a header. */
  static void requireSingleLine(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        throw new IllegalArgumentException(field + " must be one line without control characters.");
      }
    }
  }
}

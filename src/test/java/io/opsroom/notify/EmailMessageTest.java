package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailMessageTest {

  private static final List<String> TO = List.of("hostmaster@opsroom.test");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Alias request\r\nBcc: victim@evil.test",
        "Alias request\nBcc: victim@evil.test",
        "Alias request\rX: y",
        "Tab\tinside",
        "Next line\u0085here",
        "Line separator\u2028here"
      })
  void aSubjectWithALineBreakOrControlCharacterIsRefused(String subject) {
    assertThrows(
        IllegalArgumentException.class, () -> new EmailMessage(TO, subject, "<p>x</p>", "x"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hostmaster@opsroom.test\r\nBcc: victim@evil.test",
        "hostmaster@opsroom.test\n",
        "a@opsroom.test, b@opsroom.test",
        "a@opsroom.test;b@opsroom.test",
        "no-at-sign",
        "two words@opsroom.test",
        "Name <a@opsroom.test>, b@opsroom.test",
        ""
      })
  void aRecipientThatIsNotExactlyOneAddressIsRefused(String address) {
    assertThrows(
        IllegalArgumentException.class,
        () -> new EmailMessage(List.of(address), "Subject", null, "x"));
    assertThrows(
        IllegalArgumentException.class, () -> new EmailMessage(TO, "Subject", null, "x", address));
  }

  @Test
  void plainAndNamedAddressesAreAccepted() {
    EmailMessage message =
        new EmailMessage(
            List.of("hostmaster@opsroom.test", "Ops Team <ops+alias@opsroom.test>"),
            "Alias request: www.opsroom.test",
            "<p>Hi</p>",
            "Hi",
            "Alice Example <alice@opsroom.test>");
    assertEquals(2, message.to().size());
  }

  @Test
  void aMessageNeedsARecipientASubjectAndABody() {
    assertThrows(IllegalArgumentException.class, () -> new EmailMessage(List.of(), "S", null, "x"));
    assertThrows(IllegalArgumentException.class, () -> new EmailMessage(null, "S", null, "x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new EmailMessage(Arrays.asList((String) null), "S", null, "x"));
    assertThrows(IllegalArgumentException.class, () -> new EmailMessage(TO, " ", null, "x"));
    assertThrows(IllegalArgumentException.class, () -> new EmailMessage(TO, null, null, "x"));
    assertThrows(IllegalArgumentException.class, () -> new EmailMessage(TO, "S", null, null));
  }

  @Test
  void theRecipientListCannotBeChangedAfterwards() {
    List<String> to = new java.util.ArrayList<>(TO);
    EmailMessage message = new EmailMessage(to, "S", null, "x");
    to.add("late@opsroom.test");
    assertEquals(TO, message.to());
    assertThrows(UnsupportedOperationException.class, () -> message.to().add("x@opsroom.test"));
  }

  @Test
  void aMessageSurvivesTheTripThroughItsPayload() {
    EmailMessage message =
        new EmailMessage(TO, "Subject é", "<p>Hello</p>", "Hello", "alice@opsroom.test");
    assertEquals(message, EmailNotifier.fromPayload(EmailNotifier.toPayload(message)));
    EmailMessage textOnly = new EmailMessage(TO, "Subject", null, "Hello");
    assertEquals(textOnly, EmailNotifier.fromPayload(EmailNotifier.toPayload(textOnly)));
  }

  @Test
  void aPayloadThatIsNotAValidMessageIsUnreadable() {
    assertThrows(
        EmailNotifier.UnreadablePayloadException.class, () -> EmailNotifier.fromPayload("{}"));
    assertThrows(
        EmailNotifier.UnreadablePayloadException.class,
        () ->
            EmailNotifier.fromPayload(
                "{\"to\":[\"a@opsroom.test\"],\"subject\":\"x\\r\\nBcc: b@evil.test\",\"text\":\"t\"}"));
    assertThrows(
        EmailNotifier.UnreadablePayloadException.class, () -> EmailNotifier.fromPayload("[1]"));
  }
}

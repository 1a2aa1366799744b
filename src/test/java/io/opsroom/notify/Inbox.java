package io.opsroom.notify;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.Api;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/** Test helpers for outbox tests: unique mailboxes, and what one mailbox of GreenMail received. */
final class Inbox {

  private Inbox() {}

  /** An address no other test uses, so its mailbox shows only this test's mail. */
  static String uniqueAddress(String user) {
    return user + "@" + Api.unique("outbox") + ".test";
  }

  /** The mails delivered to this address's mailbox (one copy per mailbox, however addressed). */
  static List<MimeMessage> of(GreenMail mail, String address) {
    return mail.findReceivedMessages(
            user -> user.getEmail().equalsIgnoreCase(address), message -> true)
        .toList();
  }
}

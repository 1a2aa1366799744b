package io.opsroom.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.opsroom.testing.InjectMail;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

/** The mailer really speaks SMTP to the test's GreenMail server: later features rely on it. */
@QuarkusTest
class MailHarnessTest {

  @Inject Mailer mailer;

  @InjectMail GreenMail mail;

  @Test
  void aMailSentByTheApplicationArrivesOverSmtp() throws Exception {
    mailer.send(Mail.withText("oncall@harness.test", "Harness check", "Opsroom can send mail."));

    assertTrue(mail.waitForIncomingEmail(5_000, 1));
    MimeMessage message = mail.getReceivedMessagesForDomain("harness.test")[0];
    assertEquals("Harness check", message.getSubject());
    assertTrue(GreenMailUtil.getBody(message).contains("Opsroom can send mail."));
  }
}

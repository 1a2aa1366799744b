package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class EmailNotifierTest {

  @Test
  void aConnectionTheServerClosedIsTriedOnceMoreButARefusalIsNot() {
    assertTrue(
        EmailNotifier.closedByServer(
            new CompletionException(
                new RuntimeException(
                    "got error response: 421 Service shutting down and closing transmission channel"))));
    assertTrue(EmailNotifier.closedByServer(new RuntimeException("Connection reset by peer")));
    // The mailer's own words when the server closed the connection under it.
    assertTrue(
        EmailNotifier.closedByServer(
            new CompletionException(new IOException("socket was closed unexpected."))));
    assertTrue(EmailNotifier.closedByServer(new RuntimeException("Connection was closed.")));
    assertFalse(
        EmailNotifier.closedByServer(new RuntimeException("got error response: 550 no such user")));
    assertFalse(EmailNotifier.closedByServer(new RuntimeException("Connection refused")));
  }

  @Test
  void aMessageTheServerRefusesForGoodIsTold() {
    assertEquals(
        Optional.of("550 5.1.1 <nobody@example.org>: Recipient address rejected"),
        EmailNotifier.refusal(
            new CompletionException(
                new RuntimeException(
                    "RCPT TO command failed: 550 5.1.1 <nobody@example.org>:"
                        + " Recipient address rejected"))));
    assertEquals(
        Optional.of("554-5.7.1 Message rejected as spam"),
        EmailNotifier.refusal(
            new RuntimeException("got error response: 554-5.7.1 Message rejected as spam")));
    assertTrue(EmailNotifier.refusal(new RuntimeException("553 sender not allowed")).isPresent());
  }

  @Test
  void otherFailuresMayWorkLater() {
    assertEquals(
        Optional.empty(),
        EmailNotifier.refusal(new RuntimeException("got error response: 451 4.3.0 try later")));
    assertEquals(
        Optional.empty(),
        EmailNotifier.refusal(new RuntimeException("535 5.7.8 authentication failed")));
    assertEquals(
        Optional.empty(),
        EmailNotifier.refusal(new RuntimeException("Connection refused: localhost/127.0.0.1:550")));
    assertEquals(
        Optional.empty(), EmailNotifier.refusal(new RuntimeException("Timed out after 5550 ms")));
  }
}

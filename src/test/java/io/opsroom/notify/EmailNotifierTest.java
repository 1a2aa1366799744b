package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    assertFalse(
        EmailNotifier.closedByServer(new RuntimeException("got error response: 550 no such user")));
    assertFalse(EmailNotifier.closedByServer(new RuntimeException("Connection refused")));
  }
}

package io.opsroom.graphite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

  @Test
  void aTracebackPageComesDownToItsLastLine() {
    assertEquals(
        "ValueError: Invalid offset unit 'foo'",
        ErrorText.fromBody(Fixtures.read("error-500-traceback.html"), UnaryOperator.identity()));
  }

  @Test
  void aPlainTextRejectionIsKeptAsGraphiteWroteIt() {
    RenderBatch batch = new RenderBatch(java.util.List.of("noSuchFunction(servers.web1.load)"));

    assertEquals(
        "Invalid parameters (Received request for unknown function: noSuchFunction); targets:"
            + " \"noSuchFunction(servers.web1.load)\"",
        ErrorText.fromBody(Fixtures.read("error-400-unknown-function.txt"), batch::unwrap));
  }

  @Test
  void otherPagesLoseTheirTagsAndEntities() {
    assertEquals(
        "Bad Gateway nginx & friends",
        ErrorText.fromBody(
            "<html><body><h1>Bad Gateway</h1><p>nginx &amp; friends</p></body></html>",
            UnaryOperator.identity()));
    assertEquals("(no message)", ErrorText.fromBody("", UnaryOperator.identity()));
  }

  @Test
  void longTextIsShortened() {
    String text = ErrorText.fromBody("x".repeat(1000), UnaryOperator.identity());

    assertEquals(301, text.length());
  }
}

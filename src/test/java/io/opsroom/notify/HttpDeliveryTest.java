package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpDeliveryTest {

  @Test
  void retryAfterIsReadAsSecondsOrAsADate() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), HttpDelivery.parseRetryAfter("120"));
    assertEquals(Optional.of(Duration.ZERO), HttpDelivery.parseRetryAfter(" 0 "));
    String inTenMinutes =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(10));
    Duration wait = HttpDelivery.parseRetryAfter(inTenMinutes).orElseThrow();
    assertTrue(
        wait.compareTo(Duration.ofMinutes(9)) > 0 && wait.compareTo(Duration.ofMinutes(10)) <= 0,
        wait.toString());
  }

  @Test
  void aRetryAfterThatCannotBeReadOrHasPassedIsIgnored() {
    assertEquals(Optional.empty(), HttpDelivery.parseRetryAfter("soon"));
    assertEquals(Optional.empty(), HttpDelivery.parseRetryAfter("-5"));
    assertEquals(Optional.empty(), HttpDelivery.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
  }

  @Test
  void aLongBodyIsQuotedShortOnOneLine() {
    HttpDelivery.Answer answer = new HttpDelivery.Answer(500, "a\n  b" + "x".repeat(400), null);
    String quoted = answer.quotedBody();
    assertTrue(quoted.startsWith("a b"), quoted);
    assertEquals(HttpDelivery.MAX_QUOTED_BODY + 1, quoted.length());
  }
}

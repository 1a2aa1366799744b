package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DedupeKeyTest {

  @Test
  void partsAreJoinedWithColons() {
    assertEquals("g-42:pd:disk-web1", NotificationOutbox.dedupeKey("g-42", "pd", "disk-web1"));
  }

  @Test
  void aKeyTooLongKeepsItsStartAndEndsWithAHashOfTheWhole() {
    String id = "x".repeat(300);
    String key = NotificationOutbox.dedupeKey("g-42", "pd", id);
    String other = NotificationOutbox.dedupeKey("g-42", "pd", id + "y");

    assertEquals(NotificationOutbox.MAX_DEDUPE_KEY_LENGTH, key.length());
    assertTrue(key.startsWith("g-42:pd:xxx"), key);
    assertTrue(key.matches(".*#[0-9a-f]{32}"), key);
    assertEquals(key, NotificationOutbox.dedupeKey("g-42", "pd", id), "the same every time");
    assertNotEquals(key, other);
  }

  @Test
  void lineBreaksInPartsDoNotMakeAnInvalidKey() {
    assertEquals("a b:c", NotificationOutbox.dedupeKey("a\nb", "c"));
  }
}

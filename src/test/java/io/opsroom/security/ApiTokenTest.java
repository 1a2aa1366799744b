package io.opsroom.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void aTokenIsUsableUntilItExpiresOrIsRevoked() {
    ApiToken token = new ApiToken();
    assertTrue(token.usableAt(NOW), "no expiry, not revoked");

    token.expiresAt = NOW.plusSeconds(1);
    assertTrue(token.usableAt(NOW));
    assertFalse(token.usableAt(NOW.plusSeconds(1)), "expired at its expiry instant");

    token.expiresAt = null;
    token.revokedAt = NOW.minusSeconds(60);
    assertFalse(token.usableAt(NOW));
  }
}

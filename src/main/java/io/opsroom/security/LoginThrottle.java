package io.opsroom.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: after {@code maxFailures} failed logins for one username within
 * {@code window}, further attempts for that username are refused until the oldest of those failures
 * leaves the window. Counts are kept in memory per instance, bounded in size.
 */
public final class LoginThrottle {

  /** Failed attempts per username that start the slowdown. */
  public static final int MAX_FAILURES = 5;

  /** The span in which those failures count. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  private static final int MAX_TRACKED_USERNAMES = 10_000;

  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final Map<String, Deque<Instant>> failures =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
          return size() > MAX_TRACKED_USERNAMES;
        }
      };

  public LoginThrottle(Clock clock, int maxFailures, Duration window) {
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** How long this username must wait before its next attempt, or empty when it may try now. */
  public synchronized Optional<Duration> waitBeforeAttempt(String username) {
    Deque<Instant> recent = recentFailures(key(username));
    if (recent.size() < maxFailures) {
      return Optional.empty();
    }
    Duration wait = Duration.between(clock.instant(), recent.peekFirst().plus(window));
    return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
  }

  public synchronized void failed(String username) {
    String key = key(username);
    Deque<Instant> recent = recentFailures(key);
    recent.addLast(clock.instant());
    while (recent.size() > maxFailures) {
      recent.removeFirst();
    }
    failures.put(key, recent);
  }

  public synchronized void succeeded(String username) {
    failures.remove(key(username));
  }

  private Deque<Instant> recentFailures(String key) {
    Deque<Instant> recent = failures.getOrDefault(key, new ArrayDeque<>());
    Instant cutoff = clock.instant().minus(window);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
      recent.removeFirst();
    }
    return recent;
  }

  private static String key(String username) {
    return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
  }
}

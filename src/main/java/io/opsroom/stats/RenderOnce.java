package io.opsroom.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A cache that loads each key at most once per time-to-live however many callers ask at once: the
 * first caller of a stale key loads it (together with the other stale keys it asked for, in one
 * call of the loader), and every other caller of that key waits for that load instead of starting
 * its own. A hundred dashboards asking for the same panel cost one Graphite request a minute.
 *
 * <p>A failed load keeps the last good value and says why it could not be refreshed; it is tried
 * again only after another time-to-live, so a Graphite outage is not met with a request per viewer.
 * Entries nobody asked for in a day are dropped.
 *
 * @param <K> the key: equal keys share one entry
 * @param <V> the value
 */
public final class RenderOnce<K, V> {

  /** What a load gave for one key: a value, or why there is none. */
  public record Outcome<V>(V value, String problem) {

    public static <V> Outcome<V> of(V value) {
      return new Outcome<>(value, null);
    }

    public static <V> Outcome<V> failed(String problem) {
      return new Outcome<>(null, problem == null ? "failed" : problem);
    }
  }

  /**
   * What a caller gets: the newest good value (null when there never was one), when it was loaded,
   * and the problem of the last load when it failed (the value is then older than it should be).
   */
  public record Cached<V>(V value, Instant loadedAt, String problem, Instant expiresAt) {

    /** Whether the last load failed. */
    public boolean stale() {
      return problem != null;
    }

    /** How old the value is at {@code now}; zero when there is none. */
    public Duration age(Instant now) {
      return loadedAt == null ? Duration.ZERO : Duration.between(loadedAt, now);
    }
  }

  private static final Duration FORGET_AFTER = Duration.ofDays(1);

  private final Clock clock;
  private final Duration ttl;
  private final Map<K, Cached<V>> entries = new ConcurrentHashMap<>();
  private final Map<K, Instant> lastAsked = new ConcurrentHashMap<>();
  private final Map<K, CompletableFuture<Cached<V>>> loading = new ConcurrentHashMap<>();
  private volatile Instant lastSweep = Instant.EPOCH;

  public RenderOnce(Clock clock, Duration ttl) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("A cache's time-to-live cannot be negative: " + ttl);
    }
    this.clock = clock;
    this.ttl = ttl;
  }

  /** One key; see {@link #getAll}. */
  public Cached<V> get(K key, Function<K, Outcome<V>> loader) {
    return getAll(List.of(key), keys -> Map.of(key, loader.apply(key))).get(key);
  }

  /**
   * The entries of {@code keys}, in their order. Fresh ones are returned as they are; stale ones
   * that no other caller is loading are loaded by this caller in one call of {@code loader}, which
   * is given them in order and answers an outcome for each (a missing answer counts as a failure);
   * the ones another caller is loading are waited for.
   */
  public Map<K, Cached<V>> getAll(
      Collection<K> keys, Function<List<K>, Map<K, Outcome<V>>> loader) {
    Instant now = clock.instant();
    Map<K, Cached<V>> found = new LinkedHashMap<>();
    Map<K, CompletableFuture<Cached<V>>> waits = new LinkedHashMap<>();
    Map<K, CompletableFuture<Cached<V>>> mine = new LinkedHashMap<>();
    for (K key : new LinkedHashSet<>(keys)) {
      lastAsked.put(key, now);
      Cached<V> entry = entries.get(key);
      if (fresh(entry, now)) {
        found.put(key, entry);
        continue;
      }
      CompletableFuture<Cached<V>> claim = new CompletableFuture<>();
      CompletableFuture<Cached<V>> other = loading.putIfAbsent(key, claim);
      if (other != null) {
        waits.put(key, other);
        continue;
      }
      // Another caller may have finished loading between the look and the claim.
      Cached<V> again = entries.get(key);
      if (fresh(again, now)) {
        loading.remove(key, claim);
        claim.complete(again);
        found.put(key, again);
      } else {
        mine.put(key, claim);
      }
    }
    if (!mine.isEmpty()) {
      try {
        load(new ArrayList<>(mine.keySet()), mine, loader);
      } finally {
        // Whatever went wrong, nobody may wait for these keys forever.
        mine.forEach(
            (key, claim) -> {
              if (!claim.isDone()) {
                loading.remove(key, claim);
                claim.completeExceptionally(new IllegalStateException("the load was abandoned"));
              }
            });
      }
    }
    mine.forEach((key, future) -> found.put(key, waitFor(key, future)));
    waits.forEach((key, future) -> found.put(key, waitFor(key, future)));
    sweep(now);
    Map<K, Cached<V>> ordered = new LinkedHashMap<>();
    for (K key : keys) {
      ordered.put(key, found.get(key));
    }
    return ordered;
  }

  /** Forgets every entry, so the next caller of each key loads it. */
  public void clear() {
    entries.clear();
  }

  /** Forgets one key's entry, so its next caller loads it. */
  public void forget(K key) {
    entries.remove(key);
  }

  /** How many keys hold an entry, for the instance's own statistics. */
  public int size() {
    return entries.size();
  }

  private void load(
      List<K> keys,
      Map<K, CompletableFuture<Cached<V>>> claims,
      Function<List<K>, Map<K, Outcome<V>>> loader) {
    Map<K, Outcome<V>> outcomes;
    try {
      outcomes = loader.apply(keys);
    } catch (RuntimeException e) {
      String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      outcomes = new LinkedHashMap<>();
      for (K key : keys) {
        outcomes.put(key, Outcome.failed(problem));
      }
    }
    Instant loadedAt = clock.instant();
    Instant expiresAt = loadedAt.plus(ttl);
    for (K key : keys) {
      Outcome<V> outcome = outcomes == null ? null : outcomes.get(key);
      if (outcome == null) {
        outcome = Outcome.failed("nothing was loaded for " + key);
      }
      Cached<V> previous = entries.get(key);
      Cached<V> entry =
          outcome.problem() == null
              ? new Cached<>(outcome.value(), loadedAt, null, expiresAt)
              : new Cached<>(
                  previous == null ? null : previous.value(),
                  previous == null ? null : previous.loadedAt(),
                  outcome.problem(),
                  expiresAt);
      // The entry first, then the claim: a caller that finds no claim finds the new entry.
      entries.put(key, entry);
      CompletableFuture<Cached<V>> claim = claims.get(key);
      loading.remove(key, claim);
      claim.complete(entry);
    }
  }

  private Cached<V> waitFor(K key, CompletableFuture<Cached<V>> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      Cached<V> previous = entries.get(key);
      return new Cached<>(
          previous == null ? null : previous.value(),
          previous == null ? null : previous.loadedAt(),
          "the load failed: " + e.getCause(),
          clock.instant());
    }
  }

  private boolean fresh(Cached<V> entry, Instant now) {
    return entry != null && now.isBefore(entry.expiresAt());
  }

  /** Drops the entries nobody asked for in a day; at most once an hour. */
  private void sweep(Instant now) {
    if (Duration.between(lastSweep, now).compareTo(Duration.ofHours(1)) < 0) {
      return;
    }
    lastSweep = now;
    Instant cutoff = now.minus(FORGET_AFTER);
    lastAsked.forEach(
        (key, asked) -> {
          if (asked.isBefore(cutoff)) {
            lastAsked.remove(key, asked);
            entries.remove(key);
          }
        });
  }
}

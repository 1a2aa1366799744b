package io.opsroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cache behind every panel: one load per key and time-to-live, stale values kept on failure.
 */
class RenderOnceTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
  private final RenderOnce<String, String> cache = new RenderOnce<>(clock, Duration.ofSeconds(60));
  private final AtomicInteger loads = new AtomicInteger();

  private Map<String, RenderOnce.Outcome<String>> load(List<String> keys) {
    loads.incrementAndGet();
    Map<String, RenderOnce.Outcome<String>> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, RenderOnce.Outcome.of(k + "@" + clock.instant())));
    return out;
  }

  @Test
  void aFreshEntryIsServedWithoutLoadingAndAnExpiredOneIsLoadedAgain() {
    String first = cache.get("a", k -> load(List.of(k)).get(k)).value();
    clock.advance(Duration.ofSeconds(59));
    assertEquals(first, cache.get("a", k -> load(List.of(k)).get(k)).value());
    assertEquals(1, loads.get());
    clock.advance(Duration.ofSeconds(1));
    assertEquals("a@2026-11-21T10:01:00Z", cache.get("a", k -> load(List.of(k)).get(k)).value());
    assertEquals(2, loads.get());
  }

  @Test
  void staleKeysOfOneCallAreLoadedTogetherAndFreshOnesAreLeftAlone() {
    cache.getAll(List.of("a"), this::load);
    List<List<String>> asked = new ArrayList<>();
    Map<String, RenderOnce.Cached<String>> got =
        cache.getAll(
            List.of("b", "a", "c"),
            keys -> {
              asked.add(keys);
              return load(keys);
            });
    assertEquals(List.of(List.of("b", "c")), asked);
    assertEquals(List.of("b", "a", "c"), List.copyOf(got.keySet()));
  }

  @Test
  void concurrentCallersOfOneKeyShareOneLoad() throws Exception {
    int callers = 50;
    CountDownLatch inLoad = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () ->
                    cache
                        .get(
                            "panel",
                            k -> {
                              loads.incrementAndGet();
                              inLoad.countDown();
                              try {
                                release.await(10, TimeUnit.SECONDS);
                              } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                              }
                              return RenderOnce.Outcome.of("drawn");
                            })
                        .value()));
      }
      assertTrue(inLoad.await(10, TimeUnit.SECONDS));
      release.countDown();
      for (Future<String> result : results) {
        assertEquals("drawn", result.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, loads.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedLoadKeepsTheLastGoodValueWithItsAgeAndIsNotRetriedBeforeTheTtl() {
    cache.get("a", k -> RenderOnce.Outcome.of("good"));
    clock.advance(Duration.ofSeconds(90));
    RenderOnce.Cached<String> failed = cache.get("a", k -> RenderOnce.Outcome.failed("down"));
    assertEquals("good", failed.value());
    assertEquals("down", failed.problem());
    assertTrue(failed.stale());
    assertEquals(Duration.ofSeconds(90), failed.age(clock.instant()));
    clock.advance(Duration.ofSeconds(30));
    RenderOnce.Cached<String> again =
        cache.get(
            "a",
            k -> {
              loads.incrementAndGet();
              return RenderOnce.Outcome.of("never");
            });
    assertEquals(0, loads.get(), "a failure is cached for a time-to-live too");
    assertEquals("good", again.value());
    clock.advance(Duration.ofSeconds(30));
    assertEquals("back", cache.get("a", k -> RenderOnce.Outcome.of("back")).value());
    assertFalse(cache.get("a", k -> RenderOnce.Outcome.of("x")).stale());
  }

  @Test
  void aLoaderThatThrowsOrForgetsAKeyGivesAProblemAndNobodyWaitsForever() {
    RenderOnce.Cached<String> thrown =
        cache.get(
            "a",
            k -> {
              throw new IllegalStateException("boom");
            });
    assertNull(thrown.value());
    assertEquals("boom", thrown.problem());
    Map<String, RenderOnce.Cached<String>> partial =
        cache.getAll(List.of("b", "c"), keys -> Map.of("b", RenderOnce.Outcome.of("only b")));
    assertEquals("only b", partial.get("b").value());
    assertTrue(partial.get("c").stale());
  }
}

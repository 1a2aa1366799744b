package io.opsroom.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The random part of a retry's backoff, with random numbers the test chooses. */
class RetryJitterTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void theExtremesAreTenPercentEitherWay() {
    assertEquals(Duration.ofSeconds(54), OutboxDrainJob.jitter(MINUTE, 0.1, fixed(0.0)));
    assertEquals(MINUTE, OutboxDrainJob.jitter(MINUTE, 0.1, fixed(0.5)));
    assertEquals(Duration.ofMillis(65_994), OutboxDrainJob.jitter(MINUTE, 0.1, fixed(0.9995)));
  }

  @Test
  void manyDelaysSpreadOverTheWholeRange() {
    RandomGenerator random = new SplittableRandom(42);
    long shortest = Long.MAX_VALUE;
    long longest = 0;
    for (int i = 0; i < 1000; i++) {
      long millis = OutboxDrainJob.jitter(MINUTE, 0.1, random).toMillis();
      shortest = Math.min(shortest, millis);
      longest = Math.max(longest, millis);
    }
    assertTrue(shortest >= 54_000 && shortest < 55_000, "shortest " + shortest);
    assertTrue(longest <= 66_000 && longest > 65_000, "longest " + longest);
  }

  @Test
  void noJitterLeavesTheDelayAlone() {
    assertEquals(MINUTE, OutboxDrainJob.jitter(MINUTE, 0, fixed(0.0)));
  }

  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }
}

package io.opsroom.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The last 24 hours of {@link OwnSample}s in memory, oldest first: a ring that drops what is older
 * than its span or beyond its capacity. It starts empty at every start of Opsroom; the long history
 * belongs in Graphite, where carbon reporting sends it. Safe to share between threads.
 */
public final class OwnHistory {

  /** How far back the charts on {@code /stats} go. */
  public static final Duration SPAN = Duration.ofHours(24);

  /** A bound on memory whatever the interval: a sample every 10 s for 24 h. */
  static final int MAX_SAMPLES = 8_640;

  private final Deque<OwnSample> samples = new ArrayDeque<>();
  private final int capacity;

  /** A history for samples taken every {@code interval}. */
  public OwnHistory(Duration interval) {
    long perSpan = SPAN.toMillis() / Math.max(1, interval.toMillis());
    this.capacity = (int) Math.min(MAX_SAMPLES, perSpan + 1);
  }

  /**
   * Adds the sample. Samples at or after its time are dropped first: the clock went back (a test,
   * or a corrected system clock), and the history must stay in time order.
   */
  public synchronized void add(OwnSample sample) {
    while (!samples.isEmpty() && !samples.peekLast().at().isBefore(sample.at())) {
      samples.removeLast();
    }
    samples.addLast(sample);
    Instant oldest = sample.at().minus(SPAN);
    while (samples.size() > capacity || samples.peekFirst().at().isBefore(oldest)) {
      samples.removeFirst();
    }
  }

  /** The samples, oldest first. */
  public synchronized List<OwnSample> samples() {
    return new ArrayList<>(samples);
  }

  public synchronized Optional<OwnSample> latest() {
    return Optional.ofNullable(samples.peekLast());
  }

  public synchronized int size() {
    return samples.size();
  }

  public int capacity() {
    return capacity;
  }

  /** Forgets every sample; tests use it to start from an empty history. */
  public synchronized void clear() {
    samples.clear();
  }
}

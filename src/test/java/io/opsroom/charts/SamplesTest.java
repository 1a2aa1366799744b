package io.opsroom.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

  private static ChartSeries.Point point(long t, Double value) {
    return new ChartSeries.Point(t, value);
  }

  @Test
  void keepsThePointsInTheRangeInTimeOrderWithGapsAsNaN() {
    ChartSeries series =
        new ChartSeries(
            "x",
            List.of(
                point(30, 3.0), point(10, 1.0), point(20, null), point(5, 9.0), point(50, 9.0)));

    Samples samples = Samples.of(series, 10, 40);

    assertArrayEquals(new long[] {10, 20, 30}, samples.epochSeconds());
    assertTrue(Double.isNaN(samples.values()[1]));
    assertEquals(3.0, samples.values()[2]);
    assertTrue(samples.hasValues());
    assertFalse(Samples.of(new ChartSeries("x", List.of(point(10, null))), 0, 60).hasValues());
  }

  @Test
  void aShortSeriesIsNotReduced() {
    Samples samples = Samples.of(series(0, 100, i -> (double) i), 0, 99);

    assertSame(samples, samples.downsample(0, 99, 50));
  }

  @Test
  void aLongSeriesKeepsEachBucketsLowAndHighSoSpikesSurvive() {
    Samples samples =
        Samples.of(
            series(0, 10_000, i -> i == 4_321 ? 500.0 : i == 7_777 ? -80.0 : 10.0 + i % 7),
            0,
            9_999);

    Samples reduced = samples.downsample(0, 9_999, 100);

    assertTrue(reduced.size() <= 200, reduced.size() + " points");
    double max = Arrays.stream(reduced.values()).max().orElseThrow();
    double min = Arrays.stream(reduced.values()).min().orElseThrow();
    assertEquals(500.0, max, "the spike up survives");
    assertEquals(-80.0, min, "the spike down survives");
    long[] times = reduced.epochSeconds();
    for (int i = 1; i < times.length; i++) {
      assertTrue(times[i - 1] < times[i], "still in time order");
    }
  }

  @Test
  void aBucketWithoutDataStaysAGap() {
    Samples samples =
        Samples.of(series(0, 10_000, i -> i >= 5_000 && i < 5_300 ? null : 1.0), 0, 9_999);

    Samples reduced = samples.downsample(0, 9_999, 100);

    long gaps = Arrays.stream(reduced.values()).filter(Double::isNaN).count();
    assertTrue(gaps >= 2, gaps + " gap points");
  }

  @Test
  void isolatedPointsAreThoseWithoutNeighbours() {
    Samples samples =
        Samples.of(
            new ChartSeries(
                "x",
                List.of(
                    point(0, 1.0),
                    point(1, null),
                    point(2, 2.0),
                    point(3, 3.0),
                    point(4, null),
                    point(5, 4.0))),
            0,
            5);

    assertArrayEquals(new boolean[] {true, false, false, false, false, true}, samples.isolated());
  }

  private static ChartSeries series(
      long start, int count, java.util.function.IntFunction<Double> value) {
    List<ChartSeries.Point> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      points.add(point(start + i, value.apply(i)));
    }
    return new ChartSeries("x", points);
  }
}

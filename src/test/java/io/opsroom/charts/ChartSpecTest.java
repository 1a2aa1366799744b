package io.opsroom.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartSpecTest {

  @Test
  void missingPartsBecomeEmpty() {
    ChartSpec spec = new ChartSpec(null, null, null, null, 0, 60, 800, 300, null, null, null);

    assertEquals("", spec.title());
    assertEquals(List.of(), spec.series());
    assertEquals(List.of(), spec.thresholds());
    assertEquals(List.of(), spec.markers());
    assertEquals("", spec.unit());
    assertEquals(ChartSpec.Shading.NONE, spec.shading());
  }

  @Test
  void theListsAreCopied() {
    List<ChartSeries> series = new ArrayList<>();
    ChartSpec spec = ChartSpec.of("t", series, 0, 60);
    series.add(new ChartSeries("late", List.of()));

    assertEquals(List.of(), spec.series());
  }

  @Test
  void anEmptyRangeOrAnAbsurdSizeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ChartSpec.of("t", List.of(), 60, 60));
    assertThrows(IllegalArgumentException.class, () -> ChartSpec.of("t", List.of(), 60, 0));
    ChartSpec spec = ChartSpec.of("t", List.of(), 0, 60);
    assertThrows(IllegalArgumentException.class, () -> spec.withSize(0, 300));
    assertThrows(IllegalArgumentException.class, () -> spec.withSize(800, 50_000));
  }

  @Test
  void aThresholdNeedsAFiniteValueAndALevel() {
    assertThrows(IllegalArgumentException.class, () -> Threshold.critical(Double.NaN));
    assertThrows(NullPointerException.class, () -> new Threshold("x", 1, null));
  }

  @Test
  void aPointWithoutAFiniteValueHasNoValue() {
    assertNull(new ChartSeries.Point(0, Double.NaN).value());
    assertNull(new ChartSeries.Point(0, Double.NEGATIVE_INFINITY).value());
    assertEquals(1.5, new ChartSeries.Point(0, 1.5).value());
  }
}

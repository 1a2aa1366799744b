package io.opsroom.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Date;
import java.util.List;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberTickUnit;
import org.junit.jupiter.api.Test;

class AxisFormatsTest {

  private static final long MARCH_14 = ChartSamples.MIDNIGHT;

  @Test
  void timeStepsSuitAnHourADayAndAWeek() {
    assertStep(AxisFormats.timeTickUnit(3_600, 720), DateTickUnitType.MINUTE, 10);
    assertStep(AxisFormats.timeTickUnit(86_400, 720), DateTickUnitType.HOUR, 3);
    assertStep(AxisFormats.timeTickUnit(7 * 86_400, 720), DateTickUnitType.DAY, 1);
    // A narrow email image gets fewer labels.
    assertStep(AxisFormats.timeTickUnit(86_400, 400), DateTickUnitType.HOUR, 6);
  }

  @Test
  void timesAreUtcWithTheDateAtMidnight() {
    DateTickUnit hours = AxisFormats.timeTickUnit(86_400, 720);
    assertEquals("10:30", hours.dateToString(new Date((MARCH_14 + 37_800) * 1000)));
    assertEquals("Mar 14", hours.dateToString(new Date(MARCH_14 * 1000)));
    DateTickUnit days = AxisFormats.timeTickUnit(7 * 86_400, 720);
    assertEquals("Mar 14", days.dateToString(new Date((MARCH_14 + 3_600) * 1000)));
  }

  @Test
  void valueStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertEquals(20, AxisFormats.niceStep(95, 5), 1e-9);
    assertEquals(0.5, AxisFormats.niceStep(2.1, 5), 1e-9);
    assertEquals(250, AxisFormats.niceStep(1_100, 5), 1e-9);
    assertEquals(1_000_000, AxisFormats.niceStep(4_200_000, 5), 1e-9);
  }

  @Test
  void valueLabelsUseSiPrefixesAndTheUnit() {
    assertEquals(
        List.of("0", "500k", "1M", "1.5M"), labels(AxisFormats.valueTickUnit(500_000, "")));
    assertEquals(
        List.of("0 B/s", "250 kB/s", "500 kB/s", "750 kB/s"),
        labels(AxisFormats.valueTickUnit(250_000, "B/s")));
    assertEquals(List.of("0%", "0.5%", "1%", "1.5%"), labels(AxisFormats.valueTickUnit(0.5, "%")));
    assertEquals(
        List.of("0 ms", "250 ms", "500 ms", "750 ms"),
        labels(AxisFormats.valueTickUnit(250, "ms")));
    assertEquals("1.25M", AxisFormats.valueTickUnit(250_000, "").valueToString(1_250_000));
    assertEquals("0", AxisFormats.valueTickUnit(0.1, "").valueToString(0.1 + 0.2 - 0.3));
  }

  @Test
  void singleValuesAreShortAndExact() {
    assertEquals("90", AxisFormats.formatValue(90, ""));
    assertEquals("1.5k", AxisFormats.formatValue(1_500, ""));
    assertEquals("99.5%", AxisFormats.formatValue(99.5, "%"));
    assertEquals("0.005 s", AxisFormats.formatValue(0.005, "s"));
    assertEquals("-2 GB", AxisFormats.formatValue(-2e9, "B"));
  }

  private static void assertStep(DateTickUnit unit, DateTickUnitType type, int multiple) {
    assertEquals(type, unit.getUnitType());
    assertEquals(multiple, unit.getMultiple());
  }

  private static List<String> labels(NumberTickUnit unit) {
    double step = unit.getSize();
    return List.of(
        unit.valueToString(0),
        unit.valueToString(step),
        unit.valueToString(2 * step),
        unit.valueToString(3 * step));
  }
}

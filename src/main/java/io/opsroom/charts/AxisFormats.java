package io.opsroom.charts;

import java.text.DateFormat;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.text.SimpleDateFormat;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberTickUnit;

/**
 * The tick steps and labels of both axes. Ticks are chosen here rather than by JFreeChart, for a
 * label every 90 pixels along the time axis and every 40 pixels up the value axis, whatever the
 * fonts: steps of 1, 2, 2.5 or 5 times a power of ten, large values with SI prefixes ({@code 1.5k},
 * {@code 2 MB}), and times in UTC as {@code HH:mm}, with the date at midnight.
 */
final class AxisFormats {

  static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  static final int TIME_LABEL_SPACING = 90;
  static final int VALUE_LABEL_SPACING = 40;

  private static final double[] MANTISSAS = {1, 2, 2.5, 5, 10};
  private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P"};

  private AxisFormats() {}

  /** One step of the time axis, its length, and whether it counts days or longer. */
  private record TimeStep(DateTickUnitType type, int multiple, long seconds) {}

  private static final List<TimeStep> TIME_STEPS =
      List.of(
          new TimeStep(DateTickUnitType.SECOND, 10, 10),
          new TimeStep(DateTickUnitType.SECOND, 30, 30),
          new TimeStep(DateTickUnitType.MINUTE, 1, 60),
          new TimeStep(DateTickUnitType.MINUTE, 2, 120),
          new TimeStep(DateTickUnitType.MINUTE, 5, 300),
          new TimeStep(DateTickUnitType.MINUTE, 10, 600),
          new TimeStep(DateTickUnitType.MINUTE, 15, 900),
          new TimeStep(DateTickUnitType.MINUTE, 30, 1800),
          new TimeStep(DateTickUnitType.HOUR, 1, 3600),
          new TimeStep(DateTickUnitType.HOUR, 2, 7200),
          new TimeStep(DateTickUnitType.HOUR, 3, 10800),
          new TimeStep(DateTickUnitType.HOUR, 6, 21600),
          new TimeStep(DateTickUnitType.HOUR, 12, 43200),
          new TimeStep(DateTickUnitType.DAY, 1, 86400),
          new TimeStep(DateTickUnitType.DAY, 2, 172800),
          new TimeStep(DateTickUnitType.DAY, 7, 604800),
          new TimeStep(DateTickUnitType.MONTH, 1, 2_629_746),
          new TimeStep(DateTickUnitType.MONTH, 3, 7_889_238),
          new TimeStep(DateTickUnitType.YEAR, 1, 31_556_952));

  /** The time step for a range of {@code spanSeconds} drawn {@code plotWidth} pixels wide. */
  static DateTickUnit timeTickUnit(long spanSeconds, int plotWidth) {
    long maxTicks = Math.max(2, plotWidth / TIME_LABEL_SPACING);
    TimeStep chosen = TIME_STEPS.get(TIME_STEPS.size() - 1);
    for (TimeStep step : TIME_STEPS) {
      if (spanSeconds / step.seconds() <= maxTicks) {
        chosen = step;
        break;
      }
    }
    DateFormat format;
    if (chosen.type() == DateTickUnitType.YEAR) {
      format = utcFormat("yyyy");
    } else if (chosen.type() == DateTickUnitType.MONTH) {
      format = utcFormat("MMM yyyy");
    } else if (chosen.type() == DateTickUnitType.DAY) {
      format = utcFormat("MMM d");
    } else {
      format = new MidnightDateFormat(chosen.type() == DateTickUnitType.SECOND);
    }
    return new DateTickUnit(chosen.type(), chosen.multiple(), format);
  }

  /**
   * A step of 1, 2, 2.5 or 5 times a power of ten that cuts {@code range} into at most {@code
   * maxTicks} parts.
   */
  static double niceStep(double range, int maxTicks) {
    double raw = range / Math.max(1, maxTicks);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double mantissa : MANTISSAS) {
      if (mantissa * magnitude >= raw * (1 - 1e-9)) {
        return mantissa * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /** The value axis tick unit: {@code step}, each label with the SI prefix that suits it. */
  static NumberTickUnit valueTickUnit(double step, String unit) {
    return new NumberTickUnit(step, new ScaledFormat(step, unit));
  }

  /**
   * A single value as a label shows it: {@code 90}, {@code 1.5k}, {@code 250 ms}, {@code 99.5%}.
   */
  static String formatValue(double value, String unit) {
    return new ScaledFormat(0, unit).format(value);
  }

  private static int prefixIndex(double magnitude) {
    int prefix = 0;
    while (prefix < PREFIXES.length - 1 && magnitude >= Math.pow(1000, prefix + 1)) {
      prefix++;
    }
    return prefix;
  }

  private static String suffix(int prefix, String unit) {
    if (unit.isEmpty()) {
      return PREFIXES[prefix];
    }
    if (unit.equals("%") && prefix == 0) {
      return "%";
    }
    return " " + PREFIXES[prefix] + unit;
  }

  /** The fewest decimals that show {@code step} exactly (0.25 needs two, 20 none). */
  private static int decimalsFor(double step) {
    for (int decimals = 0; decimals < 8; decimals++) {
      double scaled = step * Math.pow(10, decimals);
      if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, scaled)) {
        return decimals;
      }
    }
    return 8;
  }

  private static SimpleDateFormat utcFormat(String pattern) {
    SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.ENGLISH);
    format.setTimeZone(UTC);
    return format;
  }

  /**
   * Numbers with an SI prefix chosen per value ({@code 500k}, {@code 1.5M}), as many decimals as
   * the tick step needs and no trailing zeros, and the unit.
   */
  static final class ScaledFormat extends NumberFormat {

    private final double step;
    private final String unit;

    /** For ticks {@code step} apart; a step of 0 formats single values with up to 2 decimals. */
    ScaledFormat(double step, String unit) {
      this.step = step;
      this.unit = unit;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
      // A tick computed as 0.3 - 0.1 - 0.2 can come out as a tiny number: show it as 0.
      double value = Math.abs(number) <= step * 1e-9 ? 0 : number;
      int prefix = prefixIndex(Math.abs(value));
      double divisor = Math.pow(1000, prefix);
      int decimals;
      if (step > 0) {
        decimals = decimalsFor(step / divisor);
      } else {
        decimals = Math.abs(value) < 1 ? 4 : 2;
      }
      DecimalFormat decimal =
          new DecimalFormat(
              decimals == 0 ? "0" : "0." + "#".repeat(decimals),
              DecimalFormatSymbols.getInstance(Locale.ROOT));
      String digits = decimal.format(value / divisor);
      if (digits.equals("-0")) {
        digits = "0";
      }
      return toAppendTo.append(digits).append(suffix(prefix, unit));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
      return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
      throw new UnsupportedOperationException("Axis labels are not parsed.");
    }
  }

  /**
   * Times of day as {@code HH:mm} (or {@code HH:mm:ss} for steps under a minute), and the date as
   * {@code Mar 14} at midnight, so a 24-hour chart shows where the day changes.
   */
  static final class MidnightDateFormat extends DateFormat {

    private final SimpleDateFormat time;
    private final SimpleDateFormat date = utcFormat("MMM d");

    MidnightDateFormat(boolean seconds) {
      this.time = utcFormat(seconds ? "HH:mm:ss" : "HH:mm");
      // DateFormat's own equals and hashCode read these two fields.
      this.calendar = Calendar.getInstance(UTC, Locale.ENGLISH);
      this.numberFormat = NumberFormat.getIntegerInstance(Locale.ROOT);
    }

    @Override
    public StringBuffer format(Date when, StringBuffer toAppendTo, FieldPosition fieldPosition) {
      boolean midnight = Math.floorMod(when.getTime(), 86_400_000L) == 0;
      return toAppendTo.append((midnight ? date : time).format(when));
    }

    @Override
    public Date parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("Axis labels are not parsed.");
    }
  }
}

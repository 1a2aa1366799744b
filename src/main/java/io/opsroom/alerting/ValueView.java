package io.opsroom.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Writes measured values for people ({@code inject:values}): four significant digits, no trailing
 * zeros, thousands grouped ({@code 7.562}, {@code 40,927,232}).
 */
@ApplicationScoped
@Named("values")
public class ValueView {

  public String format(Double value) {
    if (value == null) {
      return "";
    }
    if (Math.abs(value) >= 10_000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    BigDecimal rounded = BigDecimal.valueOf(value).round(new MathContext(4)).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
  }
}

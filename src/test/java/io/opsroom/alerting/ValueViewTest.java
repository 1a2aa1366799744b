package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ValueViewTest {

  @Test
  void valuesReadLikeNumbersPeopleWrite() {
    ValueView values = new ValueView();
    assertEquals("7.562", values.format(7.561659974905287));
    assertEquals("50", values.format(50.0));
    assertEquals("0.001235", values.format(0.0012345));
    assertEquals("40,927,232", values.format(40927232.0));
    assertEquals("1235", values.format(1234.5));
    assertEquals("-0.1717", values.format(-0.17169060867123745));
    assertEquals("", values.format(null));
  }
}

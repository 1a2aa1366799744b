package io.opsroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A prefix fills every {prefix} of a target and can never change what the target means. */
class PanelTargetsTest {

  private static Panel panel(String target) {
    return new Panel("p", "P", target, null, null, null, null, null, null);
  }

  @Test
  void everyPlaceholderIsFilledAndGraphiteBracesAreLeftAlone() {
    Panel p =
        panel(
            "group(alias(averageSeries({prefix}.*.response_time.mean), 'mean'),"
                + " maxSeries({prefix}.*.response_time.{p95,p99}))");
    assertEquals(
        "group(alias(averageSeries(app.shop.*.response_time.mean), 'mean'),"
            + " maxSeries(app.shop.*.response_time.{p95,p99}))",
        PanelTargets.fill(p, "app.shop"));
  }

  @Test
  void syntaxCharactersInAPrefixAreEscapedSoTheyStayPartOfTheName() {
    assertEquals(
        "sumSeries(a\\,b\\)\\=c\\'d.x)",
        PanelTargets.fill(panel("sumSeries({prefix}.x)"), "a,b)=c'd"));
    assertEquals("a\\\\b\\{c\\}\\\"", PanelTargets.escape("a\\b{c}\""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "servers.*",
        "web?1",
        "app.[ab]",
        "a b",
        "tab\tx",
        ".lead",
        "trail.",
        "a..b",
        " ",
        ""
      })
  void wildcardsWhiteSpaceAndEmptyPartsAreRefused(String prefix) {
    assertTrue(PanelTargets.prefixProblem(prefix).isPresent(), prefix);
    assertThrows(
        IllegalArgumentException.class, () -> PanelTargets.fill(panel("{prefix}.x"), prefix));
  }

  @Test
  void noPrefixIsAProblemNotAnError() {
    assertEquals("It has no Graphite prefix.", PanelTargets.prefixProblem(null).orElseThrow());
  }
}

package io.opsroom.graphite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RenderInputTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "servers.web1.load",
        "servers.{web1,web2}.load",
        "servers.web[12].load",
        "asPercent(sumSeries(app.*.5xx), sumSeries(app.*.all))",
        "aliasSub(a.b, \"(\\d+)\", \"\\1\")",
        "alias(a.b, 'a ) or a , in a string')",
        "seriesByTag('name=app.requests', 'host=web1')",
        "servers.*.load|sumSeries()",
        "metric\\(with\\)escaped\\,chars"
      })
  void oneWellFormedExpressionIsSent(String target) {
    assertEquals(Optional.empty(), RenderInput.targetProblem(target));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "a.b)",
        "sumSeries(a.b",
        "a.{b,c",
        "a.b}",
        "alias(a.b, 'open)",
        "a.b, c.d",
        "sumSeries(a.b),c.d",
        "a.b\nc.d"
      })
  void anythingElseIsRefusedBeforeItReachesGraphite(String target) {
    assertTrue(RenderInput.targetProblem(target).isPresent(), target);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-5min",
        "-10s",
        "-1h",
        "-2d",
        "-1w",
        "-3mon",
        "-1y",
        "-1h30min",
        "-5MIN",
        "now",
        "now-5min",
        "1795244820",
        "12:00_20260101",
        "midnight"
      })
  void graphiteTimesPass(String time) {
    assertEquals(Optional.empty(), RenderInput.timeProblem("from", time));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5m", "now-5m", "-1x", "-1h30m", ""})
  void unitsGraphiteDoesNotKnowAreCaught(String time) {
    assertTrue(RenderInput.timeProblem("from", time).isPresent(), time);
  }

  @org.junit.jupiter.api.Test
  void theMessageSaysHowGraphiteWritesMinutes() {
    assertEquals(
        "from=-5m has the unit 'm', which Graphite does not know (minutes are 'min', months"
            + " 'mon')",
        RenderInput.timeProblem("from", "-5m").orElseThrow());
  }
}

package io.opsroom.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.charts.ChartSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The panels file: the shipped set reads, and each mistake is reported with its line. */
class PanelFileTest {

  private static PanelSet parse(String yaml) throws PanelFile.InvalidException {
    return PanelFile.parse(yaml.getBytes(StandardCharsets.UTF_8), "panels.yaml");
  }

  private static List<String> problems(String yaml) {
    return assertThrows(PanelFile.InvalidException.class, () -> parse(yaml)).problems();
  }

  @Test
  void theShippedPanelsHaveWhatTheIssueAsksFor() {
    PanelSet set = Panels.builtIn();
    assertEquals(
        List.of("load", "cpu", "memory", "swap", "disk", "inodes", "network"),
        set.servers().stream().map(Panel::id).toList());
    assertEquals(
        List.of("requests", "response-time", "errors", "not-found", "smoke"),
        set.applications().stream().map(Panel::id).toList());
    Panel errors = set.find(Panel.Scope.APPLICATIONS, "errors").orElseThrow();
    assertEquals("%", errors.unit());
    assertEquals(5.0, errors.critical());
    assertEquals(
        ChartSpec.Kind.BAR, set.find(Panel.Scope.APPLICATIONS, "smoke").orElseThrow().kind());
    assertEquals(
        Panel.Worst.LOW, set.find(Panel.Scope.APPLICATIONS, "requests").orElseThrow().worst());
  }

  @Test
  void aMinimalPanelTakesItsDefaults() throws Exception {
    PanelSet set = parse("servers:\n  - id: load\n    target: \"{prefix}.load\"\n");
    Panel load = set.servers().get(0);
    assertEquals("load", load.title());
    assertEquals(ChartSpec.Kind.LINE, load.kind());
    assertEquals(Panel.Worst.HIGH, load.worst());
    assertTrue(set.applications().isEmpty());
  }

  @Test
  void mistakesAreListedWithTheirLines() {
    List<String> problems =
        problems(
            """
            servers:
              - id: Load
                target: "servers.web.load"
                kind: pie
                warning: high
                colour: red
              - id: disk
                target: "{prefix}.df"
              - id: disk
                target: "{prefix}.df2"
            apps: []
            """);
    assertTrue(
        problems.contains("line 11: unknown key apps: use servers: and applications:"),
        problems.toString());
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("line 2: id Load must be lower-case")),
        problems.toString());
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("line 3: the target must hold {prefix}")),
        problems.toString());
    assertTrue(
        problems.contains("line 4: kind pie is not one of line, area, bar"), problems.toString());
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("line 5: warning must be a number")),
        problems.toString());
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith("line 6: unknown key colour")),
        problems.toString());
    assertTrue(
        problems.stream()
            .anyMatch(p -> p.startsWith("line 9: a second servers panel with id disk")),
        problems.toString());
  }

  @Test
  void aPanelWithoutTargetOrAFileOfTheWrongShapeIsRefused() {
    assertTrue(problems("servers:\n  - id: x\n").get(0).contains("the panel has no target"));
    assertTrue(problems("servers: load\n").get(0).contains("servers must be a list of panels"));
    assertTrue(problems("- a\n").get(0).contains("expected servers: and applications:"));
    assertTrue(problems("servers: [\n").get(0).startsWith("line"));
  }

  @Test
  void rangesAreTheFourOffered() {
    assertEquals(StatsRange.WEEK, StatsRange.parse("7d"));
    assertEquals(StatsRange.DAY, StatsRange.parse(null));
    assertEquals("24h, 7d, 4w or 1y", StatsRange.allowed());
    assertThrows(io.opsroom.platform.InvalidInputException.class, () -> StatsRange.parse("-5min"));
  }
}

package io.opsroom.alerting;

import static io.opsroom.alerting.AlertFixtures.assertProblems;
import static io.opsroom.alerting.AlertFixtures.parse;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.alerting.AlertDefinition.Direction;
import io.opsroom.alerting.AlertDefinition.NoData;
import io.opsroom.alerting.AlertDefinition.Reduce;
import io.opsroom.alerting.AlertTemplate.Kind;
import io.opsroom.alerting.CompositeRule.AlertIs;
import io.opsroom.alerting.CompositeRule.All;
import io.opsroom.alerting.CompositeRule.Any;
import io.opsroom.alerting.CompositeRule.AtLeast;
import io.opsroom.alerting.CompositeRule.Quota;
import io.opsroom.alerting.CompositeRule.State;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertFileParserTest {

  private static final String PLACEHOLDERS =
      "{server.name}, {server.kind}, {server.host}, {server.location}, {server.environment},"
          + " {server.status}, {server.primaryFunction}, {server.os}, {server.cpus},"
          + " {server.memoryMb}, {server.diskGb}, {server.graphitePrefix}";

  // ------------------------------------------------------------------------------ valid files

  @Test
  void validBasicReadsEveryKey() {
    AlertFile file = parse("valid-basic.yaml");

    assertProblems(file);
    assertTrue(file.valid());
    AlertDefinition web = file.alerts().get(0);
    assertEquals("web-5xx-percent", web.id());
    assertEquals("Web 5xx responses", web.name());
    assertEquals(
        "asPercent(sumSeries(app.web.*.status.5xx), sumSeries(app.web.*.status.all))",
        web.target());
    assertEquals(1.0, web.warning());
    assertEquals(5.0, web.critical());
    assertEquals(Direction.ABOVE, web.direction());
    assertEquals(Reduce.AVG, web.reduce());
    assertEquals(Duration.ofMinutes(10), web.window());
    assertEquals(3, web.forChecks());
    assertEquals(NoData.OK, web.noData());
    assertEquals(Optional.of(Duration.ofMinutes(2)), web.interval());
    assertEquals(Map.of("severity", "page", "team", "web"), web.labels());
    assertEquals(List.of("severity", "team"), List.copyOf(web.labels().keySet()));
    assertEquals("https://wiki.example.org/runbooks/web-5xx", web.runbook());
    assertEquals(
        "More than **5 %** of the requests to the web tier fail.\n"
            + "Look at the load balancer first.",
        web.description());
    assertEquals(List.of("-6h", "-7d"), web.graph());
    assertEquals(new AlertDefinition.Source("valid-basic.yaml", 3), web.source());
    assertFalse(web.isComposite());
  }

  @Test
  void validBasicInfersTheDirectionAndFillsTheDefaults() {
    List<AlertDefinition> alerts = parse("valid-basic.yaml").alerts();

    AlertDefinition disk = alerts.get(1);
    assertEquals("disk-free-db01", disk.id());
    assertEquals(Direction.BELOW, disk.direction(), "critical 10 below warning 20: low is bad");
    assertEquals(Reduce.MIN, disk.reduce());
    assertEquals(Duration.ofHours(1), disk.window());

    AlertDefinition queue = alerts.get(2);
    assertEquals(Direction.BELOW, queue.direction(), "one threshold, direction written");
    assertEquals(0.5, queue.warning());
    assertNull(queue.critical());

    AlertDefinition load = alerts.get(3);
    assertEquals("load-web01", load.id());
    assertEquals("load-web01", load.name(), "the id when there is no name");
    assertEquals(Direction.ABOVE, load.direction(), "one threshold, nothing written: above");
    assertEquals(Reduce.LAST, load.reduce());
    assertEquals(Duration.ofMinutes(5), load.window());
    assertEquals(1, load.forChecks());
    assertEquals(NoData.UNKNOWN, load.noData());
    assertEquals(Optional.empty(), load.interval());
    assertEquals(Map.of(), load.labels());
    assertNull(load.runbook());
    assertEquals(List.of("-24h", "-7d"), load.graph());
    assertEquals(33, load.source().line());
  }

  @Test
  void validDefaultsAreMergedIntoEachAlertWhichMayOverrideThem() {
    AlertFile file = parse("valid-defaults.yaml");

    assertProblems(file);
    AlertDefinition lag = file.alerts().get(0);
    assertEquals(Duration.ofMinutes(15), lag.window());
    assertEquals(Reduce.MAX, lag.reduce());
    assertEquals(2, lag.forChecks());
    assertEquals(NoData.CRITICAL, lag.noData());
    assertEquals(Optional.of(Duration.ofMinutes(5)), lag.interval());
    assertEquals(Map.of("team", "data", "severity", "ticket"), lag.labels());
    assertEquals("https://wiki.example.org/runbooks/data", lag.runbook());
    assertEquals(List.of("-3d"), lag.graph());

    AlertDefinition backup = file.alerts().get(1);
    assertEquals(Reduce.LAST, backup.reduce());
    assertEquals(1, backup.forChecks());
    assertEquals(NoData.UNKNOWN, backup.noData());
    assertEquals(Duration.ofMinutes(15), backup.window());
    assertEquals(
        Map.of("team", "data", "severity", "page", "app", "backup"),
        backup.labels(),
        "labels merge key by key, the alert's win");
    assertEquals("/runbooks/backup", backup.runbook());
  }

  @Test
  void validForEachKeepsItsPlaceholdersForTheRegistryToFill() {
    AlertFile file = parse("valid-for-each.yaml");

    assertProblems(file);
    assertEquals(List.of(), file.alerts());
    assertEquals(3, file.templates().size());

    AlertTemplate load = file.templates().get(0);
    assertEquals(Kind.SERVERS, load.forEach().kind());
    assertEquals(
        Map.of("environment", "production", "status", "active"),
        load.forEach().filter(),
        "only active servers unless the filter names a status");
    assertEquals("load-{server.name}", load.pattern().id());
    assertEquals("{server.graphitePrefix}.load.load.shortterm", load.pattern().target());
    assertEquals(Map.of("location", "{server.location}", "team", "ops"), load.pattern().labels());

    AlertTemplate errors = file.templates().get(1);
    assertEquals(Kind.APPLICATIONS, errors.forEach().kind());
    assertEquals(Map.of("technology", "Java", "status", "active"), errors.forEach().filter());
    assertEquals("{application.runbookUrl}", errors.pattern().runbook());

    AlertTemplate planned = file.templates().get(2);
    assertEquals(
        Map.of("primaryFunction", "Web server", "status", "planned"), planned.forEach().filter());
  }

  @Test
  void validNotifyAddsChannelsAndAddressesToAnAlert() {
    AlertFile file = parse("valid-notify.yaml");

    assertProblems(file);
    Map<String, List<String>> notifyTo = new LinkedHashMap<>();
    file.alerts().forEach(a -> notifyTo.put(a.id(), a.notifyTo()));
    assertEquals(
        List.of("ops-mail", "someone@example.org"),
        notifyTo.get("web-5xx"),
        "channel names and addresses, each once");
    assertEquals(List.of("ops-mail"), notifyTo.get("disk-free"), "the defaults' notify");
    assertEquals(List.of(), notifyTo.get("queue-depth"), "notify: [] replaces the defaults'");
    assertEquals(
        List.of("Backup Team <backup@example.org>"),
        notifyTo.get("backup-age"),
        "one recipient without a list");
    assertEquals(List.of("slack-ops"), notifyTo.get("web-healthy"), "composites notify too");

    AlertTemplate load = file.templates().get(0);
    assertEquals(List.of("slack_ops", "pager-2"), load.pattern().notifyTo());
    List<AlertDefinition> made =
        ForEachExpander.expand(
                load,
                List.of(
                    Map.of("name", "web01", "graphitePrefix", "servers.web01"),
                    Map.of("name", "web02", "graphitePrefix", "servers.web02")))
            .alerts();
    assertEquals(2, made.size());
    made.forEach(
        alert ->
            assertEquals(
                List.of("slack_ops", "pager-2"), alert.notifyTo(), "for_each copies notify"));
  }

  @Test
  void invalidNotifyRefusesWhatIsNeitherAChannelNorAnAddress() {
    String neither =
        " is neither a channel of routes.yaml (lower-case letters, digits, - and _) nor one email"
            + " address such as someone@example.org";
    String shape =
        "notify is a list of channels of routes.yaml and email addresses, such as [ops-mail,"
            + " someone@example.org], not ";
    AlertFile file = parse("invalid-notify.yaml");

    assertProblems(
        file,
        "2: notify: \"Ops Mail\"" + neither,
        "8: notify: \"not an address\"" + neither,
        "8: notify: \"a@example.org, b@example.org\""
            + neither
            + ": write several as a list, notify: [a@example.org, b@example.org]",
        "8: " + shape + "a mapping",
        "8: " + shape + "the value true",
        "18: unknown key \"email_to\" (recipients go in notify: [a channel of routes.yaml, or an"
            + " email address], or in the label email_to)");
    assertEquals(
        List.of(),
        file.alerts(),
        "disk-free would take the broken default; the others are wrong themselves");
  }

  @Test
  void unknownChannelNamesInNotifyAreNotTheAlertFilesProblem() {
    AlertFile file =
        inline(
            "alerts:\n  - id: x\n    target: a.b\n    critical: 1\n"
                + "    notify: [no-such-channel]\n");

    assertProblems(file);
    assertEquals(
        List.of("no-such-channel"),
        file.alerts().get(0).notifyTo(),
        "routes.yaml is reloaded on its own: the notify side skips unknown names with a warning");
  }

  @Test
  void validHoundIsReadAsItIs() {
    AlertFile file = parse("valid-hound.json");

    assertProblems(file);
    AlertDefinition failed = file.alerts().get(0);
    assertEquals("capsim-smoketests-failed", failed.id());
    assertEquals("Capsim Smoketests Failed", failed.name());
    assertEquals("ccnmtl.app.smoketest.capsim.failed", failed.target());
    assertNull(failed.warning());
    assertEquals(0.5, failed.critical(), "an Alert's threshold is critical");
    assertEquals(Direction.ABOVE, failed.direction());
    assertEquals(Reduce.LAST, failed.reduce());
    assertEquals(Duration.ofMinutes(10), failed.window(), "Hound's window");
    assertEquals(1, failed.forChecks(), "Hound fires at the first failing check");
    assertEquals(Map.of("email_to", "capsim@example.org"), failed.labels());
    assertEquals("https://wiki.example.org/capsim", failed.runbook());
    assertEquals(new AlertDefinition.Source("valid-hound.json", 8), failed.source());

    AlertDefinition passed = file.alerts().get(1);
    assertEquals(Direction.BELOW, passed.direction());
    assertEquals(
        Map.of("email_to", "ops@example.org"), passed.labels(), "the file's EmailTo by default");
    assertEquals(List.of(), passed.notifyTo(), "EmailTo stays a label; the notify side reads both");

    AlertDefinition notice = file.alerts().get(2);
    assertEquals("load-web", notice.id());
    assertEquals(
        "keepLastValue(servers.web01.load.load.shortterm)",
        notice.target(),
        "whitespace removed, as Hound did");
    assertEquals(4.0, notice.warning(), "a Notice's threshold is a warning");
    assertNull(notice.critical());
    assertEquals(Direction.ABOVE, notice.direction(), "keys and words in any case, as in Go");
  }

  @Test
  void validCompositeReadsTheRuleIntoRecords() {
    AlertFile file = parse("valid-composite.yaml");

    assertProblems(file);
    AlertDefinition site = file.alerts().get(0);
    assertTrue(site.isComposite());
    assertNull(site.target());
    assertNull(site.direction());
    assertEquals(
        new All(
            List.of(
                new AtLeast(Quota.percent(80), Map.of("role", "appserver"), State.OK),
                new AlertIs("web-5xx-percent", State.OK))),
        site.composite());
    assertEquals(Map.of("team", "web"), site.labels());

    AlertDefinition database = file.alerts().get(1);
    assertEquals(
        new Any(
            List.of(
                new AlertIs("db01-up", State.OK),
                new AtLeast(Quota.count(1), Map.of("role", "database"), State.OK),
                new All(
                    List.of(
                        new AlertIs("db02-up", State.OK),
                        new AlertIs("db02-lag", State.WARNING))))),
        database.composite());
    assertEquals(2, database.forChecks());
  }

  @Test
  void anEmptyFileDefinesNothingAndIsFine() {
    AlertFile file = new AlertFileParser().parse("empty.yaml", "# nothing yet\n".getBytes(UTF_8));

    assertTrue(file.valid());
    assertEquals(0, file.size());
  }

  // ---------------------------------------------------------------------------- invalid files

  @Test
  void invalidYamlSyntaxPointsAtTheBadLine() {
    AlertFile file = parse("invalid-yaml-syntax.yaml");

    assertProblems(
        file,
        "4: invalid YAML: expected <block end>, but found '<block mapping start>' (while parsing a"
            + " block collection at line 2); check the indentation, and quote a value that starts with {"
            + " or [ (target: \"{server.graphitePrefix}.load\")");
    assertEquals(0, file.size());
  }

  @Test
  void invalidUnknownKeyIsRefusedWithASuggestion() {
    AlertFile file = parse("invalid-unknown-key.yaml");

    assertProblems(
        file,
        "5: unknown key \"critcal\" (did you mean \"critical\"?)",
        "6: unknown key \"severity\" (write it as a label: labels: {severity: ...})");
    assertEquals("web-5xx-percent", file.problems().get(0).alertId());
    assertEquals(
        List.of("still-fine"),
        file.alerts().stream().map(AlertDefinition::id).toList(),
        "the alerts that are valid on their own are kept for when the file has no good version");
  }

  @Test
  void invalidMissingTarget() {
    String message =
        "the alert has no target: write the Graphite expression to check, such as \"target:"
            + " servers.web01.load.load.shortterm\" (or a composite: rule)";

    assertProblems(parse("invalid-missing-target.yaml"), "2: " + message, "7: " + message);
  }

  @Test
  void invalidThresholdsOnTheWrongSidesOfTheDirection() {
    assertProblems(
        parse("invalid-thresholds-wrong-side.yaml"),
        "4: warning 10 is above critical 5 but direction is above: with direction above, warning"
            + " is at or below critical (swap them, or write direction: below)",
        "10: warning 5 is below critical 10 but direction is below: with direction below, warning"
            + " is at or above critical (swap them, or write direction: above)",
        "16: warning and critical are both 5, so the direction cannot be inferred: write"
            + " direction: above or direction: below",
        "19: the alert has neither warning nor critical: give at least one threshold");
  }

  @Test
  void invalidDuplicateIdInOneFile() {
    AlertFile file = parse("invalid-duplicate-id-in-file.yaml");

    assertProblems(
        file, "6: id \"load-web01\" is already used at line 2 of this file: ids are unique");
    assertEquals(1, file.alerts().size());
  }

  @Test
  void invalidPlaceholderNamesItAndTheAvailableOnes() {
    assertProblems(
        parse("invalid-placeholder.yaml"),
        "4: target: unknown placeholder {server.graphite_prefix} (did you mean"
            + " {server.graphitePrefix}?); the placeholders are "
            + PLACEHOLDERS,
        "6: label owner: {application.name} does not fit for_each servers; the placeholders are "
            + PLACEHOLDERS,
        "8: id: unknown placeholder {servers.name} (did you mean {server.name}?)",
        "13: id: {server.name} is a placeholder, but the alert has no for_each: add for_each:"
            + " {servers: {...}}",
        "14: target: {server.graphitePrefix} is a placeholder, but the alert has no for_each: add"
            + " for_each: {servers: {...}}",
        "18: for_each servers cannot be filtered by \"enviroment\" (did you mean"
            + " \"environment\"?); the properties are name, kind, host, location, environment,"
            + " status, primaryFunction, os, cpus, memoryMb, diskGb, graphitePrefix",
        "24: the target of a for_each alert needs a placeholder such as {server.graphitePrefix}:"
            + " without one, every alert it makes checks the same series");
  }

  @Test
  void invalidWindow5mSaysMinutesAreMin() {
    AlertFile file = parse("invalid-window-5m.yaml");

    assertProblems(
        file,
        "2: window \"5m\": minutes are \"min\" in Graphite, as in 5min (graphite-web refuses"
            + " \"m\": Invalid offset unit 'm')",
        "8: interval \"1M\": Graphite units are lower-case: minutes are \"min\" (1min), months"
            + " \"mon\" (1mon)",
        "9: graph range \"-2x\": unknown unit \"x\"; use s, min, h, d, w, mon or y (as in 30s,"
            + " 5min, 1h, 1d)",
        "14: window \"300\" has no unit: write 300s, 300min, 300h ...");
    assertEquals(
        0, file.size(), "an alert taking a broken default is left out, not run with another");
  }

  @Test
  void invalidNanAndInfinityAreRefused() {
    AlertFile file = parse("invalid-nan.yaml");

    assertProblems(
        file,
        "4: warning must be a finite number, not .nan",
        "9: critical must be a finite number, not .inf",
        "13: critical must be a finite number, not NaN",
        "14: warning must be a number, not the text \"high\"");
    assertEquals(8.5, file.alerts().get(0).critical(), "a quoted number is still a number");
  }

  @Test
  void invalidDefaults() {
    assertProblems(
        parse("invalid-defaults.yaml"),
        "2: defaults cannot set target: it belongs to each alert; defaults takes window, reduce,"
            + " for, no_data, interval, labels, runbook, graph, notify",
        "3: unknown key \"windw\" (did you mean \"window\"?)",
        "4: label name \"Team\" is not valid: use lower-case letters, digits and _, starting with"
            + " a letter or _",
        "10: runbook must be a link starting with https://, http:// or /, not"
            + " \"javascript:alert(1)\"");
  }

  @Test
  void invalidCompositeShapes() {
    String shapes =
        "{all: [...]}, {any: [...]}, {alert: some-id, state: ok} or {at_least: 80%, of: {labels:"
            + " {...}}, state: ok}";
    assertProblems(
        parse("invalid-composite.yaml"),
        "3: target does not apply to a composite alert, whose state comes from the alerts its"
            + " rule names",
        "6: state \"fine\" is not one of ok, pending, warning, critical, unknown, error",
        "7: at_least takes a count of 1 or more (at_least: 3) or a percentage up to 100%"
            + " (at_least: 80%), not 120%",
        "8: of: takes {labels: {...}}, the labels of the alerts it counts",
        "9: a composite rule starts with all, any, alert or at_least (did you mean \"alert\"?), as"
            + " in "
            + shapes,
        "10: all: takes a list of one or more rules such as " + shapes);
  }

  @Test
  void invalidHound() {
    assertProblems(
        parse("invalid-hound.json"),
        "8: Direction \"up\" is not one of above, below",
        "10: unknown key \"RunbookUrl\"; a Hound alert takes Name, Metric, Type, Threshold,"
            + " Direction, EmailTo, RunBookLink",
        "12: the Hound alert has no Direction: write \"above\" or \"below\" (Hound took a missing"
            + " one as below)",
        "14: Metric has 1 '(' without ')': sumSeries(app.worker.*.queue.length",
        "15: Threshold must be a number, not the text \"lots\"");
  }

  @Test
  void invalidSmallCasesEachHaveTheirMessage() {
    assertProblems(
        inline("a: 1\n---\nb: 2\n"),
        "3: a file holds one YAML document, but a second one starts here: remove the \"---\" line"
            + " and keep all alerts under one alerts: list");
    assertProblems(
        inline("alerts:\n  - id: x\n    target: a.b\n    critical: 1\n    critical: 2\n"),
        "5: key \"critical\" appears twice in the same mapping (first at line 4): keep one");
    assertProblems(
        inline("base: &b 5\nalerts:\n  - id: x\n    target: a.b\n    critical: *b\n"),
        "5: YAML aliases (*b) are not supported: use defaults: for values that several alerts"
            + " share");
    assertProblems(
        inline("alerts:\n  - id: Web_5xx\n    target: a.b\n    critical: 1\n"),
        "2: id \"Web_5xx\" is not valid: use lower-case letters, digits, '.', '_' and '-',"
            + " starting with a letter or a digit");
    assertProblems(
        inline("alerts:\n  - name: x\n    target: sum(a.b))\n    critical: 1\n    for: 0\n"),
        "2: the alert has no id: give it a stable one such as \"id: web-5xx-percent\" (ids are"
            + " used in URLs and the history)",
        "3: target has a ')' without its '(' at character 9: sum(a.b))",
        "5: for must be a whole number of 1 or more (consecutive failing checks before the alert"
            + " fires), not 0");
    assertProblems(
        inline("- id: x\n"),
        "1: an alert file is a mapping with alerts: (and optionally defaults:) at the top, not a"
            + " list");
    assertProblems(
        inline("alert:\n  - id: x\n"), "1: unknown key \"alert\" (did you mean \"alerts\"?)");
    assertProblems(
        inline("alerts:\n  - id: x\n    target: a.b\n    critical: 1\n    reduce: average\n"),
        "5: reduce \"average\" is not one of last, avg, min, max, sum");
    assertProblems(
        inline("alerts:\n  - id: x\n    target: a.b\n    critical: 1\n    silence: 1h\n"),
        "5: unknown key \"silence\" (silences are made on the /silences page, not in alert"
            + " files)");
  }

  @Test
  void graphiteBracesAreNotPlaceholders() {
    AlertFile file =
        inline(
            "alerts:\n  - id: x\n    target: servers.{web01,web02}.load.{a.b}\n    critical: 1\n");

    assertProblems(file);
    assertEquals("servers.{web01,web02}.load.{a.b}", file.alerts().get(0).target());
  }

  @Test
  void aFileOverAMegabyteIsNotRead() {
    AlertFile file =
        new AlertFileParser().parse("huge.yaml", new byte[AlertFileParser.MAX_FILE_BYTES + 1]);

    assertProblems(
        file, "0: the file is larger than 1 MiB and is not read: split it into several files");
  }

  private static AlertFile inline(String yaml) {
    return new AlertFileParser().parse("inline.yaml", yaml.getBytes(UTF_8));
  }
}

package io.opsroom.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.alerting.AlertRegistry.FileStatus;
import io.opsroom.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRegistryTest {

  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(START);
  private final InventoryDouble inventory = new InventoryDouble();

  private AlertRegistry registry() {
    return new AlertRegistry(dir, clock, () -> inventory);
  }

  @Test
  void aBrokenFileKeepsItsLastGoodVersionUntilItIsFixed() throws IOException {
    AlertRegistry registry = registry();
    copy("valid-basic.yaml", "web.yaml");

    AlertRegistry.Snapshot good = registry.reload();
    assertEquals(
        List.of("disk-free-db01", "load-web01", "queue-empty", "web-5xx-percent"), ids(registry));
    assertEquals(List.of(), registry.problems());
    assertEquals(Optional.of(START), registry.lastLoad());
    assertEquals(
        List.of(new AlertRegistry.FileState("web.yaml", FileStatus.OK, 4, START)), good.files());

    clock.advance(Duration.ofMinutes(1));
    copy("invalid-unknown-key.yaml", "web.yaml");
    AlertRegistry.Snapshot broken = registry.reload();

    assertEquals(good.definitions(), broken.definitions(), "the last good version runs on");
    assertEquals(good.version(), broken.version());
    assertEquals(
        List.of(
            "web.yaml: the file has errors, so its last good version (read at"
                + " 2026-03-02T08:00:00Z) keeps running until they are fixed",
            "web.yaml:5: unknown key \"critcal\" (did you mean \"critical\"?)",
            "web.yaml:6: unknown key \"severity\" (write it as a label: labels: {severity: ...})"),
        problems(registry));
    assertEquals(START.plusSeconds(60), registry.problems().get(0).since());
    assertEquals(FileStatus.LAST_GOOD, broken.files().get(0).status());

    clock.advance(Duration.ofMinutes(1));
    registry.reload();
    assertEquals(
        START.plusSeconds(60),
        registry.problems().get(1).since(),
        "a problem keeps the time it was first seen");

    copy("valid-defaults.yaml", "web.yaml");
    AlertRegistry.Snapshot fixed = registry.reload();
    assertEquals(List.of(), registry.problems());
    assertEquals(List.of("backup-age", "replication-lag"), ids(registry));
    assertEquals(good.version() + 1, fixed.version());
  }

  @Test
  void aBrokenFileWithNoGoodVersionRunsItsValidAlerts() throws IOException {
    copy("invalid-unknown-key.yaml", "web.yaml");
    AlertRegistry registry = registry();

    AlertRegistry.Snapshot snapshot = registry.reload();

    assertEquals(List.of("still-fine"), ids(registry));
    assertEquals(FileStatus.PARTIAL, snapshot.files().get(0).status());
    assertNull(snapshot.files().get(0).lastGoodAt());
    assertEquals(
        "web.yaml: the file has errors and no good version since Opsroom started: the alerts that"
            + " are valid on their own run (1 alert), the others wait until it is fixed",
        problems(registry).get(0));
  }

  @Test
  void aBrokenFileDoesNotStopTheOthers() throws IOException {
    copy("valid-basic.yaml", "a.yaml");
    copy("invalid-yaml-syntax.yaml", "b.yaml");
    copy("valid-defaults.yaml", "c.yaml");

    AlertRegistry registry = registry();
    registry.reload();

    assertEquals(6, registry.definitions().size());
    assertEquals(
        List.of(
            "b.yaml: the file has errors and no good version since Opsroom started: none of its"
                + " alerts run until it is fixed",
            "b.yaml:4: invalid YAML: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block collection at line 2); check the indentation, and quote a"
                + " value that starts with { or [ (target: \"{server.graphitePrefix}.load\")"),
        problems(registry));
  }

  @Test
  void aDuplicateIdAcrossFilesLeavesOutTheLaterOneNamingBoth() throws IOException {
    copy("invalid-duplicate-id-a.yaml", "invalid-duplicate-id-a.yaml");
    copy("invalid-duplicate-id-b.yaml", "invalid-duplicate-id-b.yaml");
    AlertRegistry registry = registry();

    registry.reload();

    assertEquals(List.of("disk-web01", "load-web01"), ids(registry));
    assertEquals(
        "invalid-duplicate-id-a.yaml", registry.definition("load-web01").get().source().file());
    assertEquals(
        List.of(
            "invalid-duplicate-id-b.yaml:6: id \"load-web01\" is already used by the alert at"
                + " invalid-duplicate-id-a.yaml:2: this one is left out until one of them has"
                + " another id"),
        problems(registry));
    assertEquals("load-web01", registry.problems().get(0).alertId());
  }

  @Test
  void theAlertThatRanUnderAnIdKeepsItWhenAnotherFileTakesItLater() throws IOException {
    copy("invalid-duplicate-id-b.yaml", "z.yaml");
    AlertRegistry registry = registry();
    registry.reload();

    copy("invalid-duplicate-id-a.yaml", "a.yaml");
    registry.reload();

    assertEquals("z.yaml", registry.definition("load-web01").get().source().file());
    assertEquals(
        List.of(
            "a.yaml:2: id \"load-web01\" is already used by the alert at z.yaml:6: this one is"
                + " left out until one of them has another id"),
        problems(registry));
  }

  @Test
  void forEachMakesOneAlertPerMatchingActiveServer() throws IOException {
    inventory
        .server(
            "name",
            "web01",
            "environment",
            "production",
            "status",
            "active",
            "graphitePrefix",
            "servers.web01",
            "location",
            "dc1")
        .server(
            "name",
            "web02",
            "environment",
            "production",
            "status",
            "active",
            "graphitePrefix",
            null,
            "location",
            "dc1")
        .server(
            "name",
            "web03",
            "environment",
            "production",
            "status",
            "active",
            "graphitePrefix",
            "servers.web03")
        .server(
            "name",
            "db01",
            "environment",
            "staging",
            "status",
            "active",
            "graphitePrefix",
            "servers.db01")
        .server(
            "name",
            "old01",
            "environment",
            "production",
            "status",
            "decommissioned",
            "graphitePrefix",
            "servers.old01")
        .application(
            "name",
            "shop",
            "title",
            "The shop",
            "technology",
            "Java",
            "status",
            "active",
            "graphitePrefix",
            "apps.shop",
            "runbookUrl",
            "https://wiki.example.org/shop")
        .application(
            "name", "wiki", "technology", "PHP", "status", "active", "graphitePrefix", "apps.wiki");
    copy("valid-for-each.yaml", "fleet.yaml");
    AlertRegistry registry = registry();

    registry.reload();

    assertEquals(List.of("errors-shop", "load-web01", "load-web03"), ids(registry));
    AlertDefinition web01 = registry.definition("load-web01").get();
    assertEquals("Load on web01", web01.name());
    assertEquals("servers.web01.load.load.shortterm", web01.target());
    assertEquals(
        Map.of("location", "dc1", "team", "ops", "server", "web01"),
        web01.labels(),
        "placeholders filled, and the server label added");
    assertEquals("https://wiki.example.org/servers/web01", web01.runbook());
    assertEquals(8.0, web01.critical());
    assertEquals(new AlertDefinition.Source("fleet.yaml", 2), web01.source());
    assertEquals(
        Map.of("team", "ops", "server", "web03"),
        registry.definition("load-web03").get().labels(),
        "a label whose placeholder has no value is left out");

    AlertDefinition shop = registry.definition("errors-shop").get();
    assertEquals("sumSeries(apps.shop.errors.*)", shop.target());
    assertEquals("https://wiki.example.org/shop", shop.runbook());
    assertEquals("Errors of The shop.", shop.description());
    assertEquals(Map.of("app", "shop"), shop.labels());

    assertEquals(
        List.of(
            "fleet.yaml:2: server web02 has no graphitePrefix, which the alert's id or target"
                + " needs: no alert is made for it"),
        problems(registry));
    assertEquals(
        FileStatus.OK, registry.snapshot().files().get(0).status(), "the file itself is valid");
    assertEquals(3, registry.snapshot().files().get(0).alerts());
  }

  @Test
  void forEachFollowsTheInventoryAtEveryCheckWithoutAFileChange() throws IOException {
    inventory.server(
        "name",
        "web01",
        "environment",
        "production",
        "status",
        "active",
        "graphitePrefix",
        "servers.web01");
    copy("valid-for-each.yaml", "fleet.yaml");
    AlertRegistry registry = registry();
    AlertRegistry.Snapshot before = registry.reload();

    inventory.server(
        "name",
        "web04",
        "environment",
        "production",
        "status",
        "active",
        "graphitePrefix",
        "servers.web04");

    assertTrue(registry.checkForChanges());
    assertEquals(List.of("load-web01", "load-web04"), ids(registry));
    assertEquals(before.version() + 1, registry.snapshot().version());
    assertEquals(before.loadedAt(), registry.snapshot().loadedAt(), "no file was read");

    inventory.servers.remove(1);
    AlertRegistry.Snapshot after = registry.refreshInventory();
    assertEquals(List.of("load-web01"), ids(registry));
    assertEquals(before.version() + 2, after.version());
  }

  @Test
  void whenTheInventoryFailsTheAlertsMadeBeforeKeepRunning() throws IOException {
    inventory.server(
        "name",
        "web01",
        "environment",
        "production",
        "status",
        "active",
        "graphitePrefix",
        "servers.web01");
    copy("valid-for-each.yaml", "fleet.yaml");
    AlertRegistry registry = registry();
    AlertRegistry.Snapshot before = registry.reload();

    inventory.failure = new IllegalStateException("database is down");
    registry.refreshInventory();

    assertEquals(before.definitions(), registry.definitions());
    assertEquals(
        "fleet.yaml:2: the inventory could not be read for for_each servers (database is down):"
            + " the alerts made from it before (1 alert) keep running",
        problems(registry).get(0));

    inventory.failure = null;
    registry.refreshInventory();
    assertEquals(List.of(), registry.problems());
  }

  @Test
  void withoutAnInventoryForEachMakesNothingAndSaysSo() throws IOException {
    copy("valid-for-each.yaml", "fleet.yaml");
    AlertRegistry registry = new AlertRegistry(dir, clock, () -> null);

    registry.reload();

    assertEquals(List.of(), registry.definitions());
    assertEquals(
        "fleet.yaml:2: for_each needs the inventory, which this Opsroom cannot reach: the alert"
            + " makes no alerts",
        problems(registry).get(0));
  }

  @Test
  void compositesMustNameAlertsThatRunAndNotGoInCircles() throws IOException {
    copy("invalid-composite-reference.yaml", "site.yaml");
    AlertRegistry registry = registry();

    registry.reload();

    assertEquals(List.of("load-web01"), ids(registry));
    assertEquals(
        List.of(
            "site.yaml:6: the composite rule names alert \"load-web02\", which does not run (did"
                + " you mean \"load-web01\"?): the composite alert is left out until it is fixed",
            "site.yaml:9: composite alerts name each other in a circle (loop-a → loop-b →"
                + " loop-a): they are left out until it is broken",
            "site.yaml:12: composite alerts name each other in a circle (loop-a → loop-b →"
                + " loop-a): they are left out until it is broken"),
        problems(registry));
  }

  @Test
  void aChangedFileIsReadAtTheNextCheck() throws IOException {
    copy("valid-basic.yaml", "web.yaml");
    AlertRegistry registry = registry();
    registry.reload();

    assertFalse(registry.checkForChanges(), "nothing changed");

    Path file = dir.resolve("web.yaml");
    Files.writeString(file, Files.readString(file).replace("critical: 8", "critical: 9"));
    Files.setLastModifiedTime(file, FileTime.from(START.plusSeconds(3600)));
    clock.advance(Duration.ofSeconds(10));

    assertTrue(registry.checkForChanges());
    assertEquals(9.0, registry.definition("load-web01").get().critical());
    assertEquals(Optional.of(START.plusSeconds(10)), registry.lastLoad());

    Files.setLastModifiedTime(file, FileTime.from(START.plusSeconds(7200)));
    assertFalse(registry.checkForChanges(), "touched, but the content is the same");

    Files.delete(file);
    assertTrue(registry.checkForChanges());
    assertEquals(List.of(), registry.definitions(), "a removed file takes its alerts with it");
  }

  @Test
  void routesHiddenFilesAndOtherExtensionsAreNotAlertFiles() throws IOException {
    Files.writeString(dir.resolve("routes.yaml"), "routes: []\n");
    Files.writeString(dir.resolve("README.md"), "# alerts\n");
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/x.yaml"), "not: alerts\n");
    Files.writeString(dir.resolve("web.yaml~"), "backup\n");
    Files.createDirectories(dir.resolve("teams/data"));
    copy("valid-defaults.yaml", "teams/data/db.yml");

    AlertRegistry registry = registry();
    registry.reload();

    assertEquals(List.of(), registry.problems());
    assertEquals(List.of("backup-age", "replication-lag"), ids(registry));
    assertEquals("teams/data/db.yml", registry.definition("backup-age").get().source().file());
  }

  @Test
  void aMissingFolderIsAProblemAndWhatRanKeepsRunning() throws IOException {
    AlertRegistry missing = new AlertRegistry(dir.resolve("nowhere"), clock, () -> inventory);
    missing.reload();
    assertEquals(List.of(), missing.definitions());
    assertEquals(
        dir.resolve("nowhere")
            + ": the alerts folder "
            + dir.resolve("nowhere").toAbsolutePath()
            + " does not exist or is not a folder (set OPSROOM_ALERTS_DIR)",
        problems(missing).get(0));

    Path folder = Files.createDirectories(dir.resolve("alerts"));
    Files.write(folder.resolve("web.yaml"), AlertFixtures.bytes("valid-basic.yaml"));
    AlertRegistry registry = new AlertRegistry(folder, clock, () -> inventory);
    registry.reload();
    Files.delete(folder.resolve("web.yaml"));
    Files.delete(folder);
    registry.reload();

    assertEquals(4, registry.definitions().size());
    assertEquals(1, registry.problems().size());
  }

  @Test
  void readersKeepTheSnapshotTheyHold() throws IOException {
    copy("valid-basic.yaml", "web.yaml");
    AlertRegistry registry = registry();
    AlertRegistry.Snapshot first = registry.reload();

    copy("valid-defaults.yaml", "web.yaml");
    AlertRegistry.Snapshot second = registry.reload();

    assertNotSame(first, second);
    assertEquals(4, first.definitions().size(), "a reload never changes a published snapshot");
    assertSame(second, registry.snapshot());
  }

  private void copy(String fixture, String name) throws IOException {
    Files.write(dir.resolve(name), AlertFixtures.bytes(fixture));
  }

  private static List<String> ids(AlertRegistry registry) {
    return registry.definitions().stream().map(AlertDefinition::id).toList();
  }

  private static List<String> problems(AlertRegistry registry) {
    return registry.problems().stream().map(AlertProblem::toString).toList();
  }
}

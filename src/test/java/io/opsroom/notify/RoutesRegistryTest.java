package io.opsroom.notify;

import static io.opsroom.notify.RoutesFixtures.ALERT_EMAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.testing.MutableClock;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The routing in force as the routes file comes, changes, breaks, is fixed and goes. */
class RoutesRegistryTest {

  private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(START);
  private RoutesRegistry registry;
  private Routes full;
  private Routes minimal;

  @BeforeEach
  void setUp() {
    registry = new RoutesRegistry(dir, ALERT_EMAIL, clock, RoutesFixtures.SECRETS);
    full = RoutesFixtures.parse("valid-full.yaml").routes();
    minimal = RoutesFixtures.parse("valid-minimal.yaml").routes();
  }

  @Test
  void withoutARoutesFileTheDefaultRouteGoesToTheAlertEmail() {
    registry.reload();

    Routes routes = registry.current();
    assertEquals(RoutesFileParser.fallback(ALERT_EMAIL), routes);
    assertEquals(List.of("mailto:alerts@example.org"), routes.defaultRoute().channels());
    assertEquals(List.of("mailto:alerts@example.org"), routes.adminChannels());
    assertEquals(Optional.empty(), registry.problem());
    assertEquals(Optional.empty(), registry.file());
    assertEquals(Optional.of(START), registry.lastLoad());
  }

  @Test
  void withoutARoutesFileOrAnAlertEmailNobodyIsTold() {
    RoutesRegistry bare = new RoutesRegistry(dir, List.of(), clock, RoutesFixtures.SECRETS);
    bare.reload();

    assertEquals(List.of(), bare.current().defaultRoute().channels());
    assertEquals(List.of(), bare.current().adminChannels());
  }

  @Test
  void theFileIsReadAtLoad() throws IOException {
    write("valid-full.yaml");
    registry.reload();

    assertEquals(full, registry.current());
    assertEquals(Optional.of("routes.yaml"), registry.file());
    assertEquals(Optional.empty(), registry.problem());
  }

  @Test
  void aBrokenEditIsRefusedAndTheLastGoodRoutingStaysUntilTheFileIsFixed() throws IOException {
    write("valid-full.yaml");
    registry.reload();

    clock.advance(Duration.ofMinutes(5));
    write("invalid-unknown-channel.yaml");
    assertFalse(registry.checkForChanges(), "the routing in force did not change");

    assertEquals(full, registry.current());
    assertEquals(
        Optional.of(
            "routes.yaml is refused and the routing read from routes.yaml at"
                + " 2026-11-21T09:00:00Z stays in force: routes.yaml:4: admin names channel"
                + " \"mail-ops\", which is not declared under channels:; routes.yaml:8: route"
                + " \"database\" names channel \"pagr\", which is not declared under channels:"
                + " (did you mean \"pager\"?); routes.yaml:9: route 2 names"
                + " \"someone@example.org\", which is not a declared channel: declare an email"
                + " channel for it under channels:, as in {someone-mail: {email:"
                + " [someone@example.org]}}; routes.yaml:10: the default route names channel"
                + " \"nobody\", which is not declared under channels:"),
        registry.problem());
    assertEquals(4, registry.problems().size());
    assertEquals(Optional.of("routes.yaml"), registry.file(), "the file the routing came from");

    clock.advance(Duration.ofMinutes(5));
    write("valid-minimal.yaml");
    assertTrue(registry.checkForChanges());

    assertEquals(minimal, registry.current());
    assertEquals(Optional.empty(), registry.problem());
    assertEquals(List.of(), registry.problems());
    assertEquals(Optional.of(START.plus(Duration.ofMinutes(10))), registry.lastLoad());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "invalid-unknown-key.yaml",
        "invalid-unknown-channel.yaml",
        "invalid-channel-type.yaml",
        "invalid-missing-secret.yaml",
        "invalid-matchers.yaml",
        "invalid-durations.yaml",
        "invalid-duplicate-route.yaml",
        "invalid-email.yaml",
        "invalid-storm-cap.yaml",
        "invalid-webhook.yaml",
        "invalid-levels.yaml",
        "invalid-yaml-syntax.yaml"
      })
  void everyRefusedFileLeavesTheLastGoodRoutingInForce(String fixture) throws Exception {
    registry.loadFrom(fixture("valid-full.yaml"));
    assertEquals(full, registry.current());

    registry.loadFrom(fixture(fixture));

    assertEquals(full, registry.current());
    String firstProblem = RoutesFixtures.parse(fixture).problems().get(0).toString();
    assertTrue(firstProblem.startsWith(fixture + ":"), firstProblem);
    assertTrue(
        registry
            .problem()
            .orElseThrow()
            .startsWith(
                fixture
                    + " is refused and the routing read"
                    + " from valid-full.yaml at 2026-11-21T09:00:00Z stays in force: "
                    + firstProblem),
        registry.problem().orElseThrow());
  }

  @Test
  void aFileBrokenSinceStartLeavesTheAlertEmailInForce() throws IOException {
    write("invalid-storm-cap.yaml");
    registry.reload();

    assertEquals(RoutesFileParser.fallback(ALERT_EMAIL), registry.current());
    assertEquals(
        Optional.of(
            "routes.yaml is refused and until it is fixed, every alert takes the default route to"
                + " OPSROOM_ALERT_EMAIL: routes.yaml:1: storm_cap must be a whole number of 1 or"
                + " more (more alerts than this in one flush become one summary message), not the"
                + " number 0"),
        registry.problem());
    assertEquals(Optional.empty(), registry.file());
  }

  @Test
  void aRemovedFileLeavesTheAlertEmail() throws IOException {
    write("valid-full.yaml");
    registry.reload();

    Files.delete(dir.resolve("routes.yaml"));
    assertTrue(registry.checkForChanges());

    assertEquals(RoutesFileParser.fallback(ALERT_EMAIL), registry.current());
    assertEquals(Optional.empty(), registry.file());
  }

  @Test
  void anAddedFileIsPickedUpAndRoutesYmlIsReadToo() throws IOException {
    registry.reload();
    assertFalse(registry.checkForChanges(), "nothing there, nothing changed");

    Files.write(dir.resolve("routes.yml"), RoutesFixtures.bytes("valid-minimal.yaml"));
    assertTrue(registry.checkForChanges());

    assertEquals(minimal, registry.current());
    assertEquals(Optional.of("routes.yml"), registry.file());
  }

  @Test
  void aTouchedButUnchangedFileIsNotReadAgain() throws IOException {
    write("valid-full.yaml");
    registry.reload();
    Routes before = registry.current();

    clock.advance(Duration.ofMinutes(1));
    Path file = dir.resolve("routes.yaml");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(120)));

    assertFalse(registry.checkForChanges());
    assertSame(before, registry.current());
    assertEquals(Optional.of(START), registry.lastLoad(), "not read again");
  }

  @Test
  void reloadReadsTheFileEvenWhenItDidNotChange() throws IOException {
    write("valid-full.yaml");
    registry.reload();

    clock.advance(Duration.ofMinutes(1));
    registry.reload();

    assertEquals(Optional.of(START.plus(Duration.ofMinutes(1))), registry.lastLoad());
    assertEquals(full, registry.current());
  }

  @Test
  void twoRoutesFilesAreRefusedRatherThanOneChosenSilently() throws IOException {
    write("valid-full.yaml");
    registry.reload();

    Files.write(dir.resolve("routes.yml"), RoutesFixtures.bytes("valid-minimal.yaml"));
    registry.checkForChanges();

    assertEquals(full, registry.current());
    assertEquals(
        List.of(
            "routes.yml: routes.yaml and routes.yml both exist, and Opsroom reads only one: remove"
                + " one of them"),
        registry.problems().stream().map(RoutesProblem::toString).toList());

    Files.delete(dir.resolve("routes.yaml"));
    assertTrue(registry.checkForChanges());
    assertEquals(minimal, registry.current());
    assertEquals(Optional.empty(), registry.problem());
  }

  @Test
  void theAlertEmailSettingKeepsOnlyRealAddresses() {
    assertEquals(
        List.of("ops@example.org", "On call <oncall@example.org>"),
        RoutesRegistry.addresses(
            Arrays.asList(
                " ops@example.org", "", "not an address", "On call <oncall@example.org>")));
  }

  private void write(String fixture) throws IOException {
    Path file = dir.resolve("routes.yaml");
    Files.write(file, RoutesFixtures.bytes(fixture));
    // A later write within the same millisecond of the file system's clock must still count.
    Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(RoutesRegistryTest.class.getResource("/notify/routes/" + name).toURI());
  }
}

package io.opsroom.notify;

import static io.opsroom.notify.RoutesFixtures.ALERT_EMAIL;
import static io.opsroom.notify.RoutesFixtures.parse;
import static io.opsroom.notify.RoutesFixtures.problems;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsroom.notify.AlertNotice.Level;
import io.opsroom.notify.LabelMatcher.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesFileParserTest {

  private static final List<Duration> FILE_REPEAT =
      List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofDays(1));

  // ------------------------------------------------------------------------------ valid files

  @Test
  void validFullDeclaresEveryKindOfChannel() {
    RoutesFileParser.Result result = parse("valid-full.yaml");

    assertEquals(List.of(), problems(result));
    assertTrue(result.valid());
    Map<String, ChannelSpec> channels = result.routes().channels();
    assertEquals(
        Set.of("ops-mail", "slack-ops", "pager", "receiver", "secret-hook"), channels.keySet());
    assertEquals(
        new ChannelSpec.Email(
            "ops-mail", List.of("ops@example.org", "On call <oncall@example.org>")),
        channels.get("ops-mail"));
    assertEquals(
        new ChannelSpec.Slack("slack-ops", "SLACK_OPS_WEBHOOK", "#ops"), channels.get("slack-ops"));
    assertEquals(new ChannelSpec.PagerDuty("pager", "PAGERDUTY_KEY", true), channels.get("pager"));
    assertEquals(
        new ChannelSpec.Webhook("receiver", "https://hooks.example.org/alerts", null, null),
        channels.get("receiver"));
    assertEquals(
        new ChannelSpec.Webhook("secret-hook", null, "HOOK_URL", "HOOK_TOKEN"),
        channels.get("secret-hook"));
  }

  @Test
  void validFullKeepsTheRoutesInOrderWithTheirSettingsAndTheDefaults() {
    Routes routes = parse("valid-full.yaml").routes();

    assertEquals(
        List.of("database", "db-mail", "web", "route-4"),
        routes.routes().stream().map(Route::name).toList(),
        "file order; a route without a name is route-<position>");
    Route database = routes.routes().get(0);
    assertEquals(
        List.of(
            new LabelMatcher("team", Op.EQUAL, "db"),
            new LabelMatcher("app", Op.REGEX, "pg|mysql"),
            new LabelMatcher("severity", Op.NOT_EQUAL, "low"),
            new LabelMatcher("env", Op.REGEX, "prod.*")),
        database.matchers(),
        "match, then match_re, then matchers; a quoted matcher value loses its quotes");
    assertEquals(Set.of(Level.CRITICAL, Level.UNKNOWN), database.levels());
    assertEquals(List.of("pager", "slack-ops"), database.channels());
    assertTrue(database.continueMatching());
    assertEquals(Duration.ofSeconds(10), database.groupWait());
    assertEquals(List.of(Duration.ofMinutes(15), Duration.ofMinutes(90)), database.repeat());

    Route dbMail = routes.routes().get(1);
    assertFalse(dbMail.continueMatching());
    assertEquals(Set.of(Level.WARNING, Level.CRITICAL), dbMail.levels(), "the file's defaults");
    assertEquals(Duration.ofSeconds(45), dbMail.groupWait(), "the file's defaults");
    assertEquals(FILE_REPEAT, dbMail.repeat(), "the file's defaults");

    assertEquals(List.of(), routes.routes().get(3).repeat(), "repeat: [] is no repeats");

    Route defaultRoute = routes.defaultRoute();
    assertEquals("default", defaultRoute.name());
    assertEquals(List.of("ops-mail"), defaultRoute.channels());
    assertEquals(Set.of(Level.CRITICAL), defaultRoute.levels());
    assertEquals(Duration.ofSeconds(45), defaultRoute.groupWait());
    assertEquals(FILE_REPEAT, defaultRoute.repeat());
    assertEquals(List.of(), defaultRoute.matchers());
    assertEquals(List.of("ops-mail", "slack-ops"), routes.adminChannels());
    assertEquals(30, routes.stormCap());
  }

  @Test
  void validMinimalTakesTheBuiltInDefaultsAndSendsTheRestToTheAlertEmail() {
    Routes routes = parse("valid-minimal.yaml").routes();

    assertEquals(
        Map.of("team-mail", new ChannelSpec.Email("team-mail", List.of("team@example.org"))),
        routes.channels(),
        "one address may be written without a list");
    Route route = routes.routes().get(0);
    assertEquals("route-1", route.name());
    assertEquals(Set.of(Level.WARNING, Level.CRITICAL), route.levels());
    assertEquals(Routes.DEFAULT_GROUP_WAIT, route.groupWait());
    assertEquals(Routes.DEFAULT_REPEAT, route.repeat());
    assertEquals(List.of("mailto:alerts@example.org"), routes.defaultRoute().channels());
    assertEquals(Set.of(Level.WARNING, Level.CRITICAL), routes.defaultRoute().levels());
    assertEquals(
        routes.defaultRoute().channels(), routes.adminChannels(), "admin: the default route's");
    assertEquals(Routes.DEFAULT_STORM_CAP, routes.stormCap());
    assertEquals(
        Optional.of(new ChannelSpec.Email("mailto:alerts@example.org", ALERT_EMAIL)),
        routes.channel("mailto:alerts@example.org"));
  }

  @Test
  void withoutAFileEveryAlertGoesToTheAlertEmail() {
    Routes routes = RoutesFileParser.fallback(List.of("a@example.org", "b@example.org"));

    assertEquals(Map.of(), routes.channels());
    assertEquals(List.of(), routes.routes());
    assertEquals("default", routes.defaultRoute().name());
    assertEquals(
        List.of("mailto:a@example.org", "mailto:b@example.org"), routes.defaultRoute().channels());
    assertEquals(Set.of(Level.WARNING, Level.CRITICAL), routes.defaultRoute().levels());
    assertEquals(Routes.DEFAULT_GROUP_WAIT, routes.defaultRoute().groupWait());
    assertEquals(Routes.DEFAULT_REPEAT, routes.defaultRoute().repeat());
    assertEquals(routes.defaultRoute().channels(), routes.adminChannels());
    assertEquals(20, routes.stormCap());

    assertEquals(
        List.of(), RoutesFileParser.fallback(List.of()).defaultRoute().channels(), "nobody");
  }

  @Test
  void anEmptyFileIsTheSameAsNoFile() {
    RoutesFileParser.Result result =
        new RoutesFileParser(ALERT_EMAIL, RoutesFixtures.SECRETS)
            .parse("routes.yaml", "# nothing yet\n".getBytes(UTF_8));

    assertTrue(result.valid());
    assertEquals(RoutesFileParser.fallback(ALERT_EMAIL), result.routes());
  }

  @Test
  void theShippedFileIsValidWithoutAnySecretOrAlertEmail() throws IOException {
    Path shipped = Path.of("alerts", "routes.yaml");
    RoutesFileParser.Result result =
        new RoutesFileParser(List.of(), name -> Optional.empty())
            .parse("routes.yaml", Files.readAllBytes(shipped));

    assertEquals(List.of(), problems(result));
    Routes routes = result.routes();
    assertEquals(
        Map.of("ops-mail", new ChannelSpec.Email("ops-mail", List.of("ops@example.org"))),
        routes.channels(),
        "an email channel, which needs no secret");
    assertEquals(List.of("ops-mail"), routes.adminChannels());
    assertEquals(
        List.of("ops-mail"),
        routes.match(Map.of("team", "ops", "alert", "carbon-cpu"), Level.UNKNOWN).get(0).channels(),
        "the example alerts carry team: ops");
  }

  @Test
  void aRouteMaySendNowhereAndAdminMayTellNobody() {
    RoutesFileParser.Result result =
        new RoutesFileParser(ALERT_EMAIL, RoutesFixtures.SECRETS)
            .parse(
                "routes.yaml",
                ("channels: {ops-mail: {email: ops@example.org}}\n"
                        + "admin: []\n"
                        + "routes:\n"
                        + "  - name: test-servers\n"
                        + "    match: {environment: test}\n"
                        + "    channels: []\n"
                        + "default: {channels: [ops-mail], group_wait: 0s, repeat: 1h}\n")
                    .getBytes(UTF_8));

    assertEquals(List.of(), problems(result));
    Routes routes = result.routes();
    assertEquals(List.of(), routes.adminChannels());
    assertEquals(
        List.of("test-servers"),
        routes.match(Map.of("environment", "test"), Level.CRITICAL).stream()
            .map(Route::name)
            .toList(),
        "taken, and sent nowhere");
    assertEquals(List.of(), routes.routes().get(0).channels());
    assertEquals(Duration.ZERO, routes.defaultRoute().groupWait());
    assertEquals(List.of(Duration.ofHours(1)), routes.defaultRoute().repeat(), "one gap alone");
  }

  @Test
  void adminWithoutAValueIsRefused() {
    RoutesFileParser.Result result =
        new RoutesFileParser(ALERT_EMAIL, RoutesFixtures.SECRETS)
            .parse("routes.yaml", "admin:\n".getBytes(UTF_8));

    assertEquals(
        List.of("1: admin has no value: name channels, as in [ops-mail], or write []"),
        problems(result));
  }

  // ---------------------------------------------------------------------------- invalid files

  @Test
  void invalidUnknownKeysAreRefusedWithASuggestion() {
    assertRefused(
        "invalid-unknown-key.yaml",
        "2: defaults: unknown key \"group_wiat\" (did you mean \"group_wait\"?)",
        "6: unknown key \"rotes\" (did you mean \"routes\"?)",
        "9: route \"web\" has no channels: name the channels it sends to, as in channels:"
            + " [ops-mail] (or write channels: [] for a route that sends the alerts it takes"
            + " nowhere)",
        "10: route \"web\": unknown key \"chanels\" (did you mean \"channels\"?)",
        "11: route \"web\": unknown key \"receiver\" (a route lists where it sends under"
            + " channels: [...])");
  }

  @Test
  void invalidUnknownChannelWhereverAChannelIsNamed() {
    assertRefused(
        "invalid-unknown-channel.yaml",
        "4: admin names channel \"mail-ops\", which is not declared under channels:",
        "8: route \"database\" names channel \"pagr\", which is not declared under channels: (did"
            + " you mean \"pager\"?)",
        "9: route 2 names \"someone@example.org\", which is not a declared channel: declare an"
            + " email channel for it under channels:, as in {someone-mail: {email:"
            + " [someone@example.org]}}",
        "10: the default route names channel \"nobody\", which is not declared under channels:");
  }

  @Test
  void invalidChannelTypesAndNames() {
    assertRefused(
        "invalid-channel-type.yaml",
        "2: channel no-type has no type: give one of email, slack, pagerduty, webhook, as in"
            + " {email: [ops@example.org]}, {slack: {url_env: ...}}, {pagerduty: ...} or {webhook:"
            + " ...}",
        "3: channel two-types has two types (email and slack): a channel is one of them, so"
            + " declare one channel for each",
        "4: channel misspelt: unknown channel type \"emial\" (did you mean \"email\"?)",
        "5: channel name \"Ops Mail\" is not valid: use lower-case letters, digits, - and _,"
            + " starting with a letter or a digit (alerts name channels in notify:, where"
            + " anything else is an email address)",
        "6: channel empty-mail: email needs at least one address, as in email:"
            + " [ops@example.org]");
  }

  @Test
  void invalidMissingSecretsAreFoundWhenTheFileIsRead() {
    assertRefused(
        "invalid-missing-secret.yaml",
        "2: channel slack-ops: slack: the environment variable SLACK_UNSET (url_env) is not set:"
            + " set it where Opsroom runs, or leave the channel out",
        "3: channel pager: pagerduty: the environment variable PAGERDUTY_UNSET (routing_key_env)"
            + " is not set: set it where Opsroom runs, or leave the channel out",
        "4: channel hook: webhook: the environment variable TOKEN_UNSET (bearer_token_env) is not"
            + " set: set it where Opsroom runs, or leave the channel out",
        "5: channel not-a-url: slack: the environment variable NOT_A_URL (url_env) does not hold"
            + " an http:// or https:// URL",
        "6: channel pasted: slack: url_env takes the name of an environment variable, such as"
            + " SLACK_OPS_WEBHOOK, not the secret itself: keep secrets out of the file",
        "7: channel no-key: pagerduty needs routing_key_env, the name of the environment variable"
            + " that holds the integration's routing key");
  }

  @Test
  void aSecretsValueIsNeverPartOfAMessage() {
    RoutesFileParser.Result result = parse("invalid-missing-secret.yaml");

    for (RoutesProblem problem : result.problems()) {
      assertFalse(
          problem.message().contains(RoutesFixtures.ENVIRONMENT.get("NOT_A_URL")),
          problem.toString());
    }
  }

  @Test
  void invalidMatchersSayWhyTheyCannotWork() {
    assertRefused(
        "invalid-matchers.yaml",
        "5: route \"regexes\": match_re app: The regular expression pg|(mysql does not compile:"
            + " Unclosed group",
        "6: route \"regexes\": matcher \"severity=~\"[a-\"\": The regular expression [a- does not"
            + " compile: Illegal character range",
        "6: route \"regexes\": matcher \"team~db\" is not label=value, label!=value,"
            + " label=~regex or label!~regex",
        "9: route \"labels\": match Bad Label: A label name is a letter or _ followed by letters,"
            + " digits, _, . or -: Bad Label",
        "9: route \"labels\": match team has no value (write \"\" to match alerts without the"
            + " label)");
  }

  @Test
  void invalidDurations() {
    assertRefused(
        "invalid-durations.yaml",
        "2: group_wait \"30\" needs a unit: 30s, 30m or 30h",
        "3: repeat \"30 minutes\" is not a duration: write it as 30s, 5m, 1h or 1d (or run"
            + " together, as in 1h30m)",
        "3: repeat 10s is shorter than 1m: alerts are checked about once a minute",
        "5: group_wait 2h is longer than 1h: the first alert of a group would wait that long"
            + " before anyone is told",
        "6: repeat \"1y\" is not a duration: write it as 30s, 5m, 1h or 1d (or run together, as"
            + " in 1h30m)");
  }

  @Test
  void invalidRouteNames() {
    String unique =
        " already used by the route at line %d: route names are unique, as they name the route's"
            + " groups and its memory of what it sent";
    assertRefused(
        "invalid-duplicate-route.yaml",
        "6: route name \"web\" is" + unique.formatted(4),
        "10: route 4 has no name, and its name route-4 is" + unique.formatted(8),
        "11: route name \"default\" is the default route's: write that route under default:, or"
            + " give this one another name",
        "13: route name \"Web Team\" is not valid: use lower-case letters, digits, '.', '_' and"
            + " '-', starting with a letter or a digit");
  }

  @Test
  void invalidEmailAddressesFollowTheRuleEveryEmailMeets() {
    String rule =
        "\" is not one email address (write one address per entry, such as ops@example.org or"
            + " \"Ops <ops@example.org>\")";
    assertRefused(
        "invalid-email.yaml",
        "2: channel ops-mail: \"ops" + rule,
        "2: channel ops-mail: \"a@example.org, b@example.org" + rule,
        "3: channel one: \"not an address" + rule);
  }

  @Test
  void invalidStormCap() {
    assertRefused(
        "invalid-storm-cap.yaml",
        "1: storm_cap must be a whole number of 1 or more (more alerts than this in one flush"
            + " become one summary message), not the number 0");
  }

  @Test
  void invalidWebhooks() {
    assertRefused(
        "invalid-webhook.yaml",
        "2: channel ftp: webhook: url must start with http:// or https://, not"
            + " \"ftp://files.example.org/alerts\"",
        "3: channel both: webhook takes url or url_env, not both",
        "4: channel neither: webhook needs url (an address without secrets) or url_env (the"
            + " environment variable that holds it)",
        "5: channel password: webhook: url holds a user and password: put the URL in an"
            + " environment variable and name it in url_env",
        "6: channel relative: webhook: url must start with http:// or https://, not"
            + " \"/alerts\"");
  }

  @Test
  void invalidLevels() {
    assertRefused(
        "invalid-levels.yaml",
        "2: levels: ok cannot be chosen: a recovery always goes where its alert went; levels"
            + " takes warning, critical, unknown",
        "6: levels: \"critcal\" is not one of warning, critical, unknown (did you mean"
            + " \"critical\"?)",
        "6: levels: error is not notified by routes: when Graphite fails, one message goes to the"
            + " admin channels; levels takes warning, critical, unknown",
        "8: levels needs at least one of warning, critical, unknown",
        "10: route 2: continue must be true or false, not the text \"yes please\"");
  }

  @Test
  void invalidYamlSyntaxPointsAtTheLine() {
    assertRefused(
        "invalid-yaml-syntax.yaml",
        "3: invalid YAML: expected ',' or '}', but got <scalar> (while parsing a flow mapping at"
            + " line 2)");
  }

  @Test
  void aFileThatIsNotAMappingOrHoldsAliasesIsRefused() {
    RoutesFileParser parser = new RoutesFileParser(ALERT_EMAIL, RoutesFixtures.SECRETS);

    assertEquals(
        List.of(
            "1: routes.yaml is a mapping with channels:, routes: and the other keys at the top,"
                + " not a list"),
        problems(parser.parse("routes.yaml", "- channels: [a]\n".getBytes(UTF_8))));
    assertEquals(
        List.of(
            "4: YAML aliases (*mail) are not supported: use defaults: for values that several"
                + " routes share"),
        problems(
            parser.parse(
                "routes.yaml",
                ("channels:\n  a: &mail {email: [a@example.org]}\n" + "  b:\n    *mail\n")
                    .getBytes(UTF_8))));
  }

  // -------------------------------------------------------------------------------- durations

  @Test
  void durationsAreWrittenAsAlertmanagerWritesThem() {
    assertEquals(Duration.ofSeconds(30), RoutesFileParser.parseDuration("30s"));
    assertEquals(Duration.ofMinutes(5), RoutesFileParser.parseDuration("5m"));
    assertEquals(Duration.ofMinutes(5), RoutesFileParser.parseDuration("5min"), "as alert files");
    assertEquals(Duration.ofMinutes(90), RoutesFileParser.parseDuration("1h30m"));
    assertEquals(Duration.ofDays(14), RoutesFileParser.parseDuration("2w"));
    assertEquals(Duration.ZERO, RoutesFileParser.parseDuration("0s"));
    assertThrows(IllegalArgumentException.class, () -> RoutesFileParser.parseDuration("5"));
    assertThrows(IllegalArgumentException.class, () -> RoutesFileParser.parseDuration("-5m"));
    assertThrows(IllegalArgumentException.class, () -> RoutesFileParser.parseDuration("5 m"));
    assertEquals("1h30m", RoutesFileParser.format(Duration.ofMinutes(90)));
  }

  private static void assertRefused(String fixture, String... expected) {
    RoutesFileParser.Result result = parse(fixture);
    assertEquals(List.of(expected), problems(result));
    assertFalse(result.valid());
    assertNull(result.routes(), "a file with a problem is refused as a whole");
    result.problems().forEach(p -> assertEquals(fixture, p.file(), p.toString()));
  }
}

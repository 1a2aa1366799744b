package io.opsroom.notify;

import static io.opsroom.platform.SourceTree.shown;

import io.opsroom.notify.AlertNotice.Level;
import io.opsroom.platform.SourceTree;
import io.opsroom.platform.SourceTree.Entry;
import io.opsroom.platform.SourceTree.Kind;
import io.opsroom.platform.SourceTree.ListNode;
import io.opsroom.platform.SourceTree.MapNode;
import io.opsroom.platform.SourceTree.Node;
import io.opsroom.platform.SourceTree.Scalar;
import io.opsroom.platform.SourceTree.SyntaxException;
import io.opsroom.platform.Suggestions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code alerts/routes.yaml} (docs/notifications.md) into the {@link Routes} it declares, or
 * refuses the whole file with every problem on the line it is about: half a routing would send some
 * alerts nowhere without anyone noticing, so a file is used entirely or not at all.
 *
 * <p>The secrets the file names (Slack and webhook URLs, PagerDuty routing keys, tokens) are looked
 * up while reading, so a channel whose environment variable is missing is refused when the file is
 * written rather than when the first alert fires.
 */
public final class RoutesFileParser {

  /** Larger files are refused unread: a routes file of a megabyte is a mistake. */
  public static final int MAX_FILE_BYTES = 1_048_576;

  /**
   * A channel's name. The same shape is what an alert's {@code notify:} takes for a channel, and
   * anything else there is an email address, so a name outside it could never be named there.
   */
  public static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  static final Pattern ROUTE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Pattern MATCHER =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

  /** How YAML syntax problems in routes.yaml are worded. */
  private static final SourceTree.Wording WORDING =
      new SourceTree.Wording("routes", "quote a value that holds \": \"", null);

  private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,9})(s|min|m|h|d|w)");

  static final List<String> FILE_KEYS =
      List.of("defaults", "storm_cap", "channels", "admin", "routes", "default");
  static final List<String> DEFAULTS_KEYS = List.of("group_wait", "repeat", "levels");
  static final List<String> ROUTE_KEYS =
      List.of(
          "name",
          "match",
          "match_re",
          "matchers",
          "levels",
          "channels",
          "continue",
          "group_wait",
          "repeat");
  static final List<String> DEFAULT_ROUTE_KEYS =
      List.of("channels", "levels", "group_wait", "repeat");
  static final List<String> CHANNEL_TYPES = List.of("email", "slack", "pagerduty", "webhook");
  static final List<String> SLACK_KEYS = List.of("url_env", "channel");
  static final List<String> PAGERDUTY_KEYS = List.of("routing_key_env", "warnings");
  static final List<String> WEBHOOK_KEYS = List.of("url", "url_env", "bearer_token_env");
  static final List<String> LEVEL_WORDS = List.of("warning", "critical", "unknown");

  /** The longest group_wait: the first alert of a group waits this long at most. */
  static final Duration MAX_GROUP_WAIT = Duration.ofHours(1);

  /** The shortest gap between repeats: alerts are checked about once a minute. */
  static final Duration MIN_REPEAT = Duration.ofMinutes(1);

  private static final Map<String, String> FILE_HINTS =
      Map.of(
          "route", "the routes are listed under routes:",
          "receivers", "channels are declared under channels:",
          "global", "file-wide settings go under defaults:",
          "alerts", "alerts are defined in the other files of the folder, not in routes.yaml",
          "silences", "silences are made on the /silences page, not in files");
  private static final Map<String, String> ROUTE_HINTS =
      Map.ofEntries(
          Map.entry("receiver", "a route lists where it sends under channels: [...]"),
          Map.entry("receivers", "a route lists where it sends under channels: [...]"),
          Map.entry("email", "declare an email channel under channels: and name it in channels:"),
          Map.entry("to", "declare an email channel under channels: and name it in channels:"),
          Map.entry(
              "group_by",
              "Opsroom groups by route: what fires together on one route goes in one message"),
          Map.entry("repeat_interval", "repeat: [1h] gives the gaps between repeats"),
          Map.entry(
              "routes",
              "routes do not nest: list them one after another, with continue: true where an"
                  + " alert should take more than one"),
          Map.entry("team", "label matches go under match:, as in match: {team: ...}"),
          Map.entry("severity", "label matches go under match:, as in match: {severity: ...}"),
          Map.entry("app", "label matches go under match:, as in match: {app: ...}"),
          Map.entry("alert", "label matches go under match:, as in match: {alert: some-id}"));
  private static final Map<String, String> DEFAULT_ROUTE_HINTS =
      Map.of(
          "match", "the default route takes the alerts no route took: it has no matchers",
          "match_re", "the default route takes the alerts no route took: it has no matchers",
          "matchers", "the default route takes the alerts no route took: it has no matchers",
          "continue", "the default route comes last: continue does not apply",
          "name", "the default route is named default");
  private static final Map<String, String> SECRET_HINTS =
      Map.of(
          "url",
          "the URL holds a secret: put it in an environment variable and name it in url_env",
          "webhook_url",
          "the URL holds a secret: put it in an environment variable and name it in url_env",
          "routing_key",
          "the key is a secret: put it in an environment variable and name it in"
              + " routing_key_env",
          "bearer_token",
          "the token is a secret: put it in an environment variable and name it in"
              + " bearer_token_env");

  /**
   * What reading a file gave: the routing it declares, or (when it has problems) none.
   *
   * @param file the file's name in the alerts folder
   * @param routes the routing, or null when the file is refused
   * @param problems in line order; any one refuses the file
   */
  public record Result(String file, Routes routes, List<RoutesProblem> problems) {
    public Result {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        Objects.requireNonNull(routes, "routes");
      } else {
        routes = null;
      }
    }

    /** Whether the file can be used. */
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private final List<String> alertEmail;
  private final Function<String, Optional<String>> secrets;

  /**
   * A parser whose default route, when a file has no {@code default:}, sends to {@code alertEmail}
   * ({@code OPSROOM_ALERT_EMAIL}), and which looks secrets up with {@code secrets} (normally {@link
   * Secrets#get}).
   */
  public RoutesFileParser(List<String> alertEmail, Function<String, Optional<String>> secrets) {
    this.alertEmail = List.copyOf(alertEmail);
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /** A parser that reads secrets from the environment. */
  public RoutesFileParser(List<String> alertEmail) {
    this(alertEmail, Secrets::get);
  }

  /**
   * The routing without a {@code routes.yaml}: no channels and no routes; every alert at WARNING or
   * CRITICAL takes the default route to {@code alertEmail}, which also hears about Opsroom's own
   * problems.
   */
  public static Routes fallback(List<String> alertEmail) {
    Route defaultRoute =
        new Route(
            "default",
            List.of(),
            EnumSet.of(Level.WARNING, Level.CRITICAL),
            mailto(alertEmail),
            false,
            Routes.DEFAULT_GROUP_WAIT,
            Routes.DEFAULT_REPEAT);
    return new Routes(
        Map.of(), List.of(), defaultRoute, defaultRoute.channels(), Routes.DEFAULT_STORM_CAP);
  }

  /** The ad-hoc channel names ({@code mailto:<address>}) of these addresses. */
  public static List<String> mailto(List<String> addresses) {
    return addresses.stream().map(a -> Routes.MAILTO + a).distinct().toList();
  }

  /** Reads {@code content} as the file named {@code file} (its name in the alerts folder). */
  public Result parse(String file, byte[] content) {
    Reading reading = new Reading(file);
    if (content.length > MAX_FILE_BYTES) {
      reading.problem(0, "the file is larger than 1 MiB and is not read");
      return reading.result(null);
    }
    List<Map.Entry<Integer, String>> duplicates = new ArrayList<>();
    Node root;
    try {
      root = SourceTree.read(content, false, WORDING, duplicates);
    } catch (SyntaxException e) {
      reading.problem(e.line(), e.getMessage());
      return reading.result(null);
    }
    duplicates.forEach(d -> reading.problem(d.getKey(), d.getValue()));
    if (root == null) {
      // An empty file declares nothing: the same routing as no file.
      return reading.result(fallback(alertEmail));
    }
    if (!(root instanceof MapNode map)) {
      reading.problem(
          root.line(),
          "routes.yaml is a mapping with channels:, routes: and the other keys at the top, not "
              + root.describe());
      return reading.result(null);
    }
    return reading.result(readFile(map, reading));
  }

  // ------------------------------------------------------------------------------- the file

  /** What {@code defaults:} sets, or the built-in defaults where it sets nothing. */
  private record Defaults(Duration groupWait, List<Duration> repeat, Set<Level> levels) {}

  private Routes readFile(MapNode map, Reading reading) {
    reading.rejectUnknownKeys(map, FILE_KEYS, null, FILE_HINTS);
    Defaults defaults = readDefaults(map.get("defaults"), reading);

    int stormCap = Routes.DEFAULT_STORM_CAP;
    Entry stormEntry = map.get("storm_cap");
    if (!absent(stormEntry)) {
      Integer cap =
          reading.whole(
              stormEntry, "more alerts than this in one flush become one summary message");
      stormCap = cap == null ? stormCap : cap;
    }

    Map<String, ChannelSpec> channels = new LinkedHashMap<>();
    Set<String> declared = new LinkedHashSet<>();
    readChannels(map.get("channels"), reading, channels, declared);

    List<Route> routes = readRoutes(map.get("routes"), defaults, declared, reading);
    Route defaultRoute = readDefaultRoute(map.get("default"), defaults, declared, reading);

    Entry adminEntry = map.get("admin");
    List<String> admin =
        adminEntry == null
            ? defaultRoute.channels()
            : channelRefs(adminEntry, declared, "admin", reading);
    if (reading.problemCount() > 0) {
      return null;
    }
    return new Routes(channels, routes, defaultRoute, admin, stormCap);
  }

  private static Defaults readDefaults(Entry entry, Reading reading) {
    Defaults builtIn =
        new Defaults(
            Routes.DEFAULT_GROUP_WAIT,
            Routes.DEFAULT_REPEAT,
            EnumSet.of(Level.WARNING, Level.CRITICAL));
    if (absent(entry)) {
      return builtIn;
    }
    if (!(entry.value() instanceof MapNode map)) {
      reading.problem(
          entry.line(),
          "defaults must be a mapping such as {group_wait: 30s, repeat: [1h], levels: [warning,"
              + " critical]}, not "
              + entry.value().describe());
      return builtIn;
    }
    reading.rejectUnknownKeys(map, DEFAULTS_KEYS, "defaults", ROUTE_HINTS);
    Duration groupWait =
        absent(map.get("group_wait")) ? null : groupWait(map.get("group_wait"), reading);
    List<Duration> repeat = absent(map.get("repeat")) ? null : repeat(map.get("repeat"), reading);
    Set<Level> levels = absent(map.get("levels")) ? null : levels(map.get("levels"), reading);
    return new Defaults(
        groupWait != null ? groupWait : builtIn.groupWait(),
        repeat != null ? repeat : builtIn.repeat(),
        levels != null ? levels : builtIn.levels());
  }

  // --------------------------------------------------------------------------------- channels

  private void readChannels(
      Entry entry, Reading reading, Map<String, ChannelSpec> channels, Set<String> declared) {
    if (absent(entry)) {
      return;
    }
    if (!(entry.value() instanceof MapNode map)) {
      reading.problem(
          entry.line(),
          "channels must be a mapping of names to channels, such as {ops-mail: {email:"
              + " [ops@example.org]}}, not "
              + entry.value().describe());
      return;
    }
    for (Entry channel : map.entries().values()) {
      String name = channel.key();
      if (!CHANNEL_NAME.matcher(name).matches()) {
        reading.problem(
            channel.line(),
            "channel name \""
                + shown(name)
                + "\" is not valid: use lower-case letters, digits, - and _, starting with a letter"
                + " or a digit (alerts name channels in notify:, where anything else is an email"
                + " address)");
        continue;
      }
      declared.add(name);
      ChannelSpec spec = readChannel(name, channel, reading);
      if (spec != null) {
        channels.put(name, spec);
      }
    }
  }

  private ChannelSpec readChannel(String name, Entry channel, Reading reading) {
    String where = "channel " + name;
    String shape =
        "{email: [ops@example.org]}, {slack: {url_env: ...}}, {pagerduty: ...} or {webhook: ...}";
    if (!(channel.value() instanceof MapNode map)) {
      reading.problem(
          channel.line(),
          where
              + " must be a mapping with its type, such as "
              + shape
              + ", not "
              + channel.value().describe());
      return null;
    }
    List<Entry> types = new ArrayList<>();
    boolean unknown = false;
    for (Entry key : map.entries().values()) {
      if (CHANNEL_TYPES.contains(key.key())) {
        types.add(key);
      } else {
        unknown = true;
        String suggestion =
            Suggestions.closest(key.key(), CHANNEL_TYPES)
                .map(s -> " (did you mean \"" + s + "\"?)")
                .orElse("; a channel is one of " + String.join(", ", CHANNEL_TYPES));
        reading.problem(
            key.line(), where + ": unknown channel type \"" + shown(key.key()) + "\"" + suggestion);
      }
    }
    if (types.size() > 1) {
      reading.problem(
          channel.line(),
          where
              + " has two types ("
              + String.join(" and ", types.stream().map(Entry::key).toList())
              + "): a channel is one of them, so declare one channel for each");
      return null;
    }
    if (types.isEmpty()) {
      if (!unknown) {
        reading.problem(
            channel.line(),
            where
                + " has no type: give one of "
                + String.join(", ", CHANNEL_TYPES)
                + ", as in "
                + shape);
      }
      return null;
    }
    int before = reading.problemCount();
    Entry type = types.get(0);
    ChannelSpec spec;
    switch (type.key()) {
      case "email":
        spec = email(name, type, reading);
        break;
      case "slack":
        spec = slack(name, type, reading);
        break;
      case "pagerduty":
        spec = pagerDuty(name, type, reading);
        break;
      default:
        spec = webhook(name, type, reading);
        break;
    }
    return reading.problemCount() == before && !unknown ? spec : null;
  }

  private static ChannelSpec email(String name, Entry type, Reading reading) {
    String where = "channel " + name;
    if (absent(type)) {
      reading.problem(
          type.line(),
          where + ": email needs at least one address, as in email: [ops@example.org]");
      return null;
    }
    int before = reading.problemCount();
    List<String> addresses = new ArrayList<>();
    for (Item item :
        reading.items(type, where + ": email is a list of addresses such as [ops@example.org]")) {
      try {
        EmailMessage.checkAddress(item.text());
        if (!addresses.contains(item.text())) {
          addresses.add(item.text());
        }
      } catch (IllegalArgumentException e) {
        reading.problem(
            item.line(),
            where
                + ": \""
                + shown(item.text())
                + "\" is not one email address (write one address per entry, such as"
                + " ops@example.org or \"Ops <ops@example.org>\")");
      }
    }
    if (addresses.isEmpty()) {
      if (reading.problemCount() == before) {
        reading.problem(
            type.line(),
            where + ": email needs at least one address, as in email: [ops@example.org]");
      }
      return null;
    }
    return new ChannelSpec.Email(name, addresses);
  }

  private ChannelSpec slack(String name, Entry type, Reading reading) {
    String where = "channel " + name + ": slack";
    MapNode map = reading.mapping(type, where + " takes {url_env: VARIABLE, channel: \"#ops\"}");
    if (map == null) {
      return null;
    }
    reading.rejectUnknownKeys(map, SLACK_KEYS, where, SECRET_HINTS);
    String urlEnv = secret(map, type, "url_env", "the webhook URL", true, where, reading);
    String channel = null;
    Entry channelEntry = map.get("channel");
    if (channelEntry != null) {
      if (absent(channelEntry)) {
        reading.problem(
            channelEntry.line(),
            where
                + ": channel has no value (an unquoted # starts a comment in YAML: write channel:"
                + " \"#ops\")");
      } else {
        channel = reading.text(channelEntry, where);
        if (channel != null && (channel.isBlank() || hasControl(channel))) {
          reading.problem(
              channelEntry.line(), where + ": channel is a Slack channel such as \"#ops\"");
        }
      }
    }
    return urlEnv == null ? null : new ChannelSpec.Slack(name, urlEnv, channel);
  }

  private ChannelSpec pagerDuty(String name, Entry type, Reading reading) {
    String where = "channel " + name + ": pagerduty";
    MapNode map =
        reading.mapping(type, where + " takes {routing_key_env: VARIABLE, warnings: false}");
    if (map == null) {
      return null;
    }
    reading.rejectUnknownKeys(map, PAGERDUTY_KEYS, where, SECRET_HINTS);
    String keyEnv =
        secret(
            map, type, "routing_key_env", "the integration's routing key", false, where, reading);
    Entry warningsEntry = map.get("warnings");
    Boolean warnings = absent(warningsEntry) ? Boolean.FALSE : reading.bool(warningsEntry, where);
    return keyEnv == null || warnings == null
        ? null
        : new ChannelSpec.PagerDuty(name, keyEnv, warnings);
  }

  private ChannelSpec webhook(String name, Entry type, Reading reading) {
    String where = "channel " + name + ": webhook";
    MapNode map =
        reading.mapping(
            type,
            where
                + " takes {url: https://...} or {url_env: VARIABLE}, and optionally"
                + " bearer_token_env");
    if (map == null) {
      return null;
    }
    reading.rejectUnknownKeys(map, WEBHOOK_KEYS, where, Map.of());
    boolean hasUrl = !absent(map.get("url"));
    boolean hasUrlEnv = !absent(map.get("url_env"));
    if (hasUrl == hasUrlEnv) {
      reading.problem(
          type.line(),
          where
              + (hasUrl
                  ? " takes url or url_env, not both"
                  : " needs url (an address without secrets) or url_env (the environment"
                      + " variable that holds it)"));
      return null;
    }
    String url = null;
    String urlEnv = null;
    if (hasUrl) {
      Entry urlEntry = map.get("url");
      url = reading.text(urlEntry, where);
      if (url != null) {
        url = url.strip();
        String problem = urlProblem(url);
        if (problem != null) {
          reading.problem(urlEntry.line(), where + ": url " + problem);
          url = null;
        } else if (URI.create(url).getRawUserInfo() != null) {
          reading.problem(
              urlEntry.line(),
              where
                  + ": url holds a user and password: put the URL in an environment variable and"
                  + " name it in url_env");
          url = null;
        }
      }
    } else {
      urlEnv = secret(map, type, "url_env", "the receiver's URL", true, where, reading);
    }
    String tokenEnv =
        map.get("bearer_token_env") == null
            ? null
            : secret(map, type, "bearer_token_env", "the bearer token", false, where, reading);
    if ((url == null && urlEnv == null)
        || (map.get("bearer_token_env") != null && tokenEnv == null)) {
      return null;
    }
    return new ChannelSpec.Webhook(name, url, urlEnv, tokenEnv);
  }

  /**
   * The name of the environment variable in {@code key}, which must be given and set (and to hold
   * an http(s) URL when {@code url}); null after a problem. The value itself is never put in a
   * message.
   */
  private String secret(
      MapNode map,
      Entry type,
      String key,
      String holds,
      boolean url,
      String where,
      Reading reading) {
    Entry entry = map.get(key);
    if (absent(entry)) {
      reading.problem(
          entry == null ? type.line() : entry.line(),
          where + " needs " + key + ", the name of the environment variable that holds " + holds);
      return null;
    }
    String name = reading.text(entry, where);
    if (name == null) {
      return null;
    }
    name = name.strip();
    if (!ENV_NAME.matcher(name).matches()) {
      reading.problem(
          entry.line(),
          where
              + ": "
              + key
              + " takes the name of an environment variable, such as SLACK_OPS_WEBHOOK"
              + (name.contains("://") || name.length() > 40
                  ? ", not the secret itself: keep secrets out of the file"
                  : ", not \"" + shown(name) + "\""));
      return null;
    }
    Optional<String> value = secrets.apply(name);
    if (value.isEmpty()) {
      reading.problem(
          entry.line(),
          where
              + ": the environment variable "
              + name
              + " ("
              + key
              + ") is not set: set it where Opsroom runs, or leave the channel out");
      return null;
    }
    if (url && urlProblem(value.get().strip()) != null) {
      reading.problem(
          entry.line(),
          where
              + ": the environment variable "
              + name
              + " ("
              + key
              + ") does not hold an http:// or https:// URL");
      return null;
    }
    return name;
  }

  /** Why a URL cannot be posted to, or null. */
  static String urlProblem(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "must start with http:// or https://, not \"" + shown(url) + "\"";
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        return "has no host name: \"" + shown(url) + "\"";
      }
      return null;
    } catch (URISyntaxException e) {
      return "is not a URL (" + e.getReason() + "): \"" + shown(url) + "\"";
    }
  }

  // ----------------------------------------------------------------------------------- routes

  private static List<Route> readRoutes(
      Entry entry, Defaults defaults, Set<String> declared, Reading reading) {
    List<Route> routes = new ArrayList<>();
    if (absent(entry)) {
      return routes;
    }
    if (!(entry.value() instanceof ListNode list)) {
      reading.problem(
          entry.line(),
          "routes must be a list of routes, each starting with \"- \", not "
              + entry.value().describe());
      return routes;
    }
    Map<String, Integer> nameLines = new HashMap<>();
    int position = 0;
    for (Node item : list.items()) {
      position++;
      if (!(item instanceof MapNode map)) {
        reading.problem(
            item.line(),
            "each entry of routes is a mapping such as \"- {match: {team: db}, channels:"
                + " [ops-mail]}\", not "
                + item.describe());
        continue;
      }
      Route route = readRoute(map, position, defaults, declared, nameLines, reading);
      if (route != null) {
        routes.add(route);
      }
    }
    return routes;
  }

  private static Route readRoute(
      MapNode map,
      int position,
      Defaults defaults,
      Set<String> declared,
      Map<String, Integer> nameLines,
      Reading reading) {
    int before = reading.problemCount();
    Entry nameEntry = map.get("name");
    String name = "route-" + position;
    String where = "route " + position;
    int nameLine = map.line();
    if (!absent(nameEntry)) {
      String given = reading.text(nameEntry, where);
      if (given != null) {
        given = given.strip();
        nameLine = nameEntry.line();
        if (given.equals("default")) {
          reading.problem(
              nameLine,
              "route name \"default\" is the default route's: write that route under default:,"
                  + " or give this one another name");
        } else if (!ROUTE_NAME.matcher(given).matches()) {
          reading.problem(
              nameLine,
              "route name \""
                  + shown(given)
                  + "\" is not valid: use lower-case letters, digits, '.', '_' and '-', starting"
                  + " with a letter or a digit");
        }
        name = given;
        where = "route \"" + given + "\"";
      }
    }
    Integer earlier = nameLines.putIfAbsent(name, nameLine);
    if (earlier != null) {
      reading.problem(
          nameLine,
          (absent(nameEntry)
                  ? where + " has no name, and its name " + name + " is"
                  : "route name \"" + name + "\" is")
              + " already used by the route at line "
              + earlier
              + ": route names are unique, as they name the route's groups and its memory of"
              + " what it sent");
    }
    reading.rejectUnknownKeys(map, ROUTE_KEYS, where, ROUTE_HINTS);

    List<LabelMatcher> matchers = new ArrayList<>();
    readLabelMatches(map.get("match"), LabelMatcher.Op.EQUAL, where, matchers, reading);
    readLabelMatches(map.get("match_re"), LabelMatcher.Op.REGEX, where, matchers, reading);
    readMatcherStrings(map.get("matchers"), where, matchers, reading);

    Set<Level> levels =
        absent(map.get("levels")) ? defaults.levels() : levels(map.get("levels"), reading);
    Entry channelsEntry = map.get("channels");
    List<String> channels;
    if (channelsEntry == null) {
      reading.problem(
          map.line(),
          where
              + " has no channels: name the channels it sends to, as in channels: [ops-mail] (or"
              + " write channels: [] for a route that sends the alerts it takes nowhere)");
      channels = List.of();
    } else {
      channels = channelRefs(channelsEntry, declared, where, reading);
    }
    Entry continueEntry = map.get("continue");
    Boolean continueMatching =
        absent(continueEntry) ? Boolean.FALSE : reading.bool(continueEntry, where);
    Duration groupWait =
        absent(map.get("group_wait"))
            ? defaults.groupWait()
            : groupWait(map.get("group_wait"), reading);
    List<Duration> repeat =
        absent(map.get("repeat")) ? defaults.repeat() : repeat(map.get("repeat"), reading);
    if (reading.problemCount() != before) {
      return null;
    }
    return new Route(name, matchers, levels, channels, continueMatching, groupWait, repeat);
  }

  /**
   * {@code default:}, the route taken when no route took an alert. Without one, or without its
   * {@code channels}, it sends to {@code OPSROOM_ALERT_EMAIL}.
   */
  private Route readDefaultRoute(
      Entry entry, Defaults defaults, Set<String> declared, Reading reading) {
    Route fallback =
        new Route(
            "default",
            List.of(),
            defaults.levels(),
            mailto(alertEmail),
            false,
            defaults.groupWait(),
            defaults.repeat());
    if (absent(entry)) {
      return fallback;
    }
    if (!(entry.value() instanceof MapNode map)) {
      reading.problem(
          entry.line(),
          "default must be a mapping such as {channels: [ops-mail]}, not "
              + entry.value().describe());
      return fallback;
    }
    String where = "the default route";
    reading.rejectUnknownKeys(map, DEFAULT_ROUTE_KEYS, where, DEFAULT_ROUTE_HINTS);
    List<String> channels =
        map.get("channels") == null
            ? fallback.channels()
            : channelRefs(map.get("channels"), declared, where, reading);
    Set<Level> levels =
        absent(map.get("levels")) ? defaults.levels() : levels(map.get("levels"), reading);
    Duration groupWait =
        absent(map.get("group_wait"))
            ? defaults.groupWait()
            : groupWait(map.get("group_wait"), reading);
    List<Duration> repeat =
        absent(map.get("repeat")) ? defaults.repeat() : repeat(map.get("repeat"), reading);
    return new Route(
        "default",
        List.of(),
        levels,
        channels,
        false,
        groupWait != null ? groupWait : defaults.groupWait(),
        repeat);
  }

  /** {@code match:} or {@code match_re:}: a mapping of label names to values or regexes. */
  private static void readLabelMatches(
      Entry entry, LabelMatcher.Op op, String where, List<LabelMatcher> out, Reading reading) {
    if (absent(entry)) {
      return;
    }
    String key = entry.key();
    if (!(entry.value() instanceof MapNode map)) {
      reading.problem(
          entry.line(),
          where
              + ": "
              + key
              + (op == LabelMatcher.Op.EQUAL
                  ? " must be a mapping of labels to values, such as {team: db}, not "
                  : " must be a mapping of labels to regular expressions, such as {app:"
                      + " \"pg|mysql\"}, not ")
              + entry.value().describe());
      return;
    }
    for (Entry label : map.entries().values()) {
      if (!(label.value() instanceof Scalar scalar) || scalar.kind() == Kind.NULL) {
        reading.problem(
            label.line(),
            where
                + ": "
                + key
                + " "
                + label.key()
                + (label.value() instanceof Scalar
                    ? " has no value (write \"\" to match alerts without the label)"
                    : " must be a single value, not " + label.value().describe()));
        continue;
      }
      try {
        out.add(new LabelMatcher(label.key(), op, scalar.text()));
      } catch (IllegalArgumentException e) {
        reading.problem(
            label.line(), where + ": " + key + " " + shown(label.key()) + ": " + e.getMessage());
      }
    }
  }

  /** {@code matchers:}: Alertmanager's strings, such as {@code severity!=low}. */
  private static void readMatcherStrings(
      Entry entry, String where, List<LabelMatcher> out, Reading reading) {
    if (absent(entry)) {
      return;
    }
    for (Item item :
        reading.items(
            entry, where + ": matchers is a list of conditions such as ['severity!=low']")) {
      Matcher m = MATCHER.matcher(item.text());
      if (!m.matches()) {
        reading.problem(
            item.line(),
            where
                + ": matcher \""
                + shown(item.text())
                + "\" is not label=value, label!=value, label=~regex or label!~regex");
        continue;
      }
      String value = m.group(3);
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      try {
        out.add(new LabelMatcher(m.group(1), LabelMatcher.Op.parse(m.group(2)), value));
      } catch (IllegalArgumentException e) {
        reading.problem(
            item.line(), where + ": matcher \"" + shown(item.text()) + "\": " + e.getMessage());
      }
    }
  }

  /** Names of declared channels; a name that is not declared is a problem. */
  private static List<String> channelRefs(
      Entry entry, Set<String> declared, String where, Reading reading) {
    List<String> names = new ArrayList<>();
    // "admin: ..." names itself; a route's or the default route's list is its "channels".
    String what = where.equals(entry.key()) ? where : where + ": " + entry.key();
    if (absent(entry)) {
      reading.problem(
          entry.line(), what + " has no value: name channels, as in [ops-mail], or write []");
      return names;
    }
    for (Item item :
        reading.items(entry, what + " is a list of channel names, such as [ops-mail]")) {
      String name = item.text();
      if (declared.contains(name)) {
        if (!names.contains(name)) {
          names.add(name);
        }
      } else if (name.contains("@")) {
        reading.problem(
            item.line(),
            where
                + " names \""
                + shown(name)
                + "\", which is not a declared channel: declare an email channel for it under"
                + " channels:, as in {someone-mail: {email: ["
                + shown(name)
                + "]}}");
      } else {
        reading.problem(
            item.line(),
            where
                + " names channel \""
                + shown(name)
                + "\", which is not declared under channels:"
                + Suggestions.closest(name, declared)
                    .map(s -> " (did you mean \"" + s + "\"?)")
                    .orElse(""));
      }
    }
    return names;
  }

  // --------------------------------------------------------------------------- single values

  private static Set<Level> levels(Entry entry, Reading reading) {
    Set<Level> levels = EnumSet.noneOf(Level.class);
    List<Item> items =
        reading.items(entry, "levels is a list such as [warning, critical, unknown]");
    int before = reading.problemCount();
    for (Item item : items) {
      String word = item.text().toLowerCase(Locale.ROOT);
      if (LEVEL_WORDS.contains(word)) {
        levels.add(Level.valueOf(word.toUpperCase(Locale.ROOT)));
      } else if (word.equals("ok")) {
        reading.problem(
            item.line(),
            "levels: ok cannot be chosen: a recovery always goes where its alert went; levels takes"
                + " warning, critical, unknown");
      } else if (word.equals("pending")) {
        reading.problem(
            item.line(),
            "levels: pending is not notified: a pending alert has not fired yet; levels takes"
                + " warning, critical, unknown");
      } else if (word.equals("error")) {
        reading.problem(
            item.line(),
            "levels: error is not notified by routes: when Graphite fails, one message goes to"
                + " the admin channels; levels takes warning, critical, unknown");
      } else {
        reading.problem(
            item.line(),
            "levels: \""
                + shown(item.text())
                + "\" is not one of warning, critical, unknown"
                + Suggestions.closest(word, LEVEL_WORDS)
                    .map(s -> " (did you mean \"" + s + "\"?)")
                    .orElse(""));
      }
    }
    if (items.isEmpty() && reading.problemCount() == before) {
      reading.problem(entry.line(), "levels needs at least one of warning, critical, unknown");
    }
    return levels;
  }

  private static Duration groupWait(Entry entry, Reading reading) {
    Duration wait = reading.duration(entry, entry.key());
    if (wait != null && wait.compareTo(MAX_GROUP_WAIT) > 0) {
      reading.problem(
          entry.line(),
          "group_wait "
              + format(wait)
              + " is longer than 1h: the first alert of a group would wait that long before"
              + " anyone is told");
      return null;
    }
    return wait;
  }

  private static List<Duration> repeat(Entry entry, Reading reading) {
    List<Duration> gaps = new ArrayList<>();
    List<Item> items =
        reading.items(
            entry, "repeat is a list of gaps such as [5m, 30m, 1h], or [] for no repeats");
    for (Item item : items) {
      try {
        Duration gap = parseDuration(item.text());
        if (gap.compareTo(MIN_REPEAT) < 0) {
          reading.problem(
              item.line(),
              "repeat "
                  + shown(item.text())
                  + " is shorter than 1m: alerts are checked about once a minute");
        } else {
          gaps.add(gap);
        }
      } catch (IllegalArgumentException e) {
        reading.problem(item.line(), "repeat " + e.getMessage());
      }
    }
    return gaps;
  }

  /**
   * A duration as Alertmanager writes them: a whole number and a unit, {@code s}, {@code m} (or
   * {@code min}, as alert files write minutes), {@code h}, {@code d} or {@code w}, several of them
   * run together ({@code 1h30m}).
   */
  static Duration parseDuration(String text) {
    String t = text.strip();
    String hint = ": write it as 30s, 5m, 1h or 1d (or run together, as in 1h30m)";
    if (t.isEmpty()) {
      throw new IllegalArgumentException("has no value" + hint);
    }
    if (t.matches("\\d+")) {
      throw new IllegalArgumentException(
          "\"" + t + "\" needs a unit: " + t + "s, " + t + "m or " + t + "h");
    }
    Matcher m = DURATION_PART.matcher(t);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < t.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("\"" + shown(t) + "\" is not a duration" + hint);
      }
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "s":
          total = total.plusSeconds(n);
          break;
        case "m":
        case "min":
          total = total.plusMinutes(n);
          break;
        case "h":
          total = total.plusHours(n);
          break;
        case "d":
          total = total.plusDays(n);
          break;
        default:
          total = total.plusDays(7 * n);
          break;
      }
      at = m.end();
    }
    return total;
  }

  /** A duration as this file writes it: {@code 30s}, {@code 5m}, {@code 1h30m}. */
  static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long seconds = duration.getSeconds();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds >= sizes[i]) {
        text.append(seconds / sizes[i]).append(units[i]);
        seconds %= sizes[i];
      }
    }
    return text.toString();
  }

  private static boolean absent(Entry entry) {
    return entry == null || entry.value() instanceof Scalar scalar && scalar.kind() == Kind.NULL;
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
  }

  // ----------------------------------------------------------------------------- the reading

  /** One value of a list (or a single value written where a list is taken), with its line. */
  private record Item(int line, String text) {}

  /**
   * The reading of one file: the problems found so far, and the checks for single values that put a
   * problem on the right line when a value is wrong. Each check returns null after a problem.
   */
  private static final class Reading {
    private final String file;
    private final List<RoutesProblem> problems = new ArrayList<>();

    Reading(String file) {
      this.file = file;
    }

    void problem(int line, String message) {
      problems.add(new RoutesProblem(file, line, message));
    }

    int problemCount() {
      return problems.size();
    }

    Result result(Routes routes) {
      List<RoutesProblem> sorted = new ArrayList<>(problems);
      sorted.sort(Comparator.comparingInt(RoutesProblem::line));
      return new Result(file, sorted.isEmpty() ? routes : null, sorted);
    }

    /**
     * Records a problem for every key of {@code map} that is not one of {@code known}, with a hint
     * or a "did you mean" when one fits, and otherwise the keys {@code where} takes ({@code where}
     * null: the top of the file).
     */
    void rejectUnknownKeys(
        MapNode map, List<String> known, String where, Map<String, String> hints) {
      for (Entry entry : map.entries().values()) {
        if (known.contains(entry.key())) {
          continue;
        }
        String hint = hints.get(entry.key().toLowerCase(Locale.ROOT));
        Optional<String> closest = Suggestions.closest(entry.key(), known);
        String suggestion;
        if (hint != null) {
          suggestion = " (" + hint + ")";
        } else if (closest.isPresent()) {
          suggestion = " (did you mean \"" + closest.get() + "\"?)";
        } else {
          suggestion =
              "; "
                  + (where == null ? "the top of routes.yaml" : where)
                  + " takes "
                  + String.join(", ", known);
        }
        problem(
            entry.line(),
            (where == null ? "" : where + ": ")
                + "unknown key \""
                + shown(entry.key())
                + "\""
                + suggestion);
      }
    }

    /** The text of a scalar value; null (and a problem) for a mapping or a list. */
    String text(Entry entry, String where) {
      if (entry.value() instanceof Scalar scalar && scalar.kind() != Kind.NULL) {
        return scalar.text();
      }
      if (!(entry.value() instanceof Scalar)) {
        problem(
            entry.line(),
            where
                + ": "
                + entry.key()
                + " must be a single value, not "
                + entry.value().describe());
      }
      return null;
    }

    /** A YAML boolean, {@code true} or {@code false}. */
    Boolean bool(Entry entry, String where) {
      if (entry.value() instanceof Scalar scalar && scalar.kind() == Kind.BOOLEAN) {
        return Boolean.valueOf(scalar.text());
      }
      problem(
          entry.line(),
          where + ": " + entry.key() + " must be true or false, not " + entry.value().describe());
      return null;
    }

    /** A whole number of 1 or more. */
    Integer whole(Entry entry, String meaning) {
      if (entry.value() instanceof Scalar scalar
          && (scalar.kind() == Kind.NUMBER || scalar.kind() == Kind.TEXT)
          && scalar.text().strip().matches("\\d{1,9}")) {
        int number = Integer.parseInt(scalar.text().strip());
        if (number >= 1) {
          return number;
        }
      }
      problem(
          entry.line(),
          entry.key()
              + " must be a whole number of 1 or more ("
              + meaning
              + "), not "
              + entry.value().describe());
      return null;
    }

    /** A duration such as {@code 30s} or {@code 5m}. */
    Duration duration(Entry entry, String what) {
      if (entry.value() instanceof Scalar scalar
          && (scalar.kind() == Kind.TEXT || scalar.kind() == Kind.NUMBER)) {
        try {
          return parseDuration(scalar.text());
        } catch (IllegalArgumentException e) {
          problem(entry.line(), what + " " + e.getMessage());
          return null;
        }
      }
      problem(
          entry.line(),
          what + " must be a duration such as 30s or 5m, not " + entry.value().describe());
      return null;
    }

    /** The mapping an entry holds; null (and {@code shape} as the problem) for anything else. */
    MapNode mapping(Entry entry, String shape) {
      if (entry.value() instanceof MapNode map) {
        return map;
      }
      problem(entry.line(), shape + ", not " + entry.value().describe());
      return null;
    }

    /**
     * The single values of a list, stripped, or of one value written where a list is taken; a
     * mapping, a nested list or an empty entry is a problem ({@code shape} says what is taken).
     */
    List<Item> items(Entry entry, String shape) {
      List<Node> nodes =
          entry.value() instanceof ListNode list ? list.items() : List.of(entry.value());
      List<Item> items = new ArrayList<>();
      for (Node node : nodes) {
        if (node instanceof Scalar scalar
            && scalar.kind() != Kind.NULL
            && !scalar.text().isBlank()) {
          items.add(new Item(node.line(), scalar.text().strip()));
        } else {
          problem(node.line(), shape + ", not " + node.describe());
        }
      }
      return items;
    }
  }
}

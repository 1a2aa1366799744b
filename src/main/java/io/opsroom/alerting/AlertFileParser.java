package io.opsroom.alerting;

import io.opsroom.alerting.AlertDefinition.Direction;
import io.opsroom.alerting.AlertDefinition.NoData;
import io.opsroom.alerting.AlertDefinition.Reduce;
import io.opsroom.alerting.AlertDefinition.Source;
import io.opsroom.alerting.AlertTemplate.ForEach;
import io.opsroom.alerting.AlertTemplate.Kind;
import io.opsroom.notify.EmailMessage;
import io.opsroom.platform.SourceTree;
import io.opsroom.platform.SourceTree.Entry;
import io.opsroom.platform.SourceTree.ListNode;
import io.opsroom.platform.SourceTree.MapNode;
import io.opsroom.platform.SourceTree.Node;
import io.opsroom.platform.SourceTree.Scalar;
import io.opsroom.platform.Suggestions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one alert file, YAML in Opsroom's format (docs/alerts.md) or Hound's JSON, into the alerts
 * it defines and the problems it has, each problem on the line of the key or alert it is about.
 * Nothing is guessed: an unknown key, a wrong value or a missing target is a problem, because a
 * typo that silently disabled an alert would be found only when the alert stays quiet.
 *
 * <p>The parser knows nothing of other files or of the inventory: duplicate ids across files,
 * references between alerts and {@code for_each} expansion are the registry's.
 */
public final class AlertFileParser {

  /** Larger files are refused unread: an alert file of a megabyte is a mistake. */
  public static final int MAX_FILE_BYTES = 1_048_576;

  /** How far back a check reads when neither the alert nor its file's defaults say. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

  /** How YAML syntax problems in alert files are worded: their examples are alert targets. */
  static final SourceTree.Wording WORDING =
      new SourceTree.Wording(
          "alerts",
          "quote a value that starts with { or [ (target: \"{server.graphitePrefix}.load\")",
          "quote a value that starts with * (target: \"*.load\")");

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  static final Pattern LABEL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)\\.([A-Za-z_]+)\\}");

  /**
   * A channel name of routes.yaml in an alert's {@code notify:}; anything else there must be an
   * email address. Whether the channel exists is not checked here: routes.yaml is reloaded on its
   * own, and the notify side skips a name it does not know with a warning.
   */
  static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  static final List<String> FILE_KEYS = List.of("defaults", "alerts");
  static final List<String> ALERT_KEYS =
      List.of(
          "id",
          "name",
          "target",
          "warning",
          "critical",
          "direction",
          "reduce",
          "window",
          "for",
          "no_data",
          "interval",
          "labels",
          "runbook",
          "description",
          "graph",
          "for_each",
          "composite",
          "notify");
  static final List<String> DEFAULT_KEYS =
      List.of(
          "window", "reduce", "for", "no_data", "interval", "labels", "runbook", "graph", "notify");
  static final List<String> COMPOSITE_KEYS =
      List.of("id", "name", "composite", "for", "labels", "runbook", "description", "notify");

  private static final String LABELS_HINT = "write it as a label: labels: {%s: ...}";
  private static final String NOTIFY_HINT =
      "recipients go in notify: [a channel of routes.yaml, or an email address]";
  private static final Map<String, String> ALERT_HINTS =
      Map.ofEntries(
          Map.entry("threshold", "thresholds are written as critical: and warning:"),
          Map.entry("metric", "the Graphite expression goes in target:"),
          Map.entry("runbooklink", "the link goes in runbook:"),
          Map.entry("runbook_url", "the link goes in runbook:"),
          Map.entry("email_to", NOTIFY_HINT + ", or in the label email_to"),
          Map.entry("emailto", NOTIFY_HINT + ", or in the label email_to"),
          Map.entry("email", NOTIFY_HINT),
          Map.entry("notify_to", NOTIFY_HINT),
          Map.entry("recipients", NOTIFY_HINT),
          Map.entry("channels", NOTIFY_HINT),
          Map.entry(
              "route",
              "routes are written in alerts/routes.yaml; an alert adds recipients"
                  + " with notify:"),
          Map.entry("team", LABELS_HINT.formatted("team")),
          Map.entry("severity", LABELS_HINT.formatted("severity")),
          Map.entry("app", LABELS_HINT.formatted("app")),
          Map.entry("server", LABELS_HINT.formatted("server")),
          Map.entry("silence", "silences are made on the /silences page, not in alert files"),
          Map.entry("silences", "silences are made on the /silences page, not in alert files"));
  private static final Map<String, String> FILE_HINTS =
      Map.of(
          "routes", "notification routes belong in alerts/routes.yaml",
          "silences", "silences are made on the /silences page, not in alert files");

  /** Words people use for the kinds of placeholders, so that {servers.name} is caught. */
  private static final Map<String, Kind> PLACEHOLDER_WORDS =
      Map.of(
          "server", Kind.SERVERS,
          "servers", Kind.SERVERS,
          "host", Kind.SERVERS,
          "hosts", Kind.SERVERS,
          "application", Kind.APPLICATIONS,
          "applications", Kind.APPLICATIONS,
          "app", Kind.APPLICATIONS,
          "apps", Kind.APPLICATIONS);

  private static final int MAX_RULE_DEPTH = 8;

  /**
   * Reads {@code content} as the file named {@code file} (relative to the alerts folder). A {@code
   * .json} file in Hound's shape is read as Hound's config; anything else as Opsroom's YAML format
   * (which includes JSON).
   */
  public AlertFile parse(String file, byte[] content) {
    FileReading reading = new FileReading(file);
    List<AlertDefinition> alerts = new ArrayList<>();
    List<AlertTemplate> templates = new ArrayList<>();
    if (content.length > MAX_FILE_BYTES) {
      reading.problem(
          0, null, "the file is larger than 1 MiB and is not read: split it into several files");
      return new AlertFile(file, alerts, templates, reading.problems());
    }
    boolean json = file.toLowerCase(Locale.ROOT).endsWith(".json");
    List<Map.Entry<Integer, String>> duplicateKeys = new ArrayList<>();
    Node root;
    try {
      root = SourceTree.read(content, json, WORDING, duplicateKeys);
    } catch (SourceTree.SyntaxException e) {
      reading.problem(e.line(), null, e.getMessage());
      return new AlertFile(file, alerts, templates, reading.problems());
    }
    duplicateKeys.forEach(d -> reading.problem(d.getKey(), null, d.getValue()));
    if (root == null) {
      // An empty file defines nothing, which is fine: a file emptied on purpose.
      return new AlertFile(file, alerts, templates, reading.problems());
    }
    if (!(root instanceof MapNode map)) {
      reading.problem(
          root.line(),
          null,
          "an alert file is a mapping with alerts: (and optionally defaults:) at the top, not "
              + root.describe());
    } else if (json && HoundFormat.looksLikeHound(map)) {
      HoundFormat.read(map, reading, alerts);
    } else {
      readFile(map, reading, alerts, templates);
    }
    List<AlertProblem> problems = new ArrayList<>(reading.problems());
    problems.sort(Comparator.comparingInt(AlertProblem::line));
    return new AlertFile(file, alerts, templates, problems);
  }

  /** What a file's {@code defaults:} sets; null where it sets nothing. */
  private record Defaults(
      Duration window,
      Reduce reduce,
      Integer forChecks,
      NoData noData,
      Duration interval,
      Map<String, String> labels,
      String runbook,
      List<String> graph,
      List<String> notifyTo,
      Set<String> broken) {

    static final Defaults NONE =
        new Defaults(null, null, null, null, null, Map.of(), null, null, null, Set.of());
  }

  private void readFile(
      MapNode map,
      FileReading reading,
      List<AlertDefinition> alerts,
      List<AlertTemplate> templates) {
    reading.rejectUnknownKeys(map, FILE_KEYS, null, "the top of an alert file", FILE_HINTS);
    Defaults defaults = readDefaults(map.get("defaults"), reading);
    Entry alertsEntry = map.get("alerts");
    if (alertsEntry == null) {
      if (map.entries().keySet().stream().allMatch(FILE_KEYS::contains)) {
        reading.problem(map.line(), null, "the file has no alerts: list");
      }
      return;
    }
    if (FileReading.absent(alertsEntry)) {
      return;
    }
    if (!(alertsEntry.value() instanceof ListNode list)) {
      reading.problem(
          alertsEntry.line(),
          null,
          "alerts must be a list of alerts, each starting with \"- id:\", not "
              + alertsEntry.value().describe());
      return;
    }
    Map<String, Integer> idLines = new HashMap<>();
    for (Node item : list.items()) {
      if (item instanceof MapNode alert) {
        readAlert(alert, defaults, reading, alerts, templates, idLines);
      } else {
        reading.problem(
            item.line(),
            null,
            "each entry of alerts is a mapping such as \"- id: ...\", not " + item.describe());
      }
    }
  }

  private Defaults readDefaults(Entry entry, FileReading reading) {
    if (FileReading.absent(entry)) {
      return Defaults.NONE;
    }
    if (!(entry.value() instanceof MapNode map)) {
      reading.problem(
          entry.line(),
          null,
          "defaults must be a mapping such as {window: 5min, for: 2}, not "
              + entry.value().describe());
      return Defaults.NONE;
    }
    for (Entry key : map.entries().values()) {
      if (DEFAULT_KEYS.contains(key.key())) {
        continue;
      }
      if (ALERT_KEYS.contains(key.key())) {
        reading.problem(
            key.line(),
            null,
            "defaults cannot set "
                + key.key()
                + ": it belongs to each alert; defaults takes "
                + String.join(", ", DEFAULT_KEYS));
      } else {
        reading.unknownKey(key, DEFAULT_KEYS, null, "defaults", ALERT_HINTS);
      }
    }
    Set<String> broken = new HashSet<>();
    Entry labels = map.get("labels");
    return new Defaults(
        checked("window", broken, reading, () -> optional(map, "window", reading::duration)),
        checked(
            "reduce", broken, reading, () -> optionalWord(map, "reduce", reading, Reduce.class)),
        checked(
            "for",
            broken,
            reading,
            () -> optional(map, "for", (e, id) -> forChecks(e, id, reading))),
        checked(
            "no_data", broken, reading, () -> optionalWord(map, "no_data", reading, NoData.class)),
        checked("interval", broken, reading, () -> optional(map, "interval", reading::duration)),
        checked(
            "labels",
            broken,
            reading,
            () -> FileReading.absent(labels) ? Map.of() : readLabels(labels, null, reading, null)),
        checked(
            "runbook",
            broken,
            reading,
            () -> optional(map, "runbook", (e, id) -> runbook(e, id, reading))),
        checked(
            "graph",
            broken,
            reading,
            () -> optional(map, "graph", (e, id) -> readGraph(e, id, reading))),
        checked(
            "notify",
            broken,
            reading,
            () -> optional(map, "notify", (e, id) -> readNotify(e, id, reading))),
        broken);
  }

  /** Reads one default; when that records a problem, its key goes into {@code broken}. */
  private static <T> T checked(
      String key, Set<String> broken, FileReading reading, Supplier<T> read) {
    int before = reading.problemCount();
    T value = read.get();
    if (reading.problemCount() != before) {
      broken.add(key);
    }
    return value;
  }

  private static <T> T optional(MapNode map, String key, BiFunction<Entry, String, T> read) {
    return present(map, key) ? read.apply(map.get(key), null) : null;
  }

  private static <E extends Enum<E>> E optionalWord(
      MapNode map, String key, FileReading reading, Class<E> type) {
    return present(map, key) ? reading.word(map.get(key), null, type) : null;
  }

  private void readAlert(
      MapNode alert,
      Defaults defaults,
      FileReading reading,
      List<AlertDefinition> alerts,
      List<AlertTemplate> templates,
      Map<String, Integer> idLines) {
    int before = reading.problemCount();
    Entry idEntry = alert.get("id");
    String id = FileReading.absent(idEntry) ? null : reading.text(idEntry, null);
    reading.rejectUnknownKeys(alert, ALERT_KEYS, id, "an alert", ALERT_HINTS);

    boolean forEachWritten = present(alert, "for_each");
    boolean composite = present(alert, "composite");
    ForEach forEach =
        forEachWritten && !composite ? readForEach(alert.get("for_each"), id, reading) : null;
    Placeholders placeholders = new Placeholders(reading, id, forEachWritten, forEach);

    if (id == null) {
      if (FileReading.absent(idEntry)) {
        reading.problem(
            alert.line(),
            null,
            "the alert has no id: give it a stable one such as \"id: web-5xx-percent\" (ids are"
                + " used in URLs and the history)");
      }
    } else {
      checkId(id, idEntry.line(), forEach, placeholders, reading);
      Integer earlier = idLines.putIfAbsent(id, idEntry.line());
      if (earlier != null) {
        reading.problem(
            idEntry.line(),
            id,
            "id \""
                + id
                + "\" is already used at line "
                + earlier
                + " of this file: ids are unique");
      }
    }

    String name = present(alert, "name") ? reading.text(alert.get("name"), id) : null;
    if (name != null) {
      placeholders.check("name", name, alert.get("name").line());
    }
    Map<String, String> labels = new TreeMap<>(defaults.labels());
    if (present(alert, "labels")) {
      labels.putAll(readLabels(alert.get("labels"), id, reading, placeholders));
    }
    String runbook =
        present(alert, "runbook") ? runbook(alert.get("runbook"), id, reading) : defaults.runbook();
    if (runbook != null && present(alert, "runbook")) {
      placeholders.check("runbook", runbook, alert.get("runbook").line());
    }
    String description =
        present(alert, "description") ? reading.text(alert.get("description"), id) : null;
    if (description != null) {
      description = description.strip();
      placeholders.check("description", description, alert.get("description").line());
    }
    Integer forChecks =
        present(alert, "for") ? forChecks(alert.get("for"), id, reading) : defaults.forChecks();
    // An alert's own notify: replaces the defaults' (notify: [] sends it to its routes only), as
    // every other default is replaced rather than merged.
    List<String> notify =
        alert.get("notify") != null
            ? readNotify(alert.get("notify"), id, reading)
            : defaults.notifyTo() != null ? defaults.notifyTo() : List.of();
    Source source = new Source(reading.file, alert.line());

    if (composite) {
      for (Entry key : alert.entries().values()) {
        if (ALERT_KEYS.contains(key.key()) && !COMPOSITE_KEYS.contains(key.key())) {
          reading.problem(
              key.line(),
              id,
              key.key()
                  + " does not apply to a composite alert, whose state comes from the alerts its"
                  + " rule names");
        }
      }
      CompositeRule rule = readRule(alert.get("composite").value(), id, reading, 0);
      if (reading.problemCount() == before && !usesBrokenDefault(alert, defaults)) {
        alerts.add(
            new AlertDefinition(
                id,
                name != null ? name : id,
                null,
                null,
                null,
                null,
                null,
                null,
                forChecks != null ? forChecks : 1,
                NoData.UNKNOWN,
                Optional.empty(),
                new TreeMap<>(labels),
                runbook,
                description,
                List.of(),
                source,
                rule,
                notify));
      }
      return;
    }

    String target = null;
    Entry targetEntry = alert.get("target");
    if (!FileReading.absent(targetEntry)) {
      target = reading.text(targetEntry, id);
      target = target == null ? null : target.strip();
    }
    if (target == null || target.isEmpty()) {
      if (FileReading.absent(targetEntry) || target != null) {
        reading.problem(
            targetEntry == null ? alert.line() : targetEntry.line(),
            id,
            "the alert has no target: write the Graphite expression to check, such as \"target:"
                + " servers.web01.load.load.shortterm\" (or a composite: rule)");
      }
      target = null;
    } else {
      String problem = targetProblem(target);
      if (problem != null) {
        reading.problem(targetEntry.line(), id, "target " + problem);
      }
      placeholders.check("target", target, targetEntry.line());
      if (forEach != null && !PLACEHOLDER.matcher(target).find()) {
        reading.problem(
            targetEntry.line(),
            id,
            "the target of a for_each alert needs a placeholder such as {"
                + forEach.kind().placeholder()
                + ".graphitePrefix}: without one, every alert it makes checks the same series");
      }
    }

    Entry warningEntry = alert.get("warning");
    Entry criticalEntry = alert.get("critical");
    Double warning = FileReading.absent(warningEntry) ? null : reading.number(warningEntry, id);
    Double critical = FileReading.absent(criticalEntry) ? null : reading.number(criticalEntry, id);
    if (FileReading.absent(warningEntry) && FileReading.absent(criticalEntry)) {
      reading.problem(
          alert.line(),
          id,
          "the alert has neither warning nor critical: give at least one threshold");
    }
    Direction given =
        present(alert, "direction")
            ? reading.word(alert.get("direction"), id, Direction.class)
            : null;
    Direction direction =
        direction(warning, critical, given, warningEntry, alert.get("direction"), id, reading);

    Reduce reduce =
        present(alert, "reduce")
            ? reading.word(alert.get("reduce"), id, Reduce.class)
            : defaults.reduce() != null ? defaults.reduce() : Reduce.LAST;
    Duration window =
        present(alert, "window")
            ? reading.duration(alert.get("window"), id)
            : defaults.window() != null ? defaults.window() : DEFAULT_WINDOW;
    NoData noData =
        present(alert, "no_data")
            ? reading.word(alert.get("no_data"), id, NoData.class)
            : defaults.noData() != null ? defaults.noData() : NoData.UNKNOWN;
    Duration interval =
        present(alert, "interval")
            ? reading.duration(alert.get("interval"), id)
            : defaults.interval();
    List<String> graph =
        present(alert, "graph")
            ? readGraph(alert.get("graph"), id, reading)
            : defaults.graph() != null ? defaults.graph() : AlertDefinition.DEFAULT_GRAPH;

    if (reading.problemCount() != before || usesBrokenDefault(alert, defaults)) {
      return; // not valid on its own: left out, and the file is not valid either
    }
    AlertDefinition definition =
        new AlertDefinition(
            id,
            name != null ? name : id,
            target,
            warning,
            critical,
            direction,
            reduce,
            window,
            forChecks != null ? forChecks : 1,
            noData,
            Optional.ofNullable(interval),
            new TreeMap<>(labels),
            runbook,
            description,
            graph,
            source,
            null,
            notify);
    if (forEach != null) {
      templates.add(new AlertTemplate(forEach, definition));
    } else {
      alerts.add(definition);
    }
  }

  /**
   * Whether the alert takes a value from its file's defaults that is wrong. Such an alert is left
   * out rather than run with the built-in default in its place; the problem is on the default.
   */
  private static boolean usesBrokenDefault(MapNode alert, Defaults defaults) {
    for (String key : defaults.broken()) {
      if (key.equals("labels") || !present(alert, key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The direction as written, checked against the thresholds, or inferred from them: critical above
   * warning means high values are bad. With one threshold and no direction, high values are bad.
   */
  private static Direction direction(
      Double warning,
      Double critical,
      Direction given,
      Entry warningEntry,
      Entry directionEntry,
      String id,
      FileReading reading) {
    if (given != null) {
      if (warning != null && critical != null) {
        if (given == Direction.ABOVE && warning > critical) {
          reading.problem(
              warningEntry.line(),
              id,
              "warning "
                  + FileReading.format(warning)
                  + " is above critical "
                  + FileReading.format(critical)
                  + " but direction is above: with direction above, warning is at or below"
                  + " critical (swap them, or write direction: below)");
        } else if (given == Direction.BELOW && warning < critical) {
          reading.problem(
              warningEntry.line(),
              id,
              "warning "
                  + FileReading.format(warning)
                  + " is below critical "
                  + FileReading.format(critical)
                  + " but direction is below: with direction below, warning is at or above"
                  + " critical (swap them, or write direction: above)");
        }
      }
      return given;
    }
    if (directionEntry != null && !FileReading.absent(directionEntry)) {
      return null; // written but wrong: already reported
    }
    if (warning != null && critical != null) {
      if (warning.equals(critical)) {
        reading.problem(
            warningEntry.line(),
            id,
            "warning and critical are both "
                + FileReading.format(warning)
                + ", so the direction cannot be inferred: write direction: above or direction:"
                + " below");
        return null;
      }
      return critical > warning ? Direction.ABOVE : Direction.BELOW;
    }
    return Direction.ABOVE;
  }

  private static void checkId(
      String id, int line, ForEach forEach, Placeholders placeholders, FileReading reading) {
    String bare = PLACEHOLDER.matcher(id).replaceAll("x");
    if (!ID.matcher(bare).matches()) {
      reading.problem(
          line,
          id,
          "id \""
              + id
              + "\" is not valid: use lower-case letters, digits, '.', '_' and '-', starting with"
              + " a letter or a digit");
    }
    placeholders.check("id", id, line);
    if (forEach != null && !PLACEHOLDER.matcher(id).find()) {
      reading.problem(
          line,
          id,
          "the id of a for_each alert needs a placeholder such as {"
              + forEach.kind().placeholder()
              + ".name}: without one, every alert it makes has the same id");
    }
  }

  private static Integer forChecks(Entry entry, String id, FileReading reading) {
    return reading.whole(entry, id, 1, "consecutive failing checks before the alert fires");
  }

  private static String runbook(Entry entry, String id, FileReading reading) {
    String text = reading.text(entry, id);
    if (text == null) {
      return null;
    }
    String link = text.strip();
    String problem = runbookProblem(link);
    if (problem != null) {
      reading.problem(entry.line(), id, problem);
      return null;
    }
    return link;
  }

  /**
   * Why a runbook link cannot be used, or null. Only web links and paths are allowed: the link is
   * put on pages, where a {@code javascript:} link would run in the reader's session.
   */
  static String runbookProblem(String link) {
    String lower = link.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://")
        || lower.startsWith("http://")
        || lower.startsWith("/")
        || lower.startsWith("{")) {
      return null;
    }
    return "runbook must be a link starting with https://, http:// or /, not \"" + link + "\"";
  }

  /**
   * Why a Graphite target is malformed, or null: unbalanced parentheses, braces or quotes, which
   * Graphite would refuse at every check.
   */
  static String targetProblem(String target) {
    int parens = 0;
    int braces = 0;
    char quote = 0;
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '\'', '"' -> quote = c;
        case '(' -> parens++;
        case ')' -> parens--;
        case '{' -> braces++;
        case '}' -> braces--;
        default -> {}
      }
      if (parens < 0) {
        return "has a ')' without its '(' at character " + (i + 1) + ": " + target;
      }
      if (braces < 0) {
        return "has a '}' without its '{' at character " + (i + 1) + ": " + target;
      }
    }
    if (quote != 0) {
      return "has a quote (" + quote + ") that is not closed: " + target;
    }
    if (parens > 0) {
      return "has " + parens + " '(' without ')': " + target;
    }
    if (braces > 0) {
      return "has " + braces + " '{' without '}': " + target;
    }
    return null;
  }

  private static Map<String, String> readLabels(
      Entry entry, String id, FileReading reading, Placeholders placeholders) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (!(entry.value() instanceof MapNode map)) {
      reading.problem(
          entry.line(),
          id,
          entry.key()
              + " must be a mapping such as {team: web, severity: page}, not "
              + entry.value().describe());
      return labels;
    }
    for (Entry label : map.entries().values()) {
      if (!LABEL_NAME.matcher(label.key()).matches()) {
        reading.problem(
            label.line(),
            id,
            "label name \""
                + label.key()
                + "\" is not valid: use lower-case letters, digits and _, starting with a letter"
                + " or _");
        continue;
      }
      String value = FileReading.absent(label) ? null : reading.text(label, id);
      if (value == null || value.isBlank()) {
        if (!(label.value() instanceof MapNode) && !(label.value() instanceof ListNode)) {
          reading.problem(label.line(), id, "label " + label.key() + " has no value");
        }
        continue;
      }
      if (placeholders != null) {
        placeholders.check("label " + label.key(), value, label.line());
      }
      labels.put(label.key(), value.strip());
    }
    return labels;
  }

  /**
   * {@code notify:}: channel names of routes.yaml and email addresses, one or a list; empty for
   * {@code notify:} with nothing after it. Entries that are neither are refused.
   */
  private static List<String> readNotify(Entry entry, String id, FileReading reading) {
    if (FileReading.absent(entry)) {
      return List.of();
    }
    List<Node> items =
        entry.value() instanceof ListNode list ? list.items() : List.of(entry.value());
    Set<String> recipients = new LinkedHashSet<>();
    for (Node item : items) {
      if (!(item instanceof Scalar scalar)
          || scalar.kind() == SourceTree.Kind.NULL
          || scalar.kind() == SourceTree.Kind.BOOLEAN
          || scalar.text().isBlank()) {
        reading.problem(
            item.line(),
            id,
            "notify is a list of channels of routes.yaml and email addresses, such as [ops-mail,"
                + " someone@example.org], not "
                + item.describe());
        continue;
      }
      String recipient = scalar.text().strip();
      if (CHANNEL_NAME.matcher(recipient).matches()) {
        recipients.add(recipient);
        continue;
      }
      try {
        EmailMessage.checkAddress(recipient);
        recipients.add(recipient);
      } catch (IllegalArgumentException e) {
        reading.problem(
            item.line(),
            id,
            "notify: \""
                + recipient.replaceAll("\\p{Cntrl}", "?")
                + "\" is neither a channel of routes.yaml (lower-case letters, digits, - and _)"
                + " nor one email address such as someone@example.org"
                + (recipient.contains(",") || recipient.contains(";")
                    ? ": write several as a list, notify: [a@example.org, b@example.org]"
                    : ""));
      }
    }
    return List.copyOf(recipients);
  }

  private static List<String> readGraph(Entry entry, String id, FileReading reading) {
    List<Node> items =
        entry.value() instanceof ListNode list ? list.items() : List.of(entry.value());
    List<String> ranges = new ArrayList<>();
    for (Node item : items) {
      if (item instanceof Scalar scalar && scalar.kind() != SourceTree.Kind.NULL) {
        try {
          ranges.add(GraphiteDurations.parseRange(scalar.text()));
        } catch (IllegalArgumentException e) {
          reading.problem(item.line(), id, "graph range " + e.getMessage());
        }
      } else {
        reading.problem(
            item.line(),
            id,
            "graph is a list of ranges such as [-24h, -7d], not " + item.describe());
      }
    }
    return ranges;
  }

  private static ForEach readForEach(Entry entry, String id, FileReading reading) {
    String shape =
        "for_each names one kind of inventory object and a filter, as in for_each: {servers:"
            + " {environment: production}} or for_each: {applications: {}}";
    if (!(entry.value() instanceof MapNode map) || map.entries().size() != 1) {
      reading.problem(entry.line(), id, shape);
      return null;
    }
    Entry kindEntry = map.entries().values().iterator().next();
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.word().equals(kindEntry.key())) {
        kind = k;
      }
    }
    if (kind == null) {
      List<String> words = List.of(Kind.SERVERS.word(), Kind.APPLICATIONS.word());
      reading.problem(
          kindEntry.line(),
          id,
          "for_each \""
              + kindEntry.key()
              + "\" is not servers or applications"
              + Suggestions.didYouMean(kindEntry.key(), words));
      return null;
    }
    Map<String, String> filter = new TreeMap<>();
    boolean valid = true;
    if (!FileReading.absent(kindEntry)) {
      if (!(kindEntry.value() instanceof MapNode filterMap)) {
        reading.problem(kindEntry.line(), id, shape);
        return null;
      }
      for (Entry property : filterMap.entries().values()) {
        if (!kind.properties().contains(property.key())) {
          reading.problem(
              property.line(),
              id,
              "for_each "
                  + kind.word()
                  + " cannot be filtered by \""
                  + property.key()
                  + "\""
                  + Suggestions.didYouMean(property.key(), kind.properties())
                  + "; the properties are "
                  + String.join(", ", kind.properties()));
          valid = false;
          continue;
        }
        String value = FileReading.absent(property) ? null : reading.text(property, id);
        if (value == null) {
          if (FileReading.absent(property)) {
            reading.problem(
                property.line(), id, "for_each filter " + property.key() + " has no value");
          }
          valid = false;
          continue;
        }
        filter.put(property.key(), value.strip());
      }
    }
    // Decommissioned and planned objects are left out unless the file asks for them.
    filter.putIfAbsent("status", "active");
    return valid ? new ForEach(kind, filter, entry.line()) : null;
  }

  private static CompositeRule readRule(Node node, String id, FileReading reading, int depth) {
    String shapes =
        "{all: [...]}, {any: [...]}, {alert: some-id, state: ok} or {at_least: 80%, of: {labels:"
            + " {...}}, state: ok}";
    if (depth > MAX_RULE_DEPTH) {
      reading.problem(node.line(), id, "composite rules nest more than 8 deep");
      return null;
    }
    if (!(node instanceof MapNode map)) {
      reading.problem(
          node.line(),
          id,
          "a composite rule is a mapping such as " + shapes + ", not " + node.describe());
      return null;
    }
    for (String group : List.of("all", "any")) {
      Entry entry = map.get(group);
      if (entry == null) {
        continue;
      }
      if (map.entries().size() != 1) {
        reading.problem(
            map.line(),
            id,
            group + ": stands alone in its rule: put the other conditions in its list");
        return null;
      }
      if (!(entry.value() instanceof ListNode list) || list.items().isEmpty()) {
        reading.problem(
            entry.line(), id, group + ": takes a list of one or more rules such as " + shapes);
        return null;
      }
      List<CompositeRule> rules = new ArrayList<>();
      for (Node item : list.items()) {
        rules.add(readRule(item, id, reading, depth + 1));
      }
      if (rules.contains(null)) {
        return null;
      }
      return group.equals("all") ? new CompositeRule.All(rules) : new CompositeRule.Any(rules);
    }
    if (map.get("alert") != null) {
      int before = reading.problemCount();
      reading.rejectUnknownKeys(map, List.of("alert", "state"), id, "an alert condition", Map.of());
      String alert =
          FileReading.absent(map.get("alert")) ? null : reading.text(map.get("alert"), id);
      if (alert == null || !ID.matcher(alert.strip()).matches()) {
        reading.problem(
            map.get("alert").line(),
            id,
            "alert: takes the id of another alert, such as web-5xx-percent");
        return null;
      }
      CompositeRule.State state = state(map, id, reading);
      return reading.problemCount() == before && state != null
          ? new CompositeRule.AlertIs(alert.strip(), state)
          : null;
    }
    if (map.get("at_least") != null) {
      int before = reading.problemCount();
      reading.rejectUnknownKeys(
          map, List.of("at_least", "of", "state"), id, "an at_least condition", Map.of());
      CompositeRule.Quota quota = quota(map.get("at_least"), id, reading);
      Map<String, String> labels = null;
      Entry of = map.get("of");
      if (FileReading.absent(of)) {
        reading.problem(
            map.line(),
            id,
            "at_least needs of: {labels: {...}}, the labels of the alerts it counts");
      } else if (!(of.value() instanceof MapNode ofMap) || ofMap.get("labels") == null) {
        reading.problem(
            of.line(), id, "of: takes {labels: {...}}, the labels of the alerts it counts");
      } else {
        reading.rejectUnknownKeys(ofMap, List.of("labels"), id, "of", Map.of());
        labels = readLabels(ofMap.get("labels"), id, reading, null);
        if (labels.isEmpty() && reading.problemCount() == before) {
          reading.problem(
              ofMap.get("labels").line(),
              id,
              "of: labels must name at least one label, or it would count every alert");
        }
      }
      CompositeRule.State state = state(map, id, reading);
      return reading.problemCount() == before && quota != null && state != null
          ? new CompositeRule.AtLeast(quota, labels, state)
          : null;
    }
    String first =
        map.entries().keySet().iterator().hasNext() ? map.entries().keySet().iterator().next() : "";
    reading.problem(
        map.line(),
        id,
        "a composite rule starts with all, any, alert or at_least"
            + Suggestions.didYouMean(first, List.of("all", "any", "alert", "at_least"))
            + ", as in "
            + shapes);
    return null;
  }

  private static CompositeRule.State state(MapNode map, String id, FileReading reading) {
    Entry state = map.get("state");
    return FileReading.absent(state)
        ? CompositeRule.State.OK
        : reading.word(state, id, CompositeRule.State.class);
  }

  private static CompositeRule.Quota quota(Entry entry, String id, FileReading reading) {
    String problem =
        "at_least takes a count of 1 or more (at_least: 3) or a percentage up to 100% (at_least:"
            + " 80%), not ";
    if (entry.value() instanceof Scalar scalar && scalar.kind() != SourceTree.Kind.NULL) {
      String text = scalar.text().strip();
      try {
        if (text.endsWith("%")) {
          double percent = Double.parseDouble(text.substring(0, text.length() - 1).strip());
          if (percent > 0 && percent <= 100) {
            return CompositeRule.Quota.percent(percent);
          }
        } else if (text.matches("\\d+") && Integer.parseInt(text) >= 1) {
          return CompositeRule.Quota.count(Integer.parseInt(text));
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      reading.problem(entry.line(), id, problem + text);
      return null;
    }
    reading.problem(entry.line(), id, problem + entry.value().describe());
    return null;
  }

  private static boolean present(MapNode map, String key) {
    return !FileReading.absent(map.get(key));
  }

  /**
   * Checks the placeholders of one alert: each {@code {server.x}} must name a property, fit the
   * alert's {@code for_each}, and not be used without one. Braces that do not look like a
   * placeholder are Graphite's ({@code {web01,web02}}) and left alone.
   */
  private static final class Placeholders {
    private final FileReading reading;
    private final String id;
    private final boolean forEachWritten;
    private final ForEach forEach;

    Placeholders(FileReading reading, String id, boolean forEachWritten, ForEach forEach) {
      this.reading = reading;
      this.id = id;
      this.forEachWritten = forEachWritten;
      this.forEach = forEach;
    }

    void check(String field, String value, int line) {
      Matcher m = PLACEHOLDER.matcher(value);
      while (m.find()) {
        String word = m.group(1);
        String property = m.group(2);
        String written = m.group();
        Kind kind = exactKind(word);
        if (kind == null) {
          Optional<String> near = Suggestions.closest(word, PLACEHOLDER_WORDS.keySet());
          if (near.isPresent()) {
            Kind meant = forEach != null ? forEach.kind() : PLACEHOLDER_WORDS.get(near.get());
            reading.problem(
                line,
                id,
                field
                    + ": unknown placeholder "
                    + written
                    + " (did you mean {"
                    + meant.placeholder()
                    + "."
                    + property
                    + "}?)");
          }
          continue;
        }
        if (forEach == null) {
          if (!forEachWritten) {
            reading.problem(
                line,
                id,
                field
                    + ": "
                    + written
                    + " is a placeholder, but the alert has no for_each: add for_each: {"
                    + kind.word()
                    + ": {...}}");
          }
          continue;
        }
        if (kind != forEach.kind()) {
          reading.problem(
              line,
              id,
              field
                  + ": "
                  + written
                  + " does not fit for_each "
                  + forEach.kind().word()
                  + "; the placeholders are "
                  + forEach.kind().placeholderList());
          continue;
        }
        if (!kind.properties().contains(property)) {
          String suggestion =
              Suggestions.closest(property, kind.properties())
                  .map(p -> " (did you mean {" + kind.placeholder() + "." + p + "}?)")
                  .orElse("");
          reading.problem(
              line,
              id,
              field
                  + ": unknown placeholder "
                  + written
                  + suggestion
                  + "; the placeholders are "
                  + kind.placeholderList());
        }
      }
    }

    private static Kind exactKind(String word) {
      for (Kind kind : Kind.values()) {
        if (kind.placeholder().equals(word)) {
          return kind;
        }
      }
      return null;
    }
  }
}

package io.opsroom.stats;

import io.opsroom.charts.ChartSpec;
import io.opsroom.platform.SourceTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a panels file: {@code servers:} and {@code applications:}, each a list of panels with
 * {@code id}, {@code title}, {@code target} (around {@code {prefix}}), {@code unit}, {@code kind}
 * (line, area, bar), {@code warning}, {@code critical}, {@code worst} (high, low) and {@code
 * description}. Every problem is reported with its line; a file with any problem is refused whole.
 */
public final class PanelFile {

  private static final SourceTree.Wording WORDING =
      new SourceTree.Wording(
          "panels under servers: and applications:",
          "quote a target that holds a colon or starts with a brace",
          "quote a target that starts with *");

  private static final Set<String> KEYS =
      Set.of(
          "id", "title", "target", "unit", "kind", "warning", "critical", "worst", "description");

  /** The file cannot be used; the message lists every problem with its line. */
  public static final class InvalidException extends Exception {
    private final List<String> problems;

    InvalidException(String source, List<String> problems) {
      super(source + ": " + String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  private final String source;
  private final List<String> problems = new ArrayList<>();

  private PanelFile(String source) {
    this.source = source;
  }

  /** The panel set in {@code content}, read from {@code source} (a file name, for messages). */
  public static PanelSet parse(byte[] content, String source) throws InvalidException {
    return new PanelFile(source).read(content);
  }

  private PanelSet read(byte[] content) throws InvalidException {
    SourceTree.Node root;
    List<Map.Entry<Integer, String>> duplicates = new ArrayList<>();
    try {
      root = SourceTree.read(content, false, WORDING, duplicates);
    } catch (SourceTree.SyntaxException e) {
      throw new InvalidException(source, List.of(at(e.line(), e.getMessage())));
    }
    duplicates.forEach(d -> problems.add(at(d.getKey(), d.getValue())));
    List<Panel> servers = List.of();
    List<Panel> applications = List.of();
    if (!(root instanceof SourceTree.MapNode map)) {
      problems.add(
          at(
              root == null ? 0 : root.line(),
              "expected servers: and applications: lists of panels"));
    } else {
      for (SourceTree.Entry entry : map.entries().values()) {
        if (!entry.key().equals("servers") && !entry.key().equals("applications")) {
          problems.add(
              at(entry.line(), "unknown key " + entry.key() + ": use servers: and applications:"));
        }
      }
      servers = panels(map.get("servers"));
      applications = panels(map.get("applications"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidException(source, problems);
    }
    return new PanelSet(servers, applications, source);
  }

  private List<Panel> panels(SourceTree.Entry entry) {
    if (entry == null
        || entry.value() instanceof SourceTree.Scalar s && s.kind() == SourceTree.Kind.NULL) {
      return List.of();
    }
    if (!(entry.value() instanceof SourceTree.ListNode list)) {
      problems.add(
          at(
              entry.line(),
              entry.key() + " must be a list of panels, not " + entry.value().describe()));
      return List.of();
    }
    List<Panel> panels = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (SourceTree.Node item : list.items()) {
      Panel panel = panel(item);
      if (panel != null) {
        if (ids.add(panel.id())) {
          panels.add(panel);
        } else {
          problems.add(at(item.line(), "a second " + entry.key() + " panel with id " + panel.id()));
        }
      }
    }
    return panels;
  }

  private Panel panel(SourceTree.Node node) {
    if (!(node instanceof SourceTree.MapNode map)) {
      problems.add(
          at(node.line(), "a panel is a mapping with id and target, not " + node.describe()));
      return null;
    }
    int before = problems.size();
    for (SourceTree.Entry entry : map.entries().values()) {
      if (!KEYS.contains(entry.key())) {
        problems.add(
            at(
                entry.line(),
                "unknown key "
                    + entry.key()
                    + " (a panel has "
                    + String.join(", ", KEYS.stream().sorted().toList())
                    + ")"));
      }
    }
    String id = text(map, "id", true);
    if (id != null && !Panel.ID.matcher(id).matches()) {
      problems.add(
          at(
              map.get("id").line(),
              "id "
                  + SourceTree.shown(id)
                  + " must be lower-case letters, digits, - and _, at most 40, starting with a"
                  + " letter or digit"));
    }
    String target = text(map, "target", true);
    if (target != null) {
      int line = map.get("target").line();
      if (!target.contains(Panel.PREFIX)) {
        problems.add(
            at(
                line,
                "the target must hold "
                    + Panel.PREFIX
                    + ", where each object's Graphite prefix goes"));
      }
      if (target.chars().anyMatch(c -> c == '\n' || c == '\r')) {
        problems.add(at(line, "the target must be one line"));
      }
    }
    ChartSpec.Kind kind = choice(map, "kind", ChartSpec.Kind.class);
    Panel.Worst worst = choice(map, "worst", Panel.Worst.class);
    Double warning = number(map, "warning");
    Double critical = number(map, "critical");
    String title = text(map, "title", false);
    String unit = text(map, "unit", false);
    String description = text(map, "description", false);
    if (problems.size() > before) {
      return null;
    }
    return new Panel(id, title, target, unit, kind, warning, critical, worst, description);
  }

  private String text(SourceTree.MapNode map, String key, boolean required) {
    SourceTree.Entry entry = map.get(key);
    if (entry == null
        || entry.value() instanceof SourceTree.Scalar s && s.kind() == SourceTree.Kind.NULL) {
      if (required) {
        problems.add(at(map.line(), "the panel has no " + key));
      }
      return null;
    }
    if (entry.value() instanceof SourceTree.Scalar s) {
      String value = s.text().strip();
      if (required && value.isEmpty()) {
        problems.add(at(entry.line(), key + " is empty"));
        return null;
      }
      return value;
    }
    problems.add(at(entry.line(), key + " must be text, not " + entry.value().describe()));
    return null;
  }

  private Double number(SourceTree.MapNode map, String key) {
    SourceTree.Entry entry = map.get(key);
    if (entry == null
        || entry.value() instanceof SourceTree.Scalar s && s.kind() == SourceTree.Kind.NULL) {
      return null;
    }
    if (entry.value() instanceof SourceTree.Scalar s
        && s.kind() == SourceTree.Kind.NUMBER
        && Double.isFinite(s.number())) {
      return s.number();
    }
    problems.add(at(entry.line(), key + " must be a number, not " + entry.value().describe()));
    return null;
  }

  private <E extends Enum<E>> E choice(SourceTree.MapNode map, String key, Class<E> type) {
    String value = text(map, key, false);
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        names.add(constant.name().toLowerCase(Locale.ROOT));
      }
      problems.add(
          at(
              map.get(key).line(),
              key + " " + SourceTree.shown(value) + " is not one of " + String.join(", ", names)));
      return null;
    }
  }

  private String at(int line, String message) {
    return line > 0 ? "line " + line + ": " + message : message;
  }
}

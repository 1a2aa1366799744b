package io.opsroom.stats;

import io.opsroom.charts.ChartSpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One graph shown for every server or every application: a Graphite target template written around
 * {@code {prefix}} (the object's Graphite prefix), a title, a unit, how it is drawn, and the
 * threshold lines to draw over it.
 *
 * @param id stable and unique within its set; used in URLs ({@code
 *     /embed/applications/shop/load.svg})
 * @param title shown above the graph
 * @param target the Graphite target with {@code {prefix}} where the object's prefix goes
 * @param unit appended to values ({@code %}, {@code ms}, {@code B}); blank for none
 * @param kind line, area or bar
 * @param warning a warning line, or null
 * @param critical a critical line, or null
 * @param worst which end of the values is trouble, for sorting fleets worst first and for shading
 * @param description one sentence for people: what the panel shows and what it needs
 */
public record Panel(
    String id,
    String title,
    String target,
    String unit,
    ChartSpec.Kind kind,
    Double warning,
    Double critical,
    Worst worst,
    String description) {

  /** The placeholder a target template holds where the object's Graphite prefix goes. */
  public static final String PREFIX = "{prefix}";

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

  /** Which values are bad: high ones (load, errors, latency) or low ones (free space, traffic). */
  public enum Worst {
    HIGH,
    LOW
  }

  /** The two kinds of objects that have panels, named as in their page paths. */
  public enum Scope {
    SERVERS("servers", "server"),
    APPLICATIONS("applications", "app");

    private final String path;
    private final String tag;

    Scope(String path, String tag) {
      this.path = path;
      this.tag = tag;
    }

    /** The path segment of the object's pages: {@code servers}, {@code applications}. */
    public String path() {
      return path;
    }

    /** The tag key events use for the object: {@code server=web01}, {@code app=shop}. */
    public String tagKey() {
      return tag;
    }
  }

  public Panel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    title = title == null || title.isBlank() ? id : title;
    unit = unit == null ? "" : unit.strip();
    kind = kind == null ? ChartSpec.Kind.LINE : kind;
    worst = worst == null ? Worst.HIGH : worst;
    description = description == null ? "" : description.strip();
  }
}

package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The reports: {@code /reports}, an index of the reports, and {@code /reports/ops}, the ops report
 * of a period with its figures as big numbers, the formulas in words, one row per outage, the open
 * ones apart, and TTD and TTR per outage drawn as bars.
 */
@Path("/reports")
@Produces(MediaType.TEXT_HTML)
public class OpsReportPages {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd");

  /** Readable steps between the grid lines of a duration axis, in seconds. */
  private static final long[] STEPS = {
    15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
    1209600, 2592000
  };

  /** At most this many steps up the value axis. */
  private static final int MAX_STEPS = 4;

  @Inject OutageService outages;
  @Inject Clock clock;

  /** A preset period: its label and its query. */
  public record Preset(String label, String query, boolean current) {}

  /** One big number. */
  public record Figure(String value, String label, String hint) {}

  /** One outage row, durations for people. */
  public record Row(
      String key,
      String title,
      String start,
      String ttd,
      String ttr,
      String ttf,
      Integer impact,
      boolean impactChanged,
      String weighted,
      boolean open,
      int warnings) {}

  /** An outage without a start. */
  public record Problem(String key, String title, String warning) {}

  /** A bar of a chart, in the SVG's coordinates. */
  public record Bar(double x, double y, double width, double height, String title, boolean open) {}

  /** A horizontal grid line with its label. */
  public record Tick(double y, String label) {}

  /** A label under a bar. */
  public record Label(double x, String text) {}

  /** A bar chart of one duration per outage, drawn by the template as SVG. */
  public record Chart(
      String title,
      String description,
      int width,
      int height,
      double left,
      double bottom,
      List<Bar> bars,
      List<Tick> ticks,
      List<Label> labels) {

    public boolean isEmpty() {
      return bars.isEmpty();
    }

    /** Where the grid lines end. */
    public int gridRight() {
      return width - 8;
    }

    /** Where the value labels end, left of the plot. */
    public double tickX() {
      return left - 6;
    }

    /** The baseline of the date labels. */
    public double labelY() {
      return height - 8;
    }
  }

  /** Everything the ops page shows. */
  public record Page(
      String fromDate,
      String untilDate,
      String fromText,
      String untilText,
      String measuredNote,
      String zone,
      String query,
      List<Preset> presets,
      boolean custom,
      List<Figure> figures,
      List<Row> rows,
      List<Row> open,
      List<Problem> problems,
      Chart ttdChart,
      Chart ttrChart) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance index();

    static native TemplateInstance ops(Page page, Map<String, String> errors);
  }

  @GET
  public String index() {
    return Templates.index().render();
  }

  @GET
  @Path("ops")
  @Transactional
  public Response ops(@QueryParam("from") String from, @QueryParam("until") String until) {
    Instant now = clock.instant();
    ZoneId zone = outages.zone();
    OpsReportResource.Period period;
    Map<String, String> errors = Map.of();
    int status = 200;
    try {
      period = OpsReportResource.Period.parse(from, until, now, zone);
    } catch (InvalidInputException e) {
      // The page still shows a report (the default period) under the refused fields.
      errors = e.fieldErrors();
      status = e.status();
      period = OpsReportResource.Period.parse(null, null, now, zone);
    }
    OpsReport.Result report = outages.report(period.from(), period.until());
    String html = Templates.ops(page(report, period, from, until, now, zone), errors).render();
    return Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE).build();
  }

  private Page page(
      OpsReport.Result r,
      OpsReportResource.Period period,
      String fromParam,
      String untilParam,
      Instant now,
      ZoneId zone) {
    OpsReport.Summary s = r.summary();
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure(String.valueOf(s.count()), "outages", s.openCount() + " open"));
    figures.add(
        new Figure(percent(s.uptimePercent()), "uptime", "downtime " + human(s.downtimeSeconds())));
    figures.add(
        new Figure(
            percent(s.weightedUptimePercent()),
            "impact-weighted uptime",
            "weighted downtime " + human(s.weightedDowntimeSeconds())));
    figures.add(
        new Figure(
            orDash(OpsReport.human(s.meanTtdSeconds())),
            "mean time to detect",
            "median " + orDash(OpsReport.human(s.medianTtdSeconds()))));
    figures.add(
        new Figure(
            orDash(OpsReport.human(s.meanTtrSeconds())),
            "mean time to resolve",
            "median " + orDash(OpsReport.human(s.medianTtrSeconds()))));
    figures.add(
        new Figure(
            orDash(OpsReport.human(s.meanTtfSeconds())),
            "mean time to failure",
            "median " + orDash(OpsReport.human(s.medianTtfSeconds()))));
    figures.add(
        new Figure(
            orDash(OpsReport.human(s.mtbfSeconds())),
            "mean time between failures",
            "over " + human(s.periodSeconds()) + " measured"));

    List<Row> rows = r.rows().stream().map(x -> row(x, zone)).toList();
    List<Row> open = rows.stream().filter(Row::open).toList();
    List<Problem> problems =
        r.problems().stream()
            .map(
                p ->
                    new Problem(
                        p.key(), p.title(), p.warnings().isEmpty() ? "" : p.warnings().get(0)))
            .toList();

    String fromDate = DATE.format(period.from().atZone(zone));
    String untilDate = DATE.format(period.until().atZone(zone));
    // The links to CSV and JSON carry the exact bounds, so they show the period on the page.
    String query = "from=" + period.from() + "&until=" + period.until();
    List<Preset> presets = presets(now, zone, fromParam, untilParam);
    boolean given =
        (fromParam != null && !fromParam.isBlank())
            || (untilParam != null && !untilParam.isBlank());
    boolean custom = given && presets.stream().noneMatch(Preset::current);
    String measuredNote =
        r.measuredUntil().isBefore(period.until())
            ? "The period is not over: it is measured until now ("
                + OutagePages.format(r.measuredUntil(), zone)
                + ")."
            : null;
    return new Page(
        fromDate,
        untilDate,
        OutagePages.format(period.from(), zone),
        OutagePages.format(period.until(), zone),
        measuredNote,
        zone.getId(),
        query,
        presets,
        custom,
        figures,
        rows,
        open,
        problems,
        chart("Time to detect per outage", r.rows(), x -> x.ttd(), zone, "TTD"),
        chart(
            "Time to resolve per outage",
            r.rows(),
            x -> x.ttr() != null ? x.ttr() : openFor(x, now),
            zone,
            "TTR"));
  }

  private static Duration openFor(OpsReport.Row row, Instant now) {
    if (!row.open()) {
      return null;
    }
    Duration d = Duration.between(row.outage().start(), now);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Last 30 days, this month, last month and this quarter, on the installation's calendar. */
  static List<Preset> presets(Instant now, ZoneId zone, String from, String until) {
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate month = today.withDayOfMonth(1);
    LocalDate quarter = month.withMonth(((month.getMonthValue() - 1) / 3) * 3 + 1);
    boolean none = (from == null || from.isBlank()) && (until == null || until.isBlank());
    List<Preset> presets = new ArrayList<>();
    presets.add(new Preset("Last 30 days", "", none));
    presets.add(preset("This month", month, month.plusMonths(1), from, until));
    presets.add(preset("Last month", month.minusMonths(1), month, from, until));
    presets.add(preset("This quarter", quarter, quarter.plusMonths(3), from, until));
    return presets;
  }

  private static Preset preset(
      String label, LocalDate start, LocalDate end, String from, String until) {
    String f = DATE.format(start);
    String u = DATE.format(end);
    boolean current = f.equals(strip(from)) && u.equals(strip(until));
    return new Preset(label, "from=" + f + "&until=" + u, current);
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }

  private static Row row(OpsReport.Row x, ZoneId zone) {
    OutageTimeline o = x.outage();
    return new Row(
        o.key(),
        o.title(),
        OutagePages.format(o.start(), zone),
        orDash(OpsReport.human(x.ttd())),
        x.open() ? "open" : orDash(OpsReport.human(x.ttr())),
        OpsReport.human(x.ttf()),
        o.peakImpact(),
        o.impactChanged(),
        OpsReport.human(x.weightedDowntime()),
        x.open(),
        o.warnings().size());
  }

  /**
   * Bars of one duration per outage, in start order, on a scale rounded up to a readable duration.
   * An open outage's TTR is drawn as "so far", hatched.
   */
  static Chart chart(
      String title,
      List<OpsReport.Row> rows,
      Function<OpsReport.Row, Duration> value,
      ZoneId zone,
      String what) {
    // A small view box: the SVG is scaled to about its own size in a half-width card, so its
    // text stays readable.
    int width = 480;
    int height = 200;
    double left = 58;
    double bottom = 26;
    double top = 10;
    double plotWidth = width - left - 8;
    double plotHeight = height - bottom - top;
    long max = 0;
    for (OpsReport.Row r : rows) {
      Duration d = value.apply(r);
      if (d != null) {
        max = Math.max(max, d.toSeconds());
      }
    }
    // The smallest readable step that reaches the longest bar in at most four steps.
    long step = STEPS[STEPS.length - 1];
    for (long candidate : STEPS) {
      if (candidate * MAX_STEPS >= max) {
        step = candidate;
        break;
      }
    }
    long steps = Math.max(1, (max + step - 1) / step);
    long scale = step * steps;
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i <= steps; i++) {
      double y = top + plotHeight - plotHeight * i / (double) steps;
      ticks.add(new Tick(round(y), OpsReport.human(Duration.ofSeconds(step * i))));
    }
    List<Bar> bars = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    int n = rows.size();
    double slot = n == 0 ? plotWidth : plotWidth / n;
    double barWidth = Math.max(2, Math.min(36, slot * 0.6));
    // Labels would overlap when slots are narrow: every k-th one is written.
    int every = Math.max(1, (int) Math.ceil(44 / slot));
    List<String> described = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      OpsReport.Row r = rows.get(i);
      Duration d = value.apply(r);
      double x = left + slot * i + (slot - barWidth) / 2;
      String start = OutagePages.format(r.outage().start(), zone);
      if (d != null) {
        double h = plotHeight * d.toSeconds() / (double) scale;
        if (d.toSeconds() > 0) {
          h = Math.max(h, 2);
        }
        String text = OpsReport.human(d) + (r.open() && r.ttr() == null ? " so far" : "");
        bars.add(
            new Bar(
                round(x),
                round(top + plotHeight - h),
                round(barWidth),
                round(h),
                r.outage().key() + " (" + start + "): " + what + " " + text,
                r.open()));
        described.add(r.outage().key() + " " + text);
      }
      if (i % every == 0) {
        labels.add(
            new Label(
                round(left + slot * i + slot / 2), SHORT.format(r.outage().start().atZone(zone))));
      }
    }
    String description =
        title
            + (described.isEmpty()
                ? ": no outage with a value"
                : ": " + String.join(", ", described));
    return new Chart(title, description, width, height, left, bottom, bars, ticks, labels);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static String percent(Double p) {
    return p == null ? "—" : String.format(Locale.ROOT, "%.3f%%", p);
  }

  private static String human(double seconds) {
    return OpsReport.human(seconds);
  }

  private static String orDash(String s) {
    return s == null ? "—" : s;
  }
}

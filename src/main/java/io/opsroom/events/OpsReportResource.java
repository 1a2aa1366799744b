package io.opsroom.events;

import io.opsroom.platform.InvalidInputException;
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
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The ops report for scripts and dashboards: {@code GET /api/reports/ops?from=&until=} as JSON (the
 * contract of DESIGN §6), as CSV ({@code ?format=csv} or {@code /api/reports/ops.csv}, one row per
 * outage) and in Graphite's render shape ({@code ?format=graphite} or {@code
 * /api/reports/ops/graphite}: TTD, TTR and TTF per outage, at the outage's start).
 */
@Path("/api/reports")
public class OpsReportResource {

  /** The report's period when none is given: the last 30 days. */
  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  /** Numbers from here on are epoch milliseconds (Grafana's {@code $__from}), not seconds. */
  static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");

  @Inject OutageService outages;
  @Inject Clock clock;

  /**
   * A report period {@code [from, until)}.
   *
   * @param from included
   * @param until excluded
   */
  public record Period(Instant from, Instant until) {

    /**
     * Reads {@code from} and {@code until}: ISO-8601 instants ({@code 2026-03-01T00:00:00Z}, an
     * offset allowed), local date-times or dates on the installation's wall clock ({@code
     * 2026-03-01} is that day's midnight), or epoch seconds (milliseconds from 100,000,000,000 on,
     * as Grafana's {@code $__from} gives). Missing: until now, from 30 days before until.
     */
    public static Period parse(String from, String until, Instant now, ZoneId zone) {
      InvalidInputException.Collector errors = new InvalidInputException.Collector();
      Instant f = null;
      Instant u = null;
      try {
        f = time(from, zone);
      } catch (IllegalArgumentException e) {
        errors.check(false, "from", e.getMessage());
      }
      try {
        u = time(until, zone);
      } catch (IllegalArgumentException e) {
        errors.check(false, "until", e.getMessage());
      }
      errors.throwIfAny();
      if (u == null) {
        u = now;
      }
      if (f == null) {
        f = u.minus(DEFAULT_PERIOD);
      }
      if (!u.isAfter(f)) {
        throw InvalidInputException.field(
            "until",
            "The period must end after it starts: until " + u + " is not after " + f + ".");
      }
      return new Period(f, u);
    }

    /** One bound; null when not given. */
    static Instant time(String text, ZoneId zone) {
      if (text == null || text.isBlank()) {
        return null;
      }
      String t = text.strip();
      if (DIGITS.matcher(t).matches()) {
        long n = Long.parseLong(t);
        // Seconds this large would be after the year 5000: such a number is milliseconds.
        return n >= EPOCH_MILLIS_FROM ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
      }
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        // not an instant with an offset
      }
      try {
        return LocalDateTime.parse(t).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        // not a local date-time
      }
      try {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException e) {
        // answered below
      }
      throw new IllegalArgumentException(
          "\""
              + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
              + "\" is not a time: use an ISO-8601 time such as 2026-03-01T00:00:00Z, a date such"
              + " as 2026-03-01, or epoch seconds.");
    }

    public long seconds() {
      return Duration.between(from, until).toSeconds();
    }
  }

  /** One outage of the report; durations in whole seconds, null where they do not apply. */
  public record OutageRow(
      String key,
      String title,
      Instant start,
      Instant detected,
      Instant resolved,
      Integer impact,
      Integer startImpact,
      Long ttdSeconds,
      Long ttrSeconds,
      Long ttfSeconds,
      Long weightedDowntimeSeconds,
      boolean open,
      List<String> warnings) {}

  /** The period's figures; seconds rounded to whole seconds, percentages to four decimals. */
  public record SummaryView(
      int count,
      int openCount,
      Long meanTtdSeconds,
      Long meanTtrSeconds,
      Long meanTtfSeconds,
      Long medianTtdSeconds,
      Long medianTtrSeconds,
      Long medianTtfSeconds,
      Long mtbfSeconds,
      long downtimeSeconds,
      long weightedDowntimeSeconds,
      long periodSeconds,
      Double uptimePercent,
      Double weightedUptimePercent) {}

  /** An outage that could not be measured (no start event). */
  public record ProblemView(String key, String title, List<String> warnings) {}

  /**
   * The report: {@code outages} are all outages starting in the period (open ones too, flagged),
   * {@code open} lists the open ones apart, {@code problems} those without a start.
   */
  public record ReportView(
      Instant from,
      Instant until,
      Instant measuredUntil,
      Instant generatedAt,
      List<OutageRow> outages,
      List<OutageRow> open,
      List<ProblemView> problems,
      SummaryView summary) {}

  /** One Graphite-style series: {@code datapoints} are {@code [value, epochSeconds]} pairs. */
  public record GraphiteSeries(String target, List<List<Number>> datapoints) {}

  @GET
  @Path("ops")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @Transactional
  public Response ops(
      @QueryParam("from") String from,
      @QueryParam("until") String until,
      @QueryParam("format") String format) {
    String f = format == null ? "json" : format.strip().toLowerCase(Locale.ROOT);
    switch (f) {
      case "", "json":
        return Response.ok(json(from, until), MediaType.APPLICATION_JSON).build();
      case "csv":
        return csv(from, until);
      case "graphite":
        return Response.ok(graphite(from, until), MediaType.APPLICATION_JSON).build();
      default:
        throw InvalidInputException.field("format", "Use json, csv or graphite.");
    }
  }

  /** The report as JSON: the shape scripts are written against (DESIGN §6). */
  @Transactional
  public ReportView json(String from, String until) {
    Period period = period(from, until);
    return view(outages.report(period.from(), period.until()), clock.instant());
  }

  /** One row per outage, open ones included; times in ISO-8601 UTC, durations in seconds. */
  @GET
  @Path("ops.csv")
  @Produces("text/csv")
  @Transactional
  public Response csv(@QueryParam("from") String from, @QueryParam("until") String until) {
    Period period = period(from, until);
    ReportView report = view(outages.report(period.from(), period.until()), clock.instant());
    StringBuilder out = new StringBuilder();
    out.append(
        "key,title,start,detected,resolved,open,impact,start_impact,ttd_seconds,ttr_seconds,"
            + "ttf_seconds,weighted_downtime_seconds,warnings\r\n");
    for (OutageRow r : report.outages()) {
      out.append(
          String.join(
              ",",
              cell(r.key()),
              cell(r.title()),
              cell(r.start()),
              cell(r.detected()),
              cell(r.resolved()),
              cell(r.open()),
              cell(r.impact()),
              cell(r.startImpact()),
              cell(r.ttdSeconds()),
              cell(r.ttrSeconds()),
              cell(r.ttfSeconds()),
              cell(r.weightedDowntimeSeconds()),
              cell(String.join(" ", r.warnings()))));
      out.append("\r\n");
    }
    String name =
        "ops-report-"
            + period.from().toString().substring(0, 10)
            + "-"
            + period.until().toString().substring(0, 10)
            + ".csv";
    return Response.ok(out.toString(), "text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .build();
  }

  /**
   * TTD, TTR and TTF of each outage as Graphite series ({@code [{"target": "ttd", "datapoints":
   * [[seconds, startEpoch], …]}, …]}), so Grafana and Graphite tools can graph them. An outage
   * without a value (never detected, still open) has {@code null}, as Graphite writes a gap.
   */
  @GET
  @Path("ops/graphite")
  @Produces(MediaType.APPLICATION_JSON)
  @Transactional
  public List<GraphiteSeries> graphite(
      @QueryParam("from") String from, @QueryParam("until") String until) {
    Period period = period(from, until);
    List<OutageRow> rows =
        view(outages.report(period.from(), period.until()), clock.instant()).outages();
    return List.of(
        series("ttd", rows, OutageRow::ttdSeconds),
        series("ttr", rows, OutageRow::ttrSeconds),
        series("ttf", rows, OutageRow::ttfSeconds));
  }

  Period period(String from, String until) {
    return Period.parse(from, until, clock.instant(), outages.zone());
  }

  private static GraphiteSeries series(
      String target, List<OutageRow> rows, Function<OutageRow, Long> value) {
    List<List<Number>> points = new ArrayList<>();
    for (OutageRow r : rows) {
      points.add(Arrays.asList(value.apply(r), r.start().getEpochSecond()));
    }
    return new GraphiteSeries(target, points);
  }

  static ReportView view(OpsReport.Result r, Instant now) {
    List<OutageRow> rows = r.rows().stream().map(OpsReportResource::row).toList();
    OpsReport.Summary s = r.summary();
    return new ReportView(
        r.from(),
        r.until(),
        r.measuredUntil(),
        now,
        rows,
        rows.stream().filter(OutageRow::open).toList(),
        r.problems().stream().map(p -> new ProblemView(p.key(), p.title(), p.warnings())).toList(),
        new SummaryView(
            s.count(),
            s.openCount(),
            round(s.meanTtdSeconds()),
            round(s.meanTtrSeconds()),
            round(s.meanTtfSeconds()),
            round(s.medianTtdSeconds()),
            round(s.medianTtrSeconds()),
            round(s.medianTtfSeconds()),
            round(s.mtbfSeconds()),
            Math.round(s.downtimeSeconds()),
            Math.round(s.weightedDowntimeSeconds()),
            Math.round(s.periodSeconds()),
            percent(s.uptimePercent()),
            percent(s.weightedUptimePercent())));
  }

  static OutageRow row(OpsReport.Row r) {
    OutageTimeline o = r.outage();
    return new OutageRow(
        o.key(),
        o.title(),
        o.start(),
        o.detected(),
        o.resolved(),
        o.peakImpact(),
        o.startImpact(),
        seconds(r.ttd()),
        seconds(r.ttr()),
        seconds(r.ttf()),
        seconds(r.weightedDowntime()),
        r.open(),
        o.warnings());
  }

  private static Long seconds(Duration d) {
    return d == null ? null : d.toSeconds();
  }

  private static Long round(Double seconds) {
    return seconds == null ? null : Math.round(seconds);
  }

  static Double percent(Double p) {
    return p == null ? null : Math.round(p * 10_000) / 10_000.0;
  }

  /** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !(value instanceof Number)) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      s = "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}

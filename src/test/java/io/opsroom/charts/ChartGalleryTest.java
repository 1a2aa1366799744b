package io.opsroom.charts;

import static io.opsroom.charts.ChartSamples.MIDNIGHT;
import static io.opsroom.charts.ChartSamples.series;
import static io.opsroom.charts.ChartSamples.wave;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Draws the charts Opsroom shows most (an alert's last hour, a day of several hosts, a week with
 * deploys) into {@code target/charts/}, PNG and SVG side by side, for a person to look at.
 */
class ChartGalleryTest {

  @Test
  void anAlertsLastHourWithItsThresholds() {
    long from = MIDNIGHT + 10 * 3600;
    long until = from + 3600;
    ChartSeries latency =
        series(
            "servers.web01.nginx.request_time.p95",
            from,
            until,
            60,
            t -> t > until - 900 ? 420 + (t - until + 900) / 3.0 : wave(t, 180, 40, 1));
    ChartSpec spec =
        ChartSpec.of("Web latency p95", List.of(latency), from, until)
            .withThresholds(List.of(Threshold.warning(400), Threshold.critical(600)))
            .withUnit("ms")
            .withShading(ChartSpec.Shading.ABOVE)
            .withMarkers(List.of(new EventMarker(until - 960, "deploy web 4.2.1", "deploy")));
    ChartSamples.save("alert-1h", spec);
    assertTrue(Files.exists(ChartSamples.OUTPUT.resolve("alert-1h.png")));
  }

  @Test
  void aDayOfSeveralHosts() {
    long from = MIDNIGHT - 6 * 3600;
    long until = from + 86_400;
    List<ChartSeries> hosts = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      int seed = i;
      hosts.add(
          series(
              "servers.app0" + i + ".load.load.shortterm",
              from,
              until,
              300,
              t -> Math.max(0, wave(t, 2 + seed * 0.7, 1.5, seed))));
    }
    ChartSpec spec =
        ChartSpec.of("Load, application servers", hosts, from, until)
            .withThresholds(List.of(Threshold.critical(8)));
    ChartSamples.save("hosts-24h", spec);
  }

  @Test
  void aWeekWithDeploysAndAGap() {
    long from = MIDNIGHT - 7 * 86_400;
    long until = MIDNIGHT;
    ChartSeries errors =
        series(
            "asPercent(sumSeries(app.web.*.status.5xx),sumSeries(app.web.*.status.all))",
            from,
            until,
            600,
            t ->
                t > from + 3 * 86_400 && t < from + 3 * 86_400 + 7200
                    ? null
                    : wave(t, 0.8, 0.5, 2));
    List<EventMarker> deploys =
        List.of(
            new EventMarker(from + 86_400 + 3600 * 14, "deploy web 4.1.0", "deploy"),
            new EventMarker(from + 86_400 + 3600 * 16, "deploy web 4.1.1", "deploy"),
            new EventMarker(from + 4 * 86_400 + 3600 * 9, "outage db", "outage"),
            new EventMarker(from + 6 * 86_400 + 3600 * 11, "deploy web 4.2.0", "deploy"));
    ChartSpec spec =
        ChartSpec.of("Web 5xx responses", List.of(errors), from, until)
            .withThresholds(
                List.of(
                    new Threshold("warning 1%", 1, Threshold.Level.WARNING), Threshold.critical(5)))
            .withUnit("%")
            .withMarkers(deploys);
    ChartSamples.save("errors-7d", spec);
  }

  @Test
  void manySeriesAndLargeValues() {
    long from = MIDNIGHT;
    long until = from + 6 * 3600;
    List<ChartSeries> disks = new ArrayList<>();
    for (int i = 1; i <= 14; i++) {
      int seed = i;
      disks.add(
          series(
              "servers.db" + String.format("%02d", i) + ".disk.sda.octets.write",
              from,
              until,
              60,
              t -> wave(t, 2e6 + seed * 4e5, 1e6, seed)));
    }
    ChartSpec spec =
        ChartSpec.of("Disk writes", disks, from, until).withUnit("B/s").withSize(900, 360);
    ChartSamples.save("disks-many-series", spec);
  }

  @Test
  void smallForAnEmail() {
    long from = MIDNIGHT + 12 * 3600;
    long until = from + 3 * 3600;
    ChartSeries free =
        series(
            "servers.nas01.df.data.percent_free", from, until, 60, t -> 14 - (t - from) / 2000.0);
    ChartSpec spec =
        ChartSpec.of("Free space on nas01:/data", List.of(free), from, until)
            .withThresholds(List.of(Threshold.warning(10), Threshold.critical(5)))
            .withUnit("%")
            .withShading(ChartSpec.Shading.BELOW)
            .withSize(480, 200);
    ChartSamples.save("email-small", spec);
  }
}

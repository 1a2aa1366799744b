package io.opsroom.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Series shaped like real Graphite answers, and a place to keep what the tests drew ({@code
 * target/charts/}), so a person can look at the graphs.
 */
final class ChartSamples {

  /** 2024-03-14 00:00 UTC. */
  static final long MIDNIGHT = 1_710_374_400L;

  static final Path OUTPUT = Path.of("target", "charts");

  private ChartSamples() {}

  /** One point every {@code step} seconds from {@code from} to {@code until}, inclusive. */
  static ChartSeries series(
      String name, long from, long until, long step, LongFunction<Double> value) {
    List<ChartSeries.Point> points = new ArrayList<>();
    for (long t = from; t <= until; t += step) {
      points.add(new ChartSeries.Point(t, value.apply(t)));
    }
    return new ChartSeries(name, points);
  }

  /** A smooth, noisy daily curve around {@code base}, the same on every run. */
  static double wave(long t, double base, double amplitude, int seed) {
    double day = 2 * Math.PI * (t % 86_400) / 86_400.0;
    double noise = Math.sin(t * 0.0137 + seed) * Math.cos(t * 0.0071 + 3 * seed);
    return base + amplitude * Math.sin(day - 1.2 + seed) + amplitude * 0.25 * noise;
  }

  static void save(String name, ChartSpec spec) {
    ChartRenderer renderer = new ChartRenderer();
    try {
      Files.createDirectories(OUTPUT);
      Files.write(OUTPUT.resolve(name + ".png"), renderer.png(spec));
      String page =
          "<!doctype html><meta charset=\"utf-8\"><title>"
              + name
              + "</title><body style=\"max-width:900px;margin:2rem auto;font-family:system-ui\">"
              + renderer.svg(spec)
              + "</body>";
      Files.writeString(OUTPUT.resolve(name + ".svg.html"), page, StandardCharsets.UTF_8);
      Files.writeString(OUTPUT.resolve(name + ".svg"), renderer.svg(spec), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

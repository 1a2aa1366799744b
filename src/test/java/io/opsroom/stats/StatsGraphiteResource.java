package io.opsroom.stats;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Graphite double for the graphs pages and dashboards: a WireMock render endpoint that answers
 * each target with a series for every metric path the test made known ({@link #set}) that the
 * target names, and with no series when it names none (a "missing" metric), and an alerts folder
 * with one alert labelled with a fixed server. Tests count its render requests ({@link
 * #renderRequests}).
 */
public class StatsGraphiteResource implements QuarkusTestResourceLifecycleManager {

  /** The profile of the tests that use it. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(StatsGraphiteResource.class));
    }
  }

  /** The server the shipped alert watches ({@code server=} label); tests create it. */
  static final String ALERTED_SERVER = "stats-alerted";

  /** The alert's target: 9 is critical, 1 is OK. */
  static final String ALERT_TARGET = "test.stats.alerted";

  static final String ALERTS =
      """
      defaults: {window: 30s, reduce: last, for: 1, no_data: unknown}
      alerts:
        - id: stats-alerted-load
          name: Stats test load
          target: test.stats.alerted
          warning: 3
          critical: 5
          labels: {team: stats, server: stats-alerted}
        - id: stats-alerted-quiet
          name: Stats test quiet one
          target: test.stats.quiet
          critical: 5
          labels: {team: stats, server: stats-alerted}
      """;

  private static final Map<String, Double> VALUES = new ConcurrentHashMap<>();
  private static final Pattern WRAPPED =
      Pattern.compile("aliasSub\\((.*),\"\\^\",\"(opsroom\\d+~)\"\\)", Pattern.DOTALL);
  private static final Pattern ALIAS = Pattern.compile(".*,\\s*'([^']*)'\\)\\s*$", Pattern.DOTALL);

  private static volatile WireMockServer server;

  /** While set, every render request fails with 503, as a graphite-web that is down. */
  static volatile boolean failing;

  /** From now on, targets that name {@code metric} get a series ending at {@code value}. */
  static void set(String metric, double value) {
    VALUES.put(metric, value);
  }

  /** Render requests received since the start or the last {@link #resetRequests()}. */
  static int renderRequests() {
    return server
        .countRequestsMatching(anyRequestedFor(urlPathEqualTo("/render")).build())
        .getCount();
  }

  static void resetRequests() {
    server.resetRequests();
  }

  @Override
  public Map<String, String> start() {
    Path alerts;
    try {
      alerts = Files.createTempDirectory("opsroom-stats-test");
      Files.writeString(alerts.resolve("stats.yaml"), ALERTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new Render()));
    server.start();
    server.stubFor(
        any(urlPathEqualTo("/render")).willReturn(aResponse().withTransformers(Render.NAME)));
    return Map.of(
        "opsroom.graphite.url",
        "http://127.0.0.1:" + server.port(),
        "opsroom.alerts.dir",
        alerts.toString(),
        // Every server the tests of this profile create is on the servers dashboard: one render
        // request must hold them all, as it holds a fleet of up to 50 with the default.
        "opsroom.graphite.max-targets-per-request",
        "500");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /**
   * Answers a render request like graphite-web: per target, one series if it names a known metric
   * (named by the target's final alias, as {@code alias()} does), over the asked range around the
   * real time, a gentle wave that ends exactly at the value set; no series otherwise.
   */
  static final class Render implements ResponseDefinitionTransformerV2 {
    static final String NAME = "stats-graphite";

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      if (failing) {
        return WireMock.aResponse().withStatus(503).withBody("Service Unavailable").build();
      }
      String query = URI.create(event.getRequest().getUrl()).getRawQuery();
      String body = event.getRequest().getBodyAsString();
      long span = 86_400;
      StringBuilder json = new StringBuilder("[");
      for (String form : new String[] {query, body}) {
        if (form == null || form.isEmpty()) {
          continue;
        }
        for (String pair : form.split("&")) {
          String[] parts = pair.split("=", 2);
          String value =
              parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
          if (parts[0].equals("from")) {
            span = seconds(value);
          }
        }
      }
      long now = System.currentTimeMillis() / 1000;
      for (String form : new String[] {query, body}) {
        if (form == null || form.isEmpty()) {
          continue;
        }
        for (String pair : form.split("&")) {
          String[] parts = pair.split("=", 2);
          if (!parts[0].equals("target") || parts.length < 2) {
            continue;
          }
          String target = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
          Matcher wrapped = WRAPPED.matcher(target);
          String inner = wrapped.matches() ? wrapped.group(1) : target;
          String label = wrapped.matches() ? wrapped.group(2) : "";
          Double value = null;
          for (Map.Entry<String, Double> known : VALUES.entrySet()) {
            if (inner.contains(known.getKey())) {
              value = known.getValue();
            }
          }
          if (value == null) {
            continue;
          }
          Matcher alias = ALIAS.matcher(inner);
          String name = label + (alias.matches() ? alias.group(1) : inner);
          if (json.length() > 1) {
            json.append(", ");
          }
          json.append("{\"target\": \"")
              .append(name.replace("\\", "\\\\").replace("\"", "\\\""))
              .append("\", \"tags\": {}, \"datapoints\": [");
          long step = Math.max(60, span / 288);
          long first = now - span;
          for (long t = first; t <= now; t += step) {
            double wave = value * (0.75 + 0.2 * Math.sin((t - first) * 6.0 / span));
            double point = now - t < step ? value : Math.max(0, wave);
            json.append(t == first ? "" : ", ")
                .append('[')
                .append(point)
                .append(", ")
                .append(t)
                .append(']');
          }
          json.append("]}");
        }
      }
      return WireMock.aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(json.append(']').toString())
          .build();
    }

    /** Graphite's relative {@code from} ({@code -24h}, {@code -7d}, {@code -30s}) in seconds. */
    private static long seconds(String from) {
      Matcher m = Pattern.compile("-(\\d+)(s|min|h|d|w|y)").matcher(from);
      if (!m.matches()) {
        return 86_400;
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> n;
        case "min" -> n * 60;
        case "h" -> n * 3600;
        case "d" -> n * 86_400;
        case "w" -> n * 7 * 86_400;
        default -> n * 365 * 86_400;
      };
    }
  }
}

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
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Graphite double for the embed tests: a WireMock render endpoint that answers each target with
 * the series a test set for it ({@link #set}), with no series (no such metric) when none is set,
 * and with 503 for everything while {@link #down} is on. Its request journal counts what reached
 * Graphite. It also writes alerts labelled with the test application and reserves the port of the
 * "other site" the browser test serves its framing page from, which the profile allows to frame the
 * embeds and read the JSON.
 */
public class EmbedGraphiteResource implements QuarkusTestResourceLifecycleManager {

  /** Opsroom open to read, as by default. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(EmbedGraphiteResource.class));
    }
  }

  /** The same with {@code OPSROOM_ANONYMOUS_READ=false}: embeds need their token. */
  public static class Closed extends Profile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("opsroom.anonymous-read", "false");
    }
  }

  /** The application the alerts watch; tests create it with {@link EmbedFixtures}. */
  static final String APP = "embshop";

  static final String ALERTS =
      """
      defaults: {window: 5min, reduce: last, for: 1, no_data: unknown}
      alerts:
        - id: emb-shop-errors
          name: Shop 5xx
          target: test.emb.errors
          critical: 5
          labels: {team: emb, app: embshop}
        - id: emb-shop-latency
          name: Shop latency
          target: test.emb.latency
          warning: 500
          labels: {team: emb, app: embshop}
        - id: emb-other
          name: Someone else's
          target: test.emb.other
          critical: 5
          labels: {team: emb, app: embother}
      """;

  private static final Map<String, Map<String, Double>> SERIES = new ConcurrentHashMap<>();
  private static final Pattern WRAPPED =
      Pattern.compile("aliasSub\\((.*),\"\\^\",\"(opsroom\\d+~)\"\\)", Pattern.DOTALL);
  private static volatile boolean down;
  private static volatile int otherSitePort;
  private static WireMockServer server;

  /** From now on, Graphite answers {@code target} with these series around these values. */
  static void set(String target, Map<String, Double> series) {
    SERIES.put(target, new LinkedHashMap<>(series));
  }

  /** From now on, Graphite has no series for {@code target}. */
  static void clear(String target) {
    SERIES.remove(target);
  }

  /** Graphite answers 503 to everything while this is on. */
  static void down(boolean isDown) {
    down = isDown;
  }

  /** How many render requests reached Graphite since the last {@link #resetCount}. */
  static int renderRequests() {
    return server
        .countRequestsMatching(anyRequestedFor(urlPathEqualTo("/render")).build())
        .getCount();
  }

  static void resetCount() {
    server.resetRequests();
  }

  /** The port the browser test serves the page that frames the embed from. */
  static int otherSitePort() {
    return otherSitePort;
  }

  @Override
  public Map<String, String> start() {
    Path alerts;
    try {
      alerts = Files.createTempDirectory("opsroom-embed-test");
      Files.writeString(alerts.resolve("embeds.yaml"), ALERTS);
      try (ServerSocket socket = new ServerSocket(0)) {
        otherSitePort = socket.getLocalPort();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new Render()));
    server.start();
    server.stubFor(
        any(urlPathEqualTo("/render")).willReturn(aResponse().withTransformers(Render.NAME)));
    String otherSite = "http://127.0.0.1:" + otherSitePort;
    return Map.of(
        "opsroom.graphite.url",
        "http://127.0.0.1:" + server.port(),
        "opsroom.alerts.dir",
        alerts.toString(),
        "opsroom.stats.frame-ancestors",
        otherSite + ",'self'",
        "opsroom.stats.cors-origins",
        otherSite);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /**
   * Answers a render request like graphite-web: for each target, the series set for it, a point
   * every five minutes (more apart for long ranges) from {@code from} until now, wavering around
   * the value so that a line is drawn.
   */
  static final class Render implements ResponseDefinitionTransformerV2 {
    static final String NAME = "embed-graphite";

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
      if (down) {
        return WireMock.aResponse()
            .withStatus(503)
            .withBody("Service Unavailable: graphite-web is restarting")
            .build();
      }
      List<String[]> pairs = new ArrayList<>();
      for (String form :
          new String[] {
            URI.create(event.getRequest().getUrl()).getRawQuery(),
            event.getRequest().getBodyAsString()
          }) {
        if (form == null || form.isEmpty()) {
          continue;
        }
        for (String pair : form.split("&")) {
          String[] parts = pair.split("=", 2);
          pairs.add(
              new String[] {
                parts[0],
                parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : ""
              });
        }
      }
      long seconds = 86_400;
      for (String[] pair : pairs) {
        Matcher from = Pattern.compile("-(\\d+)([hd])").matcher(pair[1]);
        if (pair[0].equals("from") && from.matches()) {
          seconds = Long.parseLong(from.group(1)) * (from.group(2).equals("h") ? 3600 : 86_400);
        }
      }
      long step = Math.max(300, seconds / 288);
      long now = System.currentTimeMillis() / 1000 / step * step;
      StringBuilder json = new StringBuilder("[");
      for (String[] pair : pairs) {
        if (!pair[0].equals("target")) {
          continue;
        }
        Matcher wrapped = WRAPPED.matcher(pair[1]);
        String inner = wrapped.matches() ? wrapped.group(1) : pair[1];
        String marker = wrapped.matches() ? wrapped.group(2) : "";
        Map<String, Double> series = SERIES.get(inner);
        if (series == null) {
          continue;
        }
        for (Map.Entry<String, Double> s : series.entrySet()) {
          if (json.length() > 1) {
            json.append(", ");
          }
          json.append("{\"target\": \"")
              .append(marker)
              .append(s.getKey())
              .append("\", \"tags\": {}, \"datapoints\": [");
          int i = 0;
          for (long t = now - seconds + step; t <= now; t += step, i++) {
            // The newest point is exactly the value set; older ones waver around it.
            double value = t == now ? s.getValue() : s.getValue() * (1 + 0.2 * Math.sin(i / 12.0));
            json.append(i == 0 ? "" : ", ").append('[').append(value).append(", ").append(t);
            json.append(']');
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
  }
}

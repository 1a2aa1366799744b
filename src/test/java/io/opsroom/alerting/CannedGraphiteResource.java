package io.opsroom.alerting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
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
 * A Graphite double for the tests of alert events and graph markers: a WireMock render endpoint
 * that answers each target with the value the test set for it ({@link #set}), or with no series
 * when none is set, and an alerts folder with alerts linked to an application and a server, one
 * with labels that cannot be tags as they are, and a storm of 200. Unlike the real Graphite of the
 * cycle tests, it needs no packages and answers a new value at once.
 */
public class CannedGraphiteResource implements QuarkusTestResourceLifecycleManager {

  /** The profile of the tests that use it. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(CannedGraphiteResource.class));
    }
  }

  static final int STORM = 200;

  static final String ALERTS =
      """
      defaults: {window: 30s, reduce: last, for: 1, no_data: unknown}
      alerts:
        - id: ev-shop
          name: Shop errors
          target: test.ev.shop
          warning: 5
          critical: 10
          labels: {team: ev, app: shop, server: "web 01"}
          graph: [-1h]
        - id: ev-odd
          name: Odd labels
          target: test.ev.odd
          critical: 10
          labels: {team: ev, app: "%s", server: "db 02\\tnew"}
        - id: ev-fail
          name: Failing event
          target: test.ev.fail
          critical: 10
          labels: {team: ev}
        - id: ev-flap
          name: Flapping one
          target: test.ev.flap
          critical: 10
          labels: {team: ev, server: flap01}
      """
          .formatted("x".repeat(250));

  private static final Map<String, Double> VALUES = new ConcurrentHashMap<>();
  private static final Pattern WRAPPED =
      Pattern.compile("aliasSub\\((.*),\"\\^\",\"(opsroom\\d+~)\"\\)", Pattern.DOTALL);

  private WireMockServer server;

  /** From now on, Graphite answers {@code target} with this value; null: no series. */
  static void set(String target, Double value) {
    if (value == null) {
      VALUES.remove(target);
    } else {
      VALUES.put(target, value);
    }
  }

  static String stormTarget(int i) {
    return "test.ev.storm.s" + i;
  }

  @Override
  public Map<String, String> start() {
    Path alerts;
    try {
      alerts = Files.createTempDirectory("opsroom-alert-events-test");
      StringBuilder file = new StringBuilder(ALERTS);
      for (int i = 0; i < STORM; i++) {
        file.append("  - {id: ev-storm-")
            .append(i)
            .append(", name: Storm ")
            .append(i)
            .append(", target: ")
            .append(stormTarget(i))
            .append(", critical: 10, labels: {team: evstorm, app: storm}}\n");
      }
      Files.writeString(alerts.resolve("events.yaml"), file);
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
        alerts.toString());
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /**
   * Answers a render request like graphite-web: one series per target that has a value. A short
   * range (the engine's window) gets two points at the current time; a long one (a graph) gets a
   * point every five minutes for 30 hours around now, whatever the test clock says.
   */
  static final class Render implements ResponseDefinitionTransformerV2 {
    static final String NAME = "canned-graphite";

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
      String query = URI.create(event.getRequest().getUrl()).getRawQuery();
      String body = event.getRequest().getBodyAsString();
      String from = "";
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
            from = value;
          }
        }
      }
      boolean longRange =
          !from.matches("-\\d+s") || Long.parseLong(from.substring(1, from.length() - 1)) > 3600;
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
          String name = wrapped.matches() ? wrapped.group(2) + inner : target;
          Double value = VALUES.get(inner);
          if (value == null) {
            continue;
          }
          if (json.length() > 1) {
            json.append(", ");
          }
          json.append("{\"target\": \"").append(name).append("\", \"tags\": {}, \"datapoints\": [");
          if (longRange) {
            for (long t = now - 30 * 3600; t <= now + 30 * 3600; t += 300) {
              json.append(t == now - 30 * 3600 ? "" : ", ")
                  .append('[')
                  .append(value)
                  .append(", ")
                  .append(t)
                  .append(']');
            }
          } else {
            json.append('[').append(value).append(", ").append(now - 10).append("], [");
            json.append(value).append(", ").append(now).append(']');
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

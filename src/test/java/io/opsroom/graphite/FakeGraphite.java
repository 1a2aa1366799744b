package io.opsroom.graphite;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WireMock render endpoint that answers like graphite-web for each target it is sent, so the
 * client's batching and bisection can be watched request by request. By the target's name: {@code
 * noSuchFunction(...)} fails the whole request with 400, {@code brokenFunction(...)} with a 500
 * traceback page, {@code missing.*} matches nothing, {@code nulls.*} has only nulls, {@code nan.*}
 * only NaN, anything else has one value. {@code from=bogus} is refused with 400.
 */
final class FakeGraphite implements ResponseDefinitionTransformerV2 {

  static final String NAME = "fake-graphite";

  private static final Pattern WRAPPED =
      Pattern.compile("aliasSub\\((.*),\"\\^\",\"(opsroom\\d+~)\"\\)", Pattern.DOTALL);

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    LoggedRequest request = serveEvent.getRequest();
    List<String[]> params = params(request);
    List<String> targets = new ArrayList<>();
    for (String[] param : params) {
      if (param[0].equals("from") && param[1].equals("bogus")) {
        return answer(400, "text/html", "Invalid parameters (Unknown day reference: bogus)");
      }
      if (param[0].equals("target")) {
        targets.add(param[1]);
      }
    }
    StringBuilder json = new StringBuilder("[");
    for (String target : targets) {
      Matcher wrapped = WRAPPED.matcher(target);
      String inner = wrapped.matches() ? wrapped.group(1) : target;
      String name = wrapped.matches() ? wrapped.group(2) + inner : target;
      if (inner.contains("noSuchFunction")) {
        return answer(
            400,
            "text/html",
            "Invalid parameters (Received request for unknown function: noSuchFunction);"
                + " targets: \""
                + target
                + "\"");
      }
      if (inner.contains("brokenFunction")) {
        return answer(500, "text/html", Fixtures.read("error-500-traceback.html"));
      }
      if (inner.startsWith("missing.") || inner.equals(GraphiteClient.PROBE_TARGET)) {
        continue;
      }
      String points =
          inner.startsWith("nulls.")
              ? "[null, 100], [null, 110]"
              : inner.startsWith("nan.") ? "[NaN, 100], [NaN, 110]" : "[1.0, 100], [null, 110]";
      if (json.length() > 1) {
        json.append(", ");
      }
      json.append("{\"target\": \"")
          .append(name.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\", \"tags\": {}, \"datapoints\": [")
          .append(points)
          .append("]}");
    }
    return answer(200, "application/json", json.append("]").toString());
  }

  /** The request's parameters from its query string and its form body, in order. */
  static List<String[]> params(LoggedRequest request) {
    List<String[]> params = new ArrayList<>();
    String query = URI.create(request.getUrl()).getRawQuery();
    for (String form : new String[] {query, request.getBodyAsString()}) {
      if (form == null || form.isEmpty()) {
        continue;
      }
      for (String pair : form.split("&")) {
        String[] parts = pair.split("=", 2);
        params.add(
            new String[] {
              URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
              parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : ""
            });
      }
    }
    return params;
  }

  private static ResponseDefinition answer(int status, String contentType, String body) {
    return WireMock.aResponse()
        .withStatus(status)
        .withHeader("Content-Type", contentType)
        .withBody(body)
        .build();
  }
}

package io.opsroom.notify;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * One WireMock server that stands in for Slack, PagerDuty and a webhook receiver, with the secrets
 * that routes.yaml would name set as the application sees environment variables. Tests read what
 * arrived with {@code @ChannelReceivers.InjectReceivers WireMockServer receivers}.
 */
public class ChannelReceivers implements QuarkusTestResourceLifecycleManager {

  static final String SLACK_PATH = "/services/T000/B000/XXXX";
  static final String PAGERDUTY_PATH = "/v2/enqueue";
  static final String WEBHOOK_PATH = "/hooks/opsroom";
  static final String ROUTING_KEY = "R0UT1NGK3Y0000000000000000000000";
  static final String TOKEN = "s3cr3t";

  /** Marks the test's field that receives the server. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface InjectReceivers {}

  private WireMockServer server;

  @Override
  public Map<String, String> start() {
    // Delayed answers are scheduled, not slept on a server thread, so a receiver that "hangs for
    // a minute" costs nothing once the client has given up.
    server =
        new WireMockServer(
            WireMockConfiguration.options().dynamicPort().asynchronousResponseEnabled(true));
    server.start();
    return Map.of(
        "TEST_SLACK_URL", server.baseUrl() + SLACK_PATH,
        "TEST_PD_KEY", ROUTING_KEY,
        "TEST_WEBHOOK_URL", server.baseUrl() + WEBHOOK_PATH,
        "TEST_WEBHOOK_TOKEN", TOKEN,
        "opsroom.notify.pagerduty-url", server.baseUrl() + PAGERDUTY_PATH);
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        server,
        new TestInjector.AnnotatedAndMatchesType(InjectReceivers.class, WireMockServer.class));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}

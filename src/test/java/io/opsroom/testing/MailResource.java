package io.opsroom.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free loopback port; the application's mailer sends to it.
 * Tests read what arrived with {@code @InjectMail GreenMail mail}.
 */
public class MailResource implements QuarkusTestResourceLifecycleManager {

  private GreenMail greenMail;

  @Override
  public Map<String, String> start() {
    int port = freePort();
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return Map.of(
        "quarkus.mailer.host", "127.0.0.1",
        "quarkus.mailer.port", Integer.toString(port),
        "quarkus.mailer.mock", "false",
        "quarkus.mailer.start-tls", "DISABLED");
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        greenMail, new TestInjector.AnnotatedAndMatchesType(InjectMail.class, GreenMail.class));
  }

  @Override
  public void stop() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

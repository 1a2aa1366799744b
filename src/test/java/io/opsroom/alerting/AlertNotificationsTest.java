package io.opsroom.alerting;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.graphite.GraphiteClient;
import io.opsroom.notify.NotificationDispatcher;
import io.opsroom.notify.OutboxDrainJob;
import io.opsroom.testing.GraphiteStack;
import io.opsroom.testing.InjectMail;
import io.opsroom.testing.MutableClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert notifications end to end: the real cycle against a real graphite-web + carbon, the real
 * dispatcher and outbox, and a real SMTP server whose messages the tests read.
 */
@QuarkusTest
@TestProfile(AlertNotificationsTest.Profile.class)
class AlertNotificationsTest {

  /** Its own Graphite, alerts and routes. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(NotifyGraphiteResource.class));
    }
  }

  @Inject AlertEvaluator evaluator;
  @Inject NotificationDispatcher dispatcher;
  @Inject OutboxDrainJob drainJob;
  @Inject GraphiteClient graphite;
  @Inject MutableClock clock;

  @InjectMail GreenMail mail;

  @BeforeEach
  void everythingOk() throws Exception {
    GraphiteStack.url();
    Map<String, Double> ok = new LinkedHashMap<>();
    ok.put("test.notify.solo", 1.0);
    ok.put("test.notify.quiet", 1.0);
    ok.put("test.notify.down", 1.0);
    for (int i = 0; i < NotifyGraphiteResource.GROUP; i++) {
      ok.put("test.notify.group.g" + i, 1.0);
    }
    for (int i = 0; i < NotifyGraphiteResource.STORM; i++) {
      ok.put("test.notify.storm.s" + i, 1.0);
    }
    feed(ok);
    cycle();
    deliver();
    mail.purgeEmailFromAllMailboxes();
  }

  /** Sends the points until Graphite answers each as its metric's last value. */
  void feed(Map<String, Double> values) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              NotifyGraphiteResource.graphite.send(values);
              var results = graphite.render(values.keySet(), "-30s", null);
              return values.entrySet().stream()
                  .allMatch(
                      e ->
                          results.get(e.getKey()).series().stream()
                              .flatMap(s -> s.points().stream())
                              .filter(p -> p.value() != null)
                              .reduce((a, b) -> b)
                              .map(p -> p.value().equals(e.getValue()))
                              .orElse(false));
            });
  }

  void feedAll(String prefix, int count, double value) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      values.put(prefix + i, value);
    }
    feed(values);
  }

  /**
   * One cycle a minute after the last, so every alert is due. The clock only moves forward in this
   * class: the states remember when each alert was last checked.
   */
  AlertEvaluator.CycleReport cycle() {
    clock.advance(Duration.ofSeconds(60));
    return evaluator.evaluate();
  }

  /**
   * Runs cycles (at most five) until every alert {@code prefix0 … prefix<count-1>} is at {@code
   * level}. Graphite may answer a just-written point late for one metric; that alert then joins the
   * route's group a cycle later, before the group is flushed, so the message is the same.
   */
  void cycleUntilAll(String prefix, int count, Level level) {
    cycle();
    for (int i = 0; i < 4 && !lagging(prefix, count, level).isEmpty(); i++) {
      cycle();
    }
    assertEquals(List.of(), lagging(prefix, count, level), "alerts not at " + level);
  }

  /** The alerts {@code prefix0 … prefix<count-1>} that are not at {@code level}, with theirs. */
  static List<String> lagging(String prefix, int count, Level level) {
    List<String> off = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Level actual = level(prefix + i);
      if (actual != level) {
        off.add(prefix + i + "=" + actual);
      }
    }
    return off;
  }

  /** Lets the group wait pass, flushes and sends everything due. */
  void deliver() {
    clock.advance(Duration.ofSeconds(31));
    dispatcher.flush();
    while (drainJob.drain() > 0) {
      // until the outbox has nothing due
    }
  }

  List<MimeMessage> inbox(String address) {
    return mail.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(address), m -> true)
        .toList();
  }

  List<String> subjects(String address) throws Exception {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : inbox(address)) {
      subjects.add(m.getSubject());
    }
    return subjects;
  }

  static Level level(String id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> AlertState.<AlertState>findByIdOptional(id).map(s -> s.level).orElse(null));
  }

  /** Every part of a message, depth first. */
  static List<Part> parts(Part part) throws Exception {
    List<Part> all = new ArrayList<>();
    all.add(part);
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        all.addAll(parts(child));
      }
    }
    return all;
  }

  @Test
  void anAlertFiresOnceWithItsGraphInsideAndItsRecoveryFollows() throws Exception {
    feed(Map.of("test.notify.solo", 50.0));
    var report = cycle();
    System.err.println(
        "DEBUG "
            + report
            + " "
            + QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      AlertState s = AlertState.findById("notify-solo");
                      return s.level
                          + " "
                          + s.lastValue
                          + " "
                          + s.lastCheck
                          + " "
                          + s.lastError
                          + " "
                          + s.series;
                    }));
    assertEquals(Level.CRITICAL, level("notify-solo"));
    deliver();
    List<MimeMessage> received = inbox("solo@notify.test");
    assertEquals(1, received.size());
    MimeMessage message = received.get(0);
    assertEquals("[CRITICAL] Notify solo", message.getSubject());

    List<Part> parts = parts(message);
    Part png = parts.stream().filter(p -> isType(p, "image/png")).findFirst().orElse(null);
    assertNotNull(png, "the graph is an inline PNG part");
    assertEquals("<graph-1@opsroom>", ((jakarta.mail.internet.MimePart) png).getContentID());
    byte[] bytes = png.getInputStream().readAllBytes();
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);
    String html = text(parts, "text/html");
    String text = text(parts, "text/plain");
    assertTrue(html.contains("src=\"cid:graph-1@opsroom\""), html);
    for (String body : List.of(html, text)) {
      assertTrue(body.contains("50"), body);
      assertTrue(body.contains("critical ≥ 10"), body);
      assertTrue(body.contains("http://opsroom.test/alerts/notify-solo"), body);
      assertTrue(body.contains("https://wiki.example.org/runbooks/solo"), body);
      assertTrue(body.contains("/alerts/notify-solo/ack?token="), body);
      assertTrue(body.contains("team=solo"), body);
    }
    assertTrue(html.contains("<strong>high</strong>"), "the description's Markdown is rendered");
    // Kept for people to look at: the mail as a client shows it, its graph in place.
    java.nio.file.Path saved = java.nio.file.Path.of("target", "screenshots", "alert-email.html");
    java.nio.file.Files.createDirectories(saved.getParent());
    java.nio.file.Files.writeString(
        saved,
        html.replace(
            "cid:graph-1@opsroom",
            "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(bytes)));
    java.nio.file.Files.writeString(saved.resolveSibling("alert-email.txt"), text);

    // Still failing a minute later: no second message yet (the first repeat is at 5 minutes).
    cycle();
    deliver();
    assertEquals(1, inbox("solo@notify.test").size());

    feed(Map.of("test.notify.solo", 1.0));
    cycle();
    assertEquals(Level.OK, level("notify-solo"));
    deliver();
    assertEquals(
        List.of("[CRITICAL] Notify solo", "[RECOVERED] Notify solo"), subjects("solo@notify.test"));
  }

  @Test
  void fiftyAlertsFiringTogetherOnOneRouteComeAsOneEmail() throws Exception {
    feedAll("test.notify.group.g", NotifyGraphiteResource.GROUP, 50.0);
    cycleUntilAll("notify-group-", NotifyGraphiteResource.GROUP, Level.CRITICAL);
    deliver();
    List<MimeMessage> received = inbox("group@notify.test");
    assertEquals(1, received.size());
    assertTrue(
        received.get(0).getSubject().startsWith("[CRITICAL] 50 alerts: "),
        received.get(0).getSubject());
    String text = text(parts(received.get(0)), "text/plain");
    for (int i = 0; i < NotifyGraphiteResource.GROUP; i++) {
      assertTrue(text.contains("Group " + i + " fired"), "lists Group " + i);
    }
    long graphs = parts(received.get(0)).stream().filter(p -> isType(p, "image/png")).count();
    assertEquals(5, graphs, "graphs for the first few alerts only");

    feedAll("test.notify.group.g", NotifyGraphiteResource.GROUP, 1.0);
    cycleUntilAll("notify-group-", NotifyGraphiteResource.GROUP, Level.OK);
    deliver();
    assertEquals(2, inbox("group@notify.test").size());
    assertTrue(subjects("group@notify.test").get(1).startsWith("[RECOVERED] 50 alerts: "));
  }

  @Test
  void twoHundredAlertsFiringAtOnceBecomeOneStormSummary() throws Exception {
    feedAll("test.notify.storm.s", NotifyGraphiteResource.STORM, 50.0);
    cycleUntilAll("notify-storm-", NotifyGraphiteResource.STORM, Level.CRITICAL);
    deliver();
    assertEquals(List.of("[CRITICAL] 200 alerts fired at once"), subjects("storm@notify.test"));
    String text = text(parts(inbox("storm@notify.test").get(0)), "text/plain");
    assertTrue(text.contains("probably an infrastructure problem"), text);
    assertTrue(text.contains("Storm 199"), text);

    feedAll("test.notify.storm.s", NotifyGraphiteResource.STORM, 1.0);
    cycleUntilAll("notify-storm-", NotifyGraphiteResource.STORM, Level.OK);
    deliver();
    assertEquals(
        List.of("[CRITICAL] 200 alerts fired at once", "[RECOVERED] 200 alerts recovered at once"),
        subjects("storm@notify.test"));
  }

  @Test
  void graphiteStoppedIsOneMessageNotOnePerAlert() throws Exception {
    feed(Map.of("test.notify.down", 50.0));
    cycle();
    deliver();
    assertEquals(1, inbox("solo@notify.test").size());
    NotifyGraphiteResource.graphite.stop();
    try {
      for (int i = 0; i < 3; i++) {
        assertTrue(cycle().graphiteProblem().isPresent());
        deliver();
      }
      assertEquals(Level.ERROR, level("notify-down"));
      assertEquals(List.of("[CRITICAL] Graphite unreachable"), subjects("admin@notify.test"));
      assertEquals(1, inbox("solo@notify.test").size(), "no per-alert message while it is down");
      assertEquals(0, inbox("group@notify.test").size());
      assertEquals(0, inbox("storm@notify.test").size());
    } finally {
      NotifyGraphiteResource.graphite.start();
    }
    feed(Map.of("test.notify.down", 1.0));
    cycle();
    deliver();
    assertEquals(
        List.of("[CRITICAL] Graphite unreachable", "[RECOVERED] Graphite back"),
        subjects("admin@notify.test"));
    assertEquals(
        List.of("[CRITICAL] Notify down", "[RECOVERED] Notify down"), subjects("solo@notify.test"));
  }

  @Test
  void aSilencedAlertIsShownFailingButNotNotifiedUntilTheSilenceEnds() throws Exception {
    java.time.Instant now = clock.instant();
    long silence =
        io.opsroom.testing.Api.asAdmin()
            .body(
                Map.of(
                    "matchers",
                        List.of(Map.of("label", "alert", "op", "=", "value", "notify-quiet")),
                    "startsAt", now.toString(),
                    "endsAt", now.plus(Duration.ofHours(2)).toString(),
                    "comment", "Maintenance of the solo host"))
            .post("/api/silences")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    feed(Map.of("test.notify.quiet", 50.0));
    cycle();
    deliver();
    cycle();
    deliver();
    assertEquals(Level.CRITICAL, level("notify-quiet"));
    io.restassured.RestAssured.given()
        .get("/api/alerts/notify-quiet")
        .then()
        .body("level", org.hamcrest.Matchers.equalTo("CRITICAL"))
        .body("silenced", org.hamcrest.Matchers.equalTo(true));
    assertEquals(0, inbox("solo@notify.test").size(), "silenced: nothing sent");

    // The maintenance ends early while the alert still fails: now it is said.
    io.opsroom.testing.Api.asAdmin()
        .post("/api/silences/" + silence + "/expire")
        .then()
        .statusCode(200);
    cycle();
    deliver();
    assertEquals(List.of("[CRITICAL] Notify quiet"), subjects("solo@notify.test"));
    feed(Map.of("test.notify.quiet", 1.0));
    cycle();
    deliver();
    assertEquals(2, inbox("solo@notify.test").size());
  }

  static boolean isType(Part part, String type) {
    try {
      return part.isMimeType(type);
    } catch (Exception e) {
      return false;
    }
  }

  static String text(List<Part> parts, String type) throws Exception {
    for (Part p : parts) {
      if (isType(p, type) && p.getContent() instanceof String s) {
        return s;
      }
    }
    throw new AssertionError("no " + type + " part");
  }
}

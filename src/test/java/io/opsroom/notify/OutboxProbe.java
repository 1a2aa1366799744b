package io.opsroom.notify;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import io.opsroom.testing.AppProcess;
import io.opsroom.testing.AppProcesses;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What process tests see of the outbox from outside the application: the rows of the notification
 * table, the mails GreenMail received, and proof that an instance has drained again.
 */
final class OutboxProbe {

  static final Duration DRAIN_DEADLINE = Duration.ofSeconds(60);

  private static final String MARKER_PREFIX = "process-test-marker:";

  private final AppProcesses apps;

  OutboxProbe(AppProcesses apps) {
    this.apps = apps;
  }

  /** How many rows the notification table holds, by status. */
  Map<String, Long> statuses() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = apps.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select status, count(*) from notification where dedupe_key not like '"
                    + MARKER_PREFIX
                    + "%' group by status")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    }
    return counts;
  }

  /** One row of the notification table, as the test sees it. */
  record Row(String status, int attempts, String lastError) {}

  /** The row with this dedupe key; fails when there is none. */
  Row row(String dedupeKey) throws SQLException {
    try (Connection connection = apps.connect();
        PreparedStatement select =
            connection.prepareStatement(
                "select status, attempts, last_error from notification where dedupe_key = ?")) {
      select.setString(1, dedupeKey);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw new AssertionError("No notification " + dedupeKey);
        }
        return new Row(rows.getString(1), rows.getInt(2), rows.getString(3));
      }
    }
  }

  /** Rows that are pending, have been tried at least once, and keep the error of that try. */
  long pendingAfterFailedSend() throws SQLException {
    try (Connection connection = apps.connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select count(*) from notification where status = 'pending' and attempts >= 1"
                    + " and last_error is not null")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Waits until each instance has run {@code drains} whole scheduled drains that began after this
   * call. The drain's last step counts the table's unsent rows into the gauge {@code
   * opsroom_notifications_unsent}, so a row the test adds shows there only after a drain ran; a
   * marker row marked {@code dead} (which no drain ever claims) is added, each instance's gauge is
   * awaited, and so on, once more than {@code drains}: the first gauge change may come from a drain
   * that was already running. Scheduled drains of one instance never overlap, so each later change
   * is a drain that began after the previous one ended. The markers are removed afterwards.
   */
  void awaitWholeDrains(int drains, AppProcess... instances) throws SQLException {
    try (Connection connection = apps.connect()) {
      long dead = count(connection, "select count(*) from notification where status = 'dead'");
      try {
        for (int marker = 1; marker <= drains + 1; marker++) {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "insert into notification (dedupe_key, channel, payload, status, attempts,"
                      + " next_attempt_at, created_at, last_error) values (?, 'email', '{}',"
                      + " 'dead', 0, now(), now(), 'a process test counts drains with this row')")) {
            insert.setString(1, MARKER_PREFIX + marker);
            insert.executeUpdate();
          }
          double expected = dead + marker;
          for (AppProcess instance : instances) {
            await("a drain of " + instance + " that counts marker " + marker)
                .atMost(DRAIN_DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> deadGauge(instance) == expected);
          }
        }
      } finally {
        try (Statement delete = connection.createStatement()) {
          delete.executeUpdate(
              "delete from notification where dedupe_key like '" + MARKER_PREFIX + "%'");
        }
      }
    }
  }

  private static double deadGauge(AppProcess instance) {
    return instance.metric("opsroom_notifications_unsent", Map.of("status", "dead"));
  }

  /** The emails this instance has handed to an SMTP server that accepted them. */
  static double sentBy(AppProcess instance) {
    return sentBy(instance, "email");
  }

  /** The messages of this channel ({@code email}, {@code webhook}, …) this instance has sent. */
  static double sentBy(AppProcess instance, String channel) {
    return instance.metric(
        "opsroom_notifications_attempts_total", Map.of("channel", channel, "outcome", "sent"));
  }

  /** What GreenMail received, as "recipient | subject" with how often each arrived. */
  static Map<String, Long> received(GreenMail mail) {
    return List.of(mail.getReceivedMessages()).stream()
        .map(OutboxProbe::recipientAndSubject)
        .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
  }

  static String recipientAndSubject(String recipient, String subject) {
    return recipient + " | " + subject;
  }

  private static String recipientAndSubject(MimeMessage message) {
    try {
      var to = message.getRecipients(Message.RecipientType.TO);
      String recipient = to == null ? "(none)" : ((InternetAddress) to[0]).getAddress();
      return recipientAndSubject(recipient, message.getSubject());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}

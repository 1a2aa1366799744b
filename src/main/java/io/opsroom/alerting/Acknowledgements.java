package io.opsroom.alerting;

import io.opsroom.platform.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Acknowledgements: someone says they are on an alert. The mark lasts for a while (4h unless {@code
 * OPSROOM_ALERTS_ACK_DURATION} or the person says otherwise), until the level changes (the cycle
 * clears it) or until it is taken back; each of these leaves a line in the alert's history.
 */
@ApplicationScoped
public class Acknowledgements {

  /** The longest acknowledgement: a forgotten one must not hide a problem for weeks. */
  static final Duration LONGEST = Duration.ofDays(7);

  /** The durations the forms offer, besides the configured default. */
  private static final List<String> CHOICES = List.of("1h", "4h", "8h", "24h");

  private static final Pattern DURATION =
      Pattern.compile("(\\d{1,4})\\s*(m|min|mins|minutes?|h|hours?|d|days?)");

  /** The actor written for an acknowledgement through an email link without a login. */
  public static final String EMAIL_LINK = "email link";

  @Inject AlertRegistry registry;
  @Inject Clock clock;
  @Inject Silences silences;

  @ConfigProperty(name = "opsroom.alerts.ack-duration", defaultValue = "4h")
  Duration defaultDuration;

  /**
   * An acknowledge link whose token is not the alert's current one: the problem it was mailed for
   * has ended, or a new one began. Nothing was changed.
   */
  public static final class StaleLinkException extends RuntimeException {
    private final transient AlertDefinition alert;
    private final transient AlertState state;

    StaleLinkException(AlertDefinition alert, AlertState state) {
      super("This link is for an earlier problem of " + alert.name() + ".");
      this.alert = alert;
      this.state = state;
    }

    public AlertDefinition alert() {
      return alert;
    }

    /** The alert's state now; null before its first check. */
    public AlertState state() {
      return state;
    }
  }

  /** How long an acknowledgement lasts when nobody says. */
  public Duration defaultDuration() {
    return defaultDuration;
  }

  /** The durations to choose from on a form, the default among them. */
  public List<String> choices() {
    List<String> choices = new ArrayList<>(CHOICES);
    String standard = format(defaultDuration);
    if (!choices.contains(standard)) {
      choices.add(0, standard);
    }
    return choices;
  }

  /** The default written as the forms write durations: {@code 4h}, {@code 90min}. */
  public String defaultChoice() {
    return format(defaultDuration);
  }

  /** Acknowledges for the default duration. */
  @Transactional
  public AlertState acknowledge(String id, String who) {
    return acknowledge(id, who, null, null);
  }

  /**
   * Marks the alert as being looked after by {@code who} for {@code duration} ({@code 4h}, {@code
   * 30min}, {@code 1d}; blank: the default). Acknowledging again moves the end.
   */
  @Transactional
  public AlertState acknowledge(String id, String who, String duration, String comment) {
    Duration length = parseDuration(duration);
    String note = comment == null ? "" : comment.strip();
    if (note.length() > SilenceService.MAX_COMMENT) {
      throw InvalidInputException.field(
          "comment", "Keep the comment under " + SilenceService.MAX_COMMENT + " characters.");
    }
    return mark(state(id, true), who, length, note);
  }

  /** Takes an acknowledgement back; the alert notifies again as the dispatcher's rules say. */
  @Transactional
  public AlertState unacknowledge(String id, String who) {
    AlertState state = state(id, false);
    Instant now = clock.instant();
    if (state.acknowledged(now)) {
      AlertActivity.record(
          id,
          now,
          AlertActivity.UNACKNOWLEDGED,
          who,
          "took back the acknowledgement by "
              + state.acknowledgedBy
              + " (until "
              + silences.format(state.acknowledgedUntil)
              + ")");
    }
    state.acknowledgedBy = null;
    state.acknowledgedAt = null;
    state.acknowledgedUntil = null;
    return state;
  }

  /**
   * Acknowledges through the link of a notification email: the token is the permission, so no login
   * is needed. {@code who} is the logged-in user, or null for {@link #EMAIL_LINK}.
   *
   * @throws StaleLinkException when the token is not the alert's current one
   */
  @Transactional
  public AlertState acknowledgeByLink(String id, String token, String who, String duration) {
    AlertDefinition alert = definition(id);
    AlertState state = AlertState.findById(id);
    if (!linkValid(state, token)) {
      throw new StaleLinkException(alert, state);
    }
    return mark(state, who == null ? EMAIL_LINK : who, parseDuration(duration), "");
  }

  /**
   * Whether an acknowledge link with this token still acknowledges: the alert has a problem and the
   * token is the one of this problem. Compared in constant time, so the answer tells nothing about
   * how close a guess was.
   */
  public static boolean linkValid(AlertState state, String token) {
    if (state == null || state.ackToken == null || token == null || token.isBlank()) {
      return false;
    }
    if (state.level == Level.OK) {
      return false;
    }
    return MessageDigest.isEqual(
        state.ackToken.getBytes(StandardCharsets.UTF_8),
        token.strip().getBytes(StandardCharsets.UTF_8));
  }

  /** The alert for an acknowledge link, and its state: 404 for an alert that does not run. */
  public AlertDefinition definition(String id) {
    return registry.definition(id).orElseThrow(() -> new NotFoundException("No alert " + id));
  }

  /**
   * Reads {@code 1h}, {@code 30min}, {@code 90m}, {@code 1d}; blank means the default. At least a
   * minute, at most {@link #LONGEST}.
   */
  public Duration parseDuration(String text) {
    if (text == null || text.isBlank()) {
      return defaultDuration;
    }
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      char unit = m.group(2).charAt(0);
      Duration d =
          unit == 'd'
              ? Duration.ofDays(n)
              : unit == 'h' ? Duration.ofHours(n) : Duration.ofMinutes(n);
      if (!d.isZero() && d.compareTo(LONGEST) <= 0) {
        return d;
      }
    }
    throw InvalidInputException.field(
        "duration", "Write a duration such as 1h, 4h, 8h or 24h; at least 1min, at most 7d.");
  }

  private AlertState mark(AlertState state, String who, Duration length, String note) {
    Instant now = clock.instant();
    state.acknowledgedBy = who;
    state.acknowledgedAt = now;
    state.acknowledgedUntil = now.plus(length);
    AlertActivity.record(
        state.alertId,
        now,
        AlertActivity.ACKNOWLEDGED,
        who,
        "until " + silences.format(state.acknowledgedUntil) + (note.isEmpty() ? "" : ": " + note));
    return state;
  }

  private AlertState state(String id, boolean problem) {
    definition(id);
    AlertState state = AlertState.findById(id);
    if (state == null) {
      throw InvalidInputException.conflict("level", id + " has not been checked yet.");
    }
    if (problem && state.level == Level.OK) {
      throw InvalidInputException.conflict(
          "level", id + " is OK: there is nothing to acknowledge.");
    }
    return state;
  }

  private static String format(Duration d) {
    if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toDays() > 0 && d.toHours() % 24 == 0 && d.toHours() > 24
          ? d.toDays() + "d"
          : d.toHours() + "h";
    }
    return d.toMinutes() + "min";
  }
}

package io.opsroom.alerting;

import io.opsroom.notify.LabelMatcher;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A silence: the alerts whose labels match every matcher are still evaluated and shown, but not
 * notified, while it is in force (see {@link SilenceSchedule}).
 */
@Entity
@Table(name = "silence")
public class Silence extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The conditions on an alert's labels (and {@code alert}, its id); all must hold. */
  @JdbcTypeCode(SqlTypes.JSON)
  public List<Matcher> matchers;

  @Column(name = "starts_at")
  public Instant startsAt;

  @Column(name = "ends_at")
  public Instant endsAt;

  /** The days of the weekly windows, {@code MON,SAT}; null without a weekly recurrence. */
  @Column(name = "weekly_days")
  public String weeklyDays;

  @Column(name = "weekly_start")
  public LocalTime weeklyStart;

  @Column(name = "weekly_end")
  public LocalTime weeklyEnd;

  /** The time zone of the weekly windows; null without a weekly recurrence. */
  @Column(name = "time_zone")
  public String timeZone;

  public String author;

  public String comment;

  @Column(name = "created_at")
  public Instant createdAt;

  /** One stored matcher: {@code op} is {@code =}, {@code !=}, {@code =~} or {@code !~}. */
  public record Matcher(String label, String op, String value) {

    static Matcher of(LabelMatcher m) {
      return new Matcher(m.label(), m.op().symbol(), m.value());
    }

    LabelMatcher toLabelMatcher() {
      return new LabelMatcher(label, LabelMatcher.Op.parse(op), value);
    }

    @Override
    public String toString() {
      return label + op + value;
    }
  }

  public SilenceSchedule schedule() {
    return new SilenceSchedule(startsAt, endsAt, weekly());
  }

  /** The weekly recurrence, or null. */
  public SilenceSchedule.Weekly weekly() {
    if (weeklyDays == null) {
      return null;
    }
    return new SilenceSchedule.Weekly(
        Arrays.stream(weeklyDays.split(","))
            .map(SilenceSchedule::parseDay)
            .collect(Collectors.toSet()),
        weeklyStart,
        weeklyEnd,
        ZoneId.of(timeZone));
  }

  void setWeekly(SilenceSchedule.Weekly weekly) {
    if (weekly == null) {
      weeklyDays = null;
      weeklyStart = null;
      weeklyEnd = null;
      timeZone = null;
      return;
    }
    weeklyDays = String.join(",", weekly.dayCodes());
    weeklyStart = weekly.start();
    weeklyEnd = weekly.end();
    timeZone = weekly.zone().getId();
  }

  public List<LabelMatcher> labelMatchers() {
    return matchers.stream().map(Matcher::toLabelMatcher).toList();
  }

  /** Whether an alert with these labels (including {@code alert}, its id) is matched. */
  public boolean matches(Map<String, String> matchLabels) {
    return LabelMatcher.all(labelMatchers(), matchLabels);
  }

  /** The matchers as people write them: {@code alert=disk-web1, team=~web.*}. */
  public String matcherText() {
    return matchers.stream().map(Matcher::toString).collect(Collectors.joining(", "));
  }

  /** Every silence still running or yet to come: pending, active and waiting. */
  public static List<Silence> current(Instant now) {
    return list("endsAt > ?1 order by startsAt, id", now);
  }

  /** The silences whose period holds {@code now}; the weekly windows are checked by the caller. */
  public static List<Silence> inPeriod(Instant now) {
    return list("startsAt <= ?1 and endsAt > ?1 order by id", now);
  }
}

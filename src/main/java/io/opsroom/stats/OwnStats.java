package io.opsroom.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Opsroom's own health right now, as {@code GET /api/stats} answers it and {@code /stats} shows it
 * under the charts. Counts are totals since this instance started; durations are in seconds.
 *
 * @param at when the meters were read
 * @param alerts the number of alerts per level after the last cycle ({@code OK}, {@code WARNING},
 *     ...)
 * @param alertCycle the evaluation cycle
 * @param graphite the Graphite client
 * @param outbox the notification outbox, as of the last drain
 * @param notifications delivery attempts per channel
 * @param notificationStorms storms turned into one summary message
 * @param events events written to the changelog
 * @param panelsCached panels held drawn in the stats cache
 * @param problems definition files with problems
 * @param carbon reporting to carbon
 * @param history the in-memory history behind the charts
 */
public record OwnStats(
    Instant at,
    Map<String, Long> alerts,
    Cycle alertCycle,
    Graphite graphite,
    Outbox outbox,
    List<Channel> notifications,
    long notificationStorms,
    Events events,
    long panelsCached,
    Problems problems,
    Carbon carbon,
    History history) {

  /**
   * @param count cycles run since start
   * @param meanSeconds their mean duration; null before the first
   * @param lagSeconds how late the last cycle started after it was due
   * @param ageSeconds seconds since the last cycle completed
   */
  public record Cycle(long count, Double meanSeconds, Double lagSeconds, Double ageSeconds) {}

  /**
   * @param configured whether a usable Graphite URL is set
   * @param host Graphite's host and port, without path or credentials; null when not set
   * @param requests HTTP requests sent since start
   * @param errors those that did not answer 2xx/3xx (4xx, 5xx, timeout, unreachable)
   * @param meanLatencySeconds their mean time to a whole answer; null before the first
   */
  public record Graphite(
      boolean configured, String host, long requests, long errors, Double meanLatencySeconds) {}

  /**
   * @param pending notifications waiting to be sent (the outbox depth)
   * @param failed notifications whose payload cannot be sent
   * @param dead notifications given up on
   * @param oldestPendingSeconds the age of the oldest pending one; 0 when none
   */
  public record Outbox(long pending, long failed, long dead, Double oldestPendingSeconds) {}

  /**
   * @param channel email, slack, pagerduty or webhook
   * @param sent attempts that delivered
   * @param failed attempts that did not (retried later, dead, refused, unreadable)
   */
  public record Channel(String channel, long sent, long failed) {}

  /**
   * @param ingested events written since start
   * @param bySource the same by source (web, api, cli, git, alert, inventory, ...)
   */
  public record Events(long ingested, Map<String, Long> bySource) {}

  /**
   * @param alertFiles problems of the alert files and routes, listed on {@code /alerts/problems}
   * @param panelsFile why the configured panels file is not in use; empty when it is
   */
  public record Problems(int alertFiles, List<String> panelsFile) {}

  /**
   * @param enabled whether {@code OPSROOM_STATS_CARBON} is set
   * @param target its value
   * @param prefix the first part of the names sent
   * @param problem what is wrong with the settings, if anything
   * @param lastSendAt when the last send was tried; null before the first
   * @param lastSendOk whether it worked
   * @param lastSendLines how many lines it sent
   * @param lastError why it failed
   */
  public record Carbon(
      boolean enabled,
      String target,
      String prefix,
      String problem,
      Instant lastSendAt,
      Boolean lastSendOk,
      Integer lastSendLines,
      String lastError) {}

  /**
   * @param samples points held, at most 24 hours' worth
   * @param intervalSeconds the time between points
   * @param since the oldest point; null when there is none yet
   */
  public record History(int samples, long intervalSeconds, Instant since) {}
}

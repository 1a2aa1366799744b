package io.opsroom.alerting;

/**
 * Flapping after Nagios: the percentage of state changes among the last 21 checks, with recent
 * changes weighing more (from 0.8 for the oldest to 1.2 for the newest). An alert starts flapping
 * at or above {@code enter} percent and stops at or below {@code leave}: the gap keeps it from
 * flapping in and out of flapping.
 */
public final class FlapDetector {

  /** How many checks the detector remembers. */
  public static final int WINDOW = 21;

  private final double enter;
  private final double leave;

  public FlapDetector(double enterPercent, double leavePercent) {
    if (leavePercent > enterPercent) {
      throw new IllegalArgumentException("leave must not be above enter");
    }
    this.enter = enterPercent;
    this.leave = leavePercent;
  }

  /**
   * The history with this check's level appended (one character per check, oldest first, at most
   * {@link #WINDOW} long).
   */
  public static String record(String history, Level observed) {
    String h = (history == null ? "" : history) + code(observed);
    return h.length() > WINDOW ? h.substring(h.length() - WINDOW) : h;
  }

  /** The weighted percentage of changes in a history. */
  public static double percentChange(String history) {
    if (history == null || history.length() < 2) {
      return 0;
    }
    int transitions = history.length() - 1;
    double weighted = 0;
    double total = 0;
    for (int i = 1; i < history.length(); i++) {
      double weight = transitions == 1 ? 1.0 : 0.8 + 0.4 * (i - 1) / (transitions - 1);
      total += weight;
      if (history.charAt(i) != history.charAt(i - 1)) {
        weighted += weight;
      }
    }
    return 100 * weighted / total;
  }

  /** Whether the alert flaps after this check, given whether it flapped before. */
  public boolean isFlapping(String history, boolean wasFlapping) {
    if (history == null || history.length() < WINDOW) {
      // Too few checks to judge: a new alert does not start out flapping.
      return wasFlapping && percentChange(history) > leave;
    }
    double percent = percentChange(history);
    return wasFlapping ? percent > leave : percent >= enter;
  }

  private static char code(Level level) {
    return switch (level) {
      case OK -> 'O';
      case PENDING -> 'P';
      case WARNING -> 'W';
      case CRITICAL -> 'C';
      case UNKNOWN -> 'U';
      case ERROR -> 'E';
    };
  }
}

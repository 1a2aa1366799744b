package io.opsroom.graphite;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What Graphite answered for one requested target: the series it matched, or why it gave none. An
 * empty series list without a failure means Graphite knows no such metric.
 */
public record TargetResult(String target, List<Series> series, Optional<GraphiteFailure> failure) {

  /** The four outcomes a target can have, each shown differently. */
  public enum Status {
    /** At least one series has at least one value. */
    DATA,
    /** Series were found, but every point in the window is null. */
    ONLY_NULLS,
    /** Graphite answered with no series: no metric matches the target. */
    NO_SUCH_METRIC,
    /** Graphite failed or rejected the target; see {@link #failure()}. */
    FAILED
  }

  public TargetResult {
    Objects.requireNonNull(target, "target");
    series = List.copyOf(series);
    Objects.requireNonNull(failure, "failure");
  }

  /** A target Graphite answered, with its series (none when no metric matches). */
  public static TargetResult found(String target, List<Series> series) {
    return new TargetResult(target, series, Optional.empty());
  }

  /** A target Graphite gave no answer for. */
  public static TargetResult failed(String target, GraphiteFailure failure) {
    return new TargetResult(target, List.of(), Optional.of(failure));
  }

  public Status status() {
    if (failure.isPresent()) {
      return Status.FAILED;
    }
    if (series.isEmpty()) {
      return Status.NO_SUCH_METRIC;
    }
    return series.stream().anyMatch(Series::hasData) ? Status.DATA : Status.ONLY_NULLS;
  }

  /** One line for a person: the failure's message, or what the absence of data means. */
  public String describe() {
    return switch (status()) {
      case FAILED -> failure.get().message();
      case NO_SUCH_METRIC -> "No such metric: Graphite has no series matching " + target;
      case ONLY_NULLS -> "No data: every point in the window is empty";
      case DATA -> series.size() == 1 ? "1 series" : series.size() + " series";
    };
  }
}

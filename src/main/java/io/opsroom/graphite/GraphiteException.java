package io.opsroom.graphite;

/** A Graphite request that failed as a whole, such as a metric search; carries the failure. */
public class GraphiteException extends RuntimeException {

  private final GraphiteFailure failure;

  public GraphiteException(GraphiteFailure failure) {
    super(failure.message());
    this.failure = failure;
  }

  public GraphiteFailure failure() {
    return failure;
  }
}

package io.opsroom.graphite;

/** Why Graphite gave no data for a target, with a message meant for the people reading alerts. */
public record GraphiteFailure(Kind kind, String message) {

  /** The classes of failure; only {@link #BAD_TARGET} is about one target alone. */
  public enum Kind {
    /** No connection to Graphite: refused, unknown host, connect timeout. */
    UNREACHABLE,
    /** Graphite took longer than {@code opsroom.graphite.timeout} to answer. */
    TIMEOUT,
    /** Graphite answers HTTP 5xx even to a trivial request: Graphite itself is broken. */
    SERVER_ERROR,
    /**
     * Graphite rejects this target (HTTP 400), or fails on it (HTTP 500, how graphite-web 1.1
     * answers many syntax errors) while it answers other requests; or the target is malformed.
     */
    BAD_TARGET,
    /**
     * Graphite rejects the request itself, the same for every target: {@code from}/{@code until}.
     */
    BAD_REQUEST,
    /** The answer is not render JSON: HTML, cut-off JSON, an unexpected status, missing markers. */
    BAD_RESPONSE,
    /** No Graphite URL is configured. */
    NOT_CONFIGURED
  }

  /**
   * Whether the failure is Graphite's (or the connection's, or the configuration's) rather than
   * this target's: such failures hit every target of a request, and a cycle reports them once.
   */
  public boolean concernsGraphite() {
    return kind != Kind.BAD_TARGET;
  }

  @Override
  public String toString() {
    return kind + ": " + message;
  }
}

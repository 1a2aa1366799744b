package io.opsroom.graphite;

import io.micrometer.core.instrument.MeterRegistry;
import io.opsroom.graphite.GraphiteFailure.Kind;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Opsroom's way to Graphite: the render API for alert data and {@code /metrics/find} for metric
 * search. A render call sends many targets in few requests ({@code max-targets-per-request} each,
 * GET or, when the URL would be too long, a POST form), at most {@code concurrency} at a time, each
 * bounded by {@code timeout}, and never throws: every target gets its series or a classified
 * failure.
 *
 * <p>A request Graphite refuses (4xx) or fails (5xx) says nothing about which of its targets was to
 * blame. The client then sends one trivial request with the same time range: if Graphite fails that
 * too, it is Graphite (or the time range) that is broken, and every target of the request gets that
 * failure. Otherwise the request is split in halves, retried, and split again, until each bad
 * target stands alone and gets Graphite's own message, while the others get their data. A refused
 * connection is not retried at all: the call's remaining requests fail at once with the same
 * message.
 */
@ApplicationScoped
public class GraphiteClient {

  private static final Logger LOG = Logger.getLogger(GraphiteClient.class);

  /** A metric nobody sends: asking for it shows whether Graphite renders at all. */
  static final String PROBE_TARGET = "opsroom.graphite.probe";

  private final GraphiteConfig config;
  private final MeterRegistry registry;
  private final URI base;
  private final GraphiteFailure notConfigured;
  private final String authorization;
  private final HttpClient http;
  private final ExecutorService pool;
  private final AtomicLong requests = new AtomicLong();

  @Inject
  public GraphiteClient(GraphiteConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    String problem = null;
    URI url = null;
    Optional<String> configured = config.url().map(String::strip).filter(u -> !u.isEmpty());
    if (configured.isEmpty()) {
      problem = "Graphite is not configured: set OPSROOM_GRAPHITE_URL";
    } else {
      problem = urlProblem(configured.get());
      if (problem == null) {
        String value = configured.get();
        url = URI.create(value.endsWith("/") ? value : value + "/");
      } else {
        LOG.error(problem);
      }
    }
    this.base = url;
    this.notConfigured = problem == null ? null : failure(Kind.NOT_CONFIGURED, problem);
    this.authorization =
        config
            .username()
            .map(
                user ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (user + ":" + config.password().orElse(""))
                                    .getBytes(StandardCharsets.UTF_8)))
            .orElse(null);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.pool = Executors.newFixedThreadPool(config.concurrency(), new PoolThreads());
  }

  /** Whether a usable Graphite URL is configured. */
  public boolean configured() {
    return base != null;
  }

  /**
   * Renders the targets over {@code from}..{@code until} (Graphite's own time syntax: {@code
   * -5min}, {@code -1h}, {@code now}, epoch seconds; {@code until} may be null for now). Returns
   * one result per distinct target, in the order given. Never throws for anything Graphite does.
   */
  public Map<String, TargetResult> render(Collection<String> targets, String from, String until) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(targets));
    Map<String, TargetResult> results = new ConcurrentHashMap<>();
    Optional<String> badTime =
        RenderInput.timeProblem("from", from)
            .or(
                () ->
                    until == null || until.isBlank()
                        ? Optional.empty()
                        : RenderInput.timeProblem("until", until));
    List<String> sendable = new ArrayList<>();
    for (String target : distinct) {
      Optional<String> badTarget = RenderInput.targetProblem(target);
      if (notConfigured != null) {
        results.put(target, TargetResult.failed(target, notConfigured));
      } else if (badTarget.isPresent()) {
        results.put(target, TargetResult.failed(target, failure(Kind.BAD_TARGET, badTarget.get())));
      } else if (badTime.isPresent()) {
        results.put(target, TargetResult.failed(target, failure(Kind.BAD_REQUEST, badTime.get())));
      } else {
        sendable.add(target);
      }
    }
    if (!sendable.isEmpty()) {
      RenderCall call = new RenderCall(from, until, results);
      List<Future<?>> running = new ArrayList<>();
      try {
        for (RenderBatch batch : RenderBatch.plan(sendable, config.maxTargetsPerRequest())) {
          running.add(pool.submit(() -> call.runSafely(batch)));
        }
        for (Future<?> batch : running) {
          batch.get();
        }
      } catch (InterruptedException e) {
        running.forEach(batch -> batch.cancel(true));
        Thread.currentThread().interrupt();
      } catch (ExecutionException | RejectedExecutionException e) {
        LOG.error("Graphite render failed unexpectedly", e);
      }
    }
    Map<String, TargetResult> ordered = new LinkedHashMap<>();
    for (String target : distinct) {
      ordered.put(
          target,
          results.getOrDefault(
              target,
              TargetResult.failed(
                  target,
                  failure(Kind.TIMEOUT, "The render was interrupted before Graphite answered"))));
    }
    logFailures(ordered.values());
    return Collections.unmodifiableMap(ordered);
  }

  /**
   * Metric paths that complete the query, for an autocomplete: {@code /metrics/find} in Graphite's
   * completer format, which adds the final {@code *} itself. Leaves are returned as they are,
   * branches with a final dot ({@code servers.web1.}). A blank query lists the top level.
   *
   * @throws GraphiteException when Graphite fails, refuses the query or is not configured
   */
  public List<String> findMetrics(String query) {
    if (notConfigured != null) {
      throw new GraphiteException(notConfigured);
    }
    String pattern = query == null || query.isBlank() ? "*" : query.strip();
    Answer answer =
        exchange(
            "metrics/find",
            "format=completer&query=" + URLEncoder.encode(pattern, StandardCharsets.UTF_8));
    if (answer.failure != null) {
      throw new GraphiteException(answer.failure);
    }
    if (answer.status == 200) {
      try {
        return GraphiteJson.parseFind(answer.body);
      } catch (GraphiteJson.UnreadableException e) {
        throw new GraphiteException(failure(Kind.BAD_RESPONSE, e.getMessage()));
      }
    }
    String text = ErrorText.fromBody(answer.body, UnaryOperator.identity());
    if (answer.status == 400) {
      throw new GraphiteException(
          failure(Kind.BAD_TARGET, "Graphite rejected the metric search: " + text));
    }
    throw new GraphiteException(statusFailure(answer.status, text));
  }

  /** HTTP requests this client has sent to Graphite since it started, searches included. */
  public long requestCount() {
    return requests.get();
  }

  @PreDestroy
  public void close() {
    pool.shutdownNow();
  }

  /** One render call: its time range, its results so far, and what it learned about Graphite. */
  private final class RenderCall {

    private final String from;
    private final String until;
    private final Map<String, TargetResult> results;
    private volatile GraphiteFailure unreachable;
    private Optional<GraphiteFailure> probe;

    RenderCall(String from, String until, Map<String, TargetResult> results) {
      this.from = from;
      this.until = until;
      this.results = results;
    }

    void runSafely(RenderBatch batch) {
      try {
        run(batch);
      } catch (RuntimeException e) {
        LOG.error("Unexpected error rendering Graphite targets " + batch.targets(), e);
        failAll(batch, failure(Kind.BAD_RESPONSE, "Unexpected error reading Graphite: " + e));
      }
    }

    private void run(RenderBatch batch) {
      Answer answer = send(batch.form(from, until));
      if (answer.failure != null) {
        failAll(batch, answer.failure);
        return;
      }
      if (answer.status == 200) {
        accept(batch, answer.body);
        return;
      }
      Optional<GraphiteFailure> broken = probe();
      if (broken.isPresent()) {
        failAll(batch, broken.get());
      } else if (batch.size() == 1) {
        String target = batch.targets().get(0);
        results.put(target, TargetResult.failed(target, rejected(batch, answer)));
      } else {
        for (RenderBatch half : batch.halves()) {
          run(half);
        }
      }
    }

    private void accept(RenderBatch batch, String body) {
      try {
        batch
            .assign(GraphiteJson.parseRender(body))
            .forEach((target, series) -> results.put(target, TargetResult.found(target, series)));
      } catch (GraphiteJson.UnreadableException e) {
        failAll(batch, failure(Kind.BAD_RESPONSE, e.getMessage()));
      }
    }

    /** Sends a request unless an earlier one of this call found Graphite unreachable. */
    private Answer send(String form) {
      GraphiteFailure down = unreachable;
      if (down != null) {
        return new Answer(0, null, down, false);
      }
      Answer answer = exchange("render", form);
      if (answer.connectFailed) {
        unreachable = answer.failure;
      }
      return answer;
    }

    /** Whether Graphite renders a trivial target over the same time range; asked once per call. */
    private synchronized Optional<GraphiteFailure> probe() {
      if (probe == null) {
        probe = askProbe();
      }
      return probe;
    }

    private Optional<GraphiteFailure> askProbe() {
      Answer answer = send(RenderBatch.form(List.of(PROBE_TARGET), from, until));
      if (answer.failure != null) {
        return Optional.of(answer.failure);
      }
      String text = ErrorText.fromBody(answer.body, UnaryOperator.identity());
      if (answer.status == 200) {
        try {
          GraphiteJson.parseRender(answer.body);
          return Optional.empty();
        } catch (GraphiteJson.UnreadableException e) {
          return Optional.of(failure(Kind.BAD_RESPONSE, e.getMessage()));
        }
      }
      if (answer.status == 400) {
        return Optional.of(
            failure(
                Kind.BAD_REQUEST,
                "Graphite rejects the time range (from="
                    + from
                    + (until == null ? "" : ", until=" + until)
                    + "): "
                    + text));
      }
      return Optional.of(statusFailure(answer.status, text));
    }

    /** The failure of a target that failed its request alone while Graphite answers otherwise. */
    private GraphiteFailure rejected(RenderBatch batch, Answer answer) {
      String text = ErrorText.fromBody(answer.body, batch::unwrap);
      String what =
          answer.status == 400
              ? "Graphite rejected the target (HTTP 400): "
              : answer.status >= 500
                  ? "Graphite failed on the target (HTTP " + answer.status + "): "
                  : "Graphite answered HTTP " + answer.status + " for the target: ";
      return failure(Kind.BAD_TARGET, what + text);
    }

    private void failAll(RenderBatch batch, GraphiteFailure failure) {
      for (String target : batch.targets()) {
        results.put(target, TargetResult.failed(target, failure));
      }
    }
  }

  /** What one HTTP exchange came to: a status and body, or a failure before any answer. */
  private record Answer(int status, String body, GraphiteFailure failure, boolean connectFailed) {}

  /** One request, GET when the URL is short enough and a POST form otherwise. */
  private Answer exchange(String path, String form) {
    URI get = base.resolve(path + "?" + form);
    HttpRequest.Builder request;
    if (get.toString().length() <= config.maxUrlLength()) {
      request = HttpRequest.newBuilder(get).GET();
    } else {
      request =
          HttpRequest.newBuilder(base.resolve(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form));
    }
    request.timeout(config.timeout()).header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    requests.incrementAndGet();
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> response =
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    try {
      // The request's own timeout stops at the response headers; this one covers the body too.
      HttpResponse<String> answer =
          response.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
      int status = answer.statusCode();
      count(status < 400 ? "ok" : status < 500 ? "client_error" : "server_error", started);
      return new Answer(status, answer.body(), null, false);
    } catch (TimeoutException e) {
      response.cancel(true);
      return timedOut(started);
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      count("timeout", started);
      return new Answer(
          0, null, failure(Kind.TIMEOUT, "Interrupted while waiting for Graphite"), false);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException
          && !(cause instanceof HttpConnectTimeoutException)) {
        return timedOut(started);
      }
      count("unreachable", started);
      return new Answer(
          0,
          null,
          failure(Kind.UNREACHABLE, "Graphite at " + where() + " is unreachable: " + reason(cause)),
          cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException);
    }
  }

  private String reason(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "no connection within " + describe(config.timeout());
    }
    if (cause instanceof ConnectException) {
      Throwable root = cause.getCause();
      if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
        return "unknown host " + base.getHost();
      }
      return cause.getMessage() == null ? "connection refused" : cause.getMessage();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private Answer timedOut(long started) {
    count("timeout", started);
    return new Answer(
        0,
        null,
        failure(Kind.TIMEOUT, "Graphite did not answer within " + describe(config.timeout())),
        false);
  }

  private GraphiteFailure statusFailure(int status, String text) {
    if (status >= 500) {
      return failure(
          Kind.SERVER_ERROR,
          "Graphite answers HTTP " + status + " even to a trivial request: " + text);
    }
    String hint =
        status == 401 || status == 403
            ? " (check OPSROOM_GRAPHITE_USERNAME and OPSROOM_GRAPHITE_PASSWORD)"
            : status == 404 ? " (is OPSROOM_GRAPHITE_URL graphite-web's base URL?)" : "";
    return failure(Kind.BAD_RESPONSE, "Graphite answered HTTP " + status + hint + ": " + text);
  }

  /** Counts the exchange and times it, both by outcome: errors are the outcomes other than ok. */
  private void count(String outcome, long started) {
    registry.counter("opsroom.graphite.requests", "outcome", outcome).increment();
    io.micrometer.core.instrument.Timer.builder("opsroom.graphite.latency")
        .description("Time from sending a request to Graphite to its whole answer, or to failing")
        .tag("outcome", outcome)
        .register(registry)
        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  private String where() {
    return base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
  }

  private void logFailures(Collection<TargetResult> results) {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    GraphiteFailure example = null;
    for (TargetResult result : results) {
      if (result.failure().isPresent()) {
        GraphiteFailure failure = result.failure().get();
        counts.merge(failure.kind(), 1, Integer::sum);
        if (example == null || !example.concernsGraphite()) {
          example = failure;
        }
      }
    }
    if (example == null || example.kind() == Kind.NOT_CONFIGURED) {
      return;
    }
    if (example.concernsGraphite()) {
      LOG.warnf("Graphite render of %d target(s): %s failed; %s", results.size(), counts, example);
    } else {
      LOG.debugf("Graphite render of %d target(s): %s failed; %s", results.size(), counts, example);
    }
  }

  private static GraphiteFailure failure(Kind kind, String message) {
    return new GraphiteFailure(kind, message);
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }

  private static String urlProblem(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getRawUserInfo() != null) {
        return "OPSROOM_GRAPHITE_URL must not hold a user name or password: set"
            + " OPSROOM_GRAPHITE_USERNAME and OPSROOM_GRAPHITE_PASSWORD instead";
      }
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null) {
        return "OPSROOM_GRAPHITE_URL is not an http(s) URL with a host: " + url;
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        return "OPSROOM_GRAPHITE_URL must be graphite-web's base URL, without ? or #: " + url;
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "OPSROOM_GRAPHITE_URL is not a URL: " + url;
    }
  }

  private static final class PoolThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "graphite-render-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}

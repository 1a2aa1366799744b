package io.opsroom.stats;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Sends {@link OwnSample}s to carbon's plaintext receiver as {@code <prefix>.<name> <value>
 * <epoch>} lines over one short TCP connection per sample. It never throws: a failure is kept as
 * the last result (shown on {@code /stats}) and logged once per outage, not once per interval.
 */
public final class CarbonReporter {

  private static final Logger LOG = Logger.getLogger(CarbonReporter.class);

  /** A carbon that does not accept a connection this fast is treated as down until next time. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  /** The outcome of the last send. */
  public record Result(Instant at, boolean ok, int lines, String error) {}

  private final String target;
  private final String host;
  private final int port;
  private final String prefix;
  private final String problem;
  private final Duration connectTimeout;
  private volatile Result last;
  private boolean failing;

  /**
   * A reporter to {@code target} ({@code host:port}, {@code [v6]:port}), or one that is off when
   * {@code target} is empty or blank. A malformed target or prefix is a problem kept for the page.
   */
  public CarbonReporter(Optional<String> target, String prefix, Duration connectTimeout) {
    this.target = target.map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
    this.prefix = prefix == null ? "" : prefix.strip();
    this.connectTimeout = connectTimeout;
    String h = null;
    int p = -1;
    String bad = null;
    if (this.target != null) {
      int colon = this.target.lastIndexOf(':');
      if (colon <= 0 || colon == this.target.length() - 1) {
        bad = "OPSROOM_STATS_CARBON is not host:port: " + this.target;
      } else {
        h = this.target.substring(0, colon);
        if (h.startsWith("[") && h.endsWith("]")) {
          h = h.substring(1, h.length() - 1);
        }
        try {
          p = Integer.parseInt(this.target.substring(colon + 1));
          if (p < 1 || p > 65535) {
            bad = "OPSROOM_STATS_CARBON's port is not 1 to 65535: " + this.target;
          }
        } catch (NumberFormatException e) {
          bad = "OPSROOM_STATS_CARBON's port is not a number: " + this.target;
        }
      }
      if (bad == null && !PREFIX.matcher(this.prefix).matches()) {
        bad =
            "OPSROOM_STATS_CARBON_PREFIX must be dot-separated words of letters, digits, _ and -: "
                + this.prefix;
      }
      if (bad != null) {
        LOG.error(bad + "; Opsroom's own metrics are not sent");
      }
    }
    this.host = h;
    this.port = p;
    this.problem = bad;
  }

  /** Whether a carbon target is set (even a malformed one, which is then shown as the problem). */
  public boolean enabled() {
    return target != null;
  }

  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  public String prefix() {
    return prefix;
  }

  /** What is wrong with the settings, if anything; nothing is sent then. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** The last send's outcome; empty before the first. */
  public Optional<Result> last() {
    return Optional.ofNullable(last);
  }

  /** The plaintext protocol's lines for the sample, one per value, in name order. */
  public String lines(OwnSample sample) {
    StringBuilder text = new StringBuilder();
    long epoch = sample.at().getEpochSecond();
    for (Map.Entry<String, Double> entry : sample.values().entrySet()) {
      Double value = entry.getValue();
      if (value == null || !Double.isFinite(value)) {
        continue;
      }
      text.append(prefix)
          .append('.')
          .append(entry.getKey())
          .append(' ')
          .append(number(value))
          .append(' ')
          .append(epoch)
          .append('\n');
    }
    return text.toString();
  }

  /** Sends the sample when a target is set; the result is kept and returned, never thrown. */
  public synchronized Optional<Result> send(OwnSample sample, Instant now) {
    if (target == null) {
      return Optional.empty();
    }
    if (problem != null) {
      last = new Result(now, false, 0, problem);
      return Optional.of(last);
    }
    String text = lines(sample);
    int count = (int) text.chars().filter(c -> c == '\n').count();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) connectTimeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      last = new Result(now, true, count, null);
      if (failing) {
        LOG.infof("Carbon at %s takes Opsroom's own metrics again", target);
        failing = false;
      }
    } catch (IOException | RuntimeException e) {
      String error = describe(e);
      last = new Result(now, false, 0, error);
      if (!failing) {
        // Once per outage: a carbon that is down for a day must not fill the log.
        LOG.warnf(
            "Cannot send Opsroom's own metrics to carbon: %s (said once until it works)", error);
        failing = true;
      }
    }
    return Optional.of(last);
  }

  private String describe(Exception e) {
    if (e instanceof UnknownHostException) {
      return "unknown host " + host;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "carbon at " + target + ": " + message;
  }

  /** A value as carbon reads it: whole numbers without a fraction, others without an exponent. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

package io.opsroom.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Posts JSON for the HTTP channels (Slack, PagerDuty, webhooks) through one shared client with a
 * deadline, and turns what went wrong on the way into {@link DeliveryException}s. What an answer
 * means is left to each channel, which knows its status codes.
 */
@Singleton
class HttpDelivery {

  /**
   * Payloads are stored data that outlive a release, so they have a mapper of their own, as email
   * payloads do: the application's mapper serves the JSON API and may change its settings.
   */
  static final ObjectMapper PAYLOAD =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** How much of an answer's body a failure reason quotes. */
  static final int MAX_QUOTED_BODY = 300;

  private final HttpClient client;
  private final Duration timeout;

  @Inject
  HttpDelivery(NotifyConfig config) {
    this(config.httpTimeout());
  }

  HttpDelivery(Duration timeout) {
    this.timeout = timeout;
    // Redirects are not followed: a POST that is redirected is a channel pointed at the wrong URL,
    // and the channel should say so rather than have the message silently turn into a GET.
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The channel's answer: its status, its body and the wait it asked for, if any. */
  record Answer(int status, String body, Optional<Duration> retryAfter) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body on one line, short enough for a failure reason. */
    String quotedBody() {
      String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
      return line.length() <= MAX_QUOTED_BODY ? line : line.substring(0, MAX_QUOTED_BODY) + "…";
    }
  }

  /**
   * Posts the JSON and returns the answer, whatever its status.
   *
   * @param channel names the receiver in failure reasons ("Slack"); the URL is never named, since
   *     for Slack and many webhooks the URL itself is the secret
   * @throws DeliveryException transient, when there was no answer within the timeout or no
   *     connection
   */
  Answer post(String channel, URI uri, Map<String, String> headers, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Opsroom")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    CompletableFuture<HttpResponse<String>> pending =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    try {
      // The request timeout covers the wait for the headers only; this deadline also covers a
      // receiver that sends its headers and then stalls in the body.
      HttpResponse<String> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Answer(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Retry-After").flatMap(HttpDelivery::parseRetryAfter));
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut(channel, e);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw DeliveryException.transientFailure(channel + ": interrupted while sending", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException) {
        throw timedOut(channel, cause);
      }
      if (cause instanceof IOException) {
        String reason = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        throw DeliveryException.transientFailure(
            channel + " could not be reached (" + cause.getClass().getSimpleName() + reason + ")",
            cause);
      }
      throw DeliveryException.transientFailure(channel + ": " + cause, cause);
    }
  }

  private DeliveryException timedOut(String channel, Throwable cause) {
    return DeliveryException.transientFailure(
        channel + " did not answer within " + NoticeText.duration(timeout), cause);
  }

  /**
   * A {@code Retry-After} header: seconds, or an HTTP date (counted from now, as the receiver
   * meant). Empty when it cannot be read or lies in the past.
   */
  static Optional<Duration> parseRetryAfter(String value) {
    String text = value.strip();
    if (text.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(Instant.now(), at);
      return wait.isNegative() ? Optional.empty() : Optional.of(wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The URL an environment variable holds, checked before anything is sent.
   *
   * @throws DeliveryException permanent, when the variable is unset or holds no http(s) URL; the
   *     value itself is not quoted, since it is a secret
   */
  static URI urlFrom(Function<String, Optional<String>> secrets, String variable) {
    return httpUrl(secret(secrets, variable))
        .orElseThrow(
            () ->
                DeliveryException.permanent(
                    "environment variable " + variable + " does not hold an http(s) URL"));
  }

  /**
   * A secret from the environment.
   *
   * @throws DeliveryException permanent, when the variable is unset or blank
   */
  static String secret(Function<String, Optional<String>> secrets, String variable) {
    return secrets
        .apply(variable)
        .orElseThrow(
            () -> DeliveryException.permanent("environment variable " + variable + " is not set"));
  }

  /** A URL written in routes.yaml (no secret in it). */
  static URI url(String value) {
    return httpUrl(value)
        .orElseThrow(() -> DeliveryException.permanent("not an http(s) URL: " + value));
  }

  private static Optional<URI> httpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // Not a URL at all: the same answer as a URL of another scheme.
    }
    return Optional.empty();
  }

  /** Writes a payload or a body. */
  static String write(Object node) {
    try {
      return PAYLOAD.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the payload as JSON", e);
    }
  }

  /**
   * Reads a payload back as a JSON object.
   *
   * @throws DeliveryException permanent: a payload that cannot be read now never will be
   */
  static ObjectNode read(String payload, String what) {
    try {
      JsonNode node = PAYLOAD.readTree(payload);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      throw DeliveryException.permanent("the payload is not a valid " + what + ": " + e);
    }
    throw DeliveryException.permanent("the payload is not a valid " + what + ": not an object");
  }

  /** A text field of a payload, or null. */
  static String text(JsonNode payload, String field) {
    JsonNode node = payload.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }
}

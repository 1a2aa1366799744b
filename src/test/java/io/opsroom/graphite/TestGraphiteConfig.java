package io.opsroom.graphite;

import java.time.Duration;
import java.util.Optional;

/** Settings for a client built without Quarkus, starting from the defaults of GraphiteConfig. */
record TestGraphiteConfig(
    Optional<String> url,
    Duration timeout,
    int maxTargetsPerRequest,
    int maxUrlLength,
    int concurrency,
    Optional<String> username,
    Optional<String> password)
    implements GraphiteConfig {

  static TestGraphiteConfig at(String url) {
    return new TestGraphiteConfig(
        Optional.ofNullable(url),
        Duration.ofSeconds(10),
        50,
        2000,
        4,
        Optional.empty(),
        Optional.empty());
  }

  TestGraphiteConfig timeout(Duration value) {
    return new TestGraphiteConfig(
        url, value, maxTargetsPerRequest, maxUrlLength, concurrency, username, password);
  }

  TestGraphiteConfig maxTargetsPerRequest(int value) {
    return new TestGraphiteConfig(
        url, timeout, value, maxUrlLength, concurrency, username, password);
  }

  TestGraphiteConfig maxUrlLength(int value) {
    return new TestGraphiteConfig(
        url, timeout, maxTargetsPerRequest, value, concurrency, username, password);
  }

  TestGraphiteConfig login(String user, String secret) {
    return new TestGraphiteConfig(
        url,
        timeout,
        maxTargetsPerRequest,
        maxUrlLength,
        concurrency,
        Optional.of(user),
        Optional.of(secret));
  }
}

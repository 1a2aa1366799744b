package io.opsroom.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseReachabilityTest {

  @Test
  void anUnreachableServerIsOneLineThatNamesTheUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/opsroom";

    Optional<String> problem = DatabaseReachability.problem(url, "opsroom", "secret");

    assertTrue(problem.isPresent());
    assertTrue(problem.get().contains(url), problem.get());
    assertTrue(problem.get().contains("Connection refused"), problem.get());
    assertEquals(1, problem.get().lines().count());
    assertTrue(!problem.get().contains("secret"), "the password is never printed");
  }

  @Test
  void anUnknownHostIsNamedAsSuch() {
    String url = "jdbc:postgresql://no-such-host.invalid:5432/opsroom";
    Optional<String> problem = DatabaseReachability.problem(url, "opsroom", null);
    assertTrue(problem.orElseThrow().contains("unknown host no-such-host.invalid"), problem.get());
  }

  @Test
  void aReachableServerIsNoProblem() {
    EmbeddedDatabase database = EmbeddedDatabase.startThrowaway();
    try {
      assertEquals(
          Optional.empty(),
          DatabaseReachability.problem(database.jdbcUrl(), database.username(), null));
    } finally {
      database.stop();
    }
  }
}

package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Outcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TcpProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static String reasonOf(Probe probe, Duration timeout) {
    try {
      Outcome outcome = probe.run(timeout);
      throw new AssertionError("expected a failure, got " + outcome);
    } catch (Exception e) {
      return FailureReasons.of(e);
    }
  }

  @Test
  void listeningPortShouldPass() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, LoopbackTargets.loopback())) {
      TcpProbe probe = TcpProbe.builder("127.0.0.1", server.getLocalPort()).build();
      assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
    }
  }

  @Test
  void closedPortShouldFailWithConnectionRefused() throws Exception {
    TcpProbe probe = TcpProbe.builder("127.0.0.1", LoopbackTargets.closedPort()).build();
    assertThat(reasonOf(probe, TIMEOUT)).isEqualTo("connection_refused");
  }

  @Test
  void unknownHostShouldFailWithDns() {
    TcpProbe probe = TcpProbe.builder("checkmetrics-test.invalid", 80).build();
    assertThat(reasonOf(probe, TIMEOUT)).isEqualTo("dns");
  }

  @Test
  void portWithAFullBacklogShouldFailWithTimeout() throws Exception {
    // A listener that never accepts: once its backlog is full, Linux drops further SYNs, so a
    // connection is never established and the connect times out.
    List<Socket> held = new ArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 1, LoopbackTargets.loopback())) {
      boolean full = false;
      for (int i = 0; i < 16 && !full; i++) {
        Socket socket = new Socket();
        try {
          socket.connect(server.getLocalSocketAddress(), 200);
          held.add(socket);
        } catch (SocketTimeoutException e) {
          socket.close();
          full = true;
        }
      }
      assertThat(full).as("backlog filled").isTrue();

      TcpProbe probe = TcpProbe.builder("127.0.0.1", server.getLocalPort()).build();
      assertThat(reasonOf(probe, Duration.ofMillis(200))).isEqualTo("timeout");
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void javadocUsageShouldBuild() throws IOException, Exception {
    try (ServerSocket server = new ServerSocket(0, 50, LoopbackTargets.loopback())) {
      Probe probe =
          TcpProbe.builder("127.0.0.1", server.getLocalPort())
              .degradedThreshold(Duration.ofSeconds(30))
              .build();
      assertThat(probe.run(TIMEOUT)).isEqualTo(Outcome.PASSED);
      assertThat(probe).hasToString("TcpProbe{127.0.0.1:" + server.getLocalPort() + "}");
    }
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        Arguments.of(
            (Consumer<TcpProbe.Builder>) b -> TcpProbe.builder("", 80),
            IllegalArgumentException.class,
            "host must not be empty: \"\""),
        Arguments.of(
            (Consumer<TcpProbe.Builder>) b -> TcpProbe.builder("db", 0),
            IllegalArgumentException.class,
            "port must be between 1 and 65535: 0"),
        Arguments.of(
            (Consumer<TcpProbe.Builder>) b -> TcpProbe.builder("db", 65536),
            IllegalArgumentException.class,
            "port must be between 1 and 65535: 65536"),
        Arguments.of(
            (Consumer<TcpProbe.Builder>) b -> TcpProbe.builder(null, 80),
            NullPointerException.class,
            "host"),
        Arguments.of(
            (Consumer<TcpProbe.Builder>) b -> b.degradedThreshold(Duration.ZERO),
            IllegalArgumentException.class,
            "degraded threshold must be positive: PT0S"),
        Arguments.of(
            (Consumer<TcpProbe.Builder>)
                b -> b.degradedThreshold(Duration.ofSeconds(1)).degradedThreshold(Duration.ofSeconds(1)),
            IllegalStateException.class,
            "degradedThreshold was already set to PT1S; cannot set it to PT1S"));
  }

  @ParameterizedTest
  @MethodSource("invalidOptions")
  void invalidOptionShouldThrow(
      Consumer<TcpProbe.Builder> option, Class<? extends Throwable> type, String message) {
    TcpProbe.Builder builder = TcpProbe.builder("127.0.0.1", 5432);
    assertThatThrownBy(() -> option.accept(builder)).isInstanceOf(type).hasMessage(message);
  }
}

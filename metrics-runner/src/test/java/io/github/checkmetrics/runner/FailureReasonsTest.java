package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Outcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailureReasonsTest {

  /** The shapes in which the JDK reports these failures (see HttpProbeTest for the real ones). */
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new ProbeException("queue_full", "depth 1001"), "queue_full"),
        Arguments.of(new HttpConnectTimeoutException("HTTP connect timed out"), "timeout"),
        Arguments.of(new SocketTimeoutException("Connect timed out"), "timeout"),
        Arguments.of(new ExecutionException(new TimeoutException()), "timeout"),
        Arguments.of(
            new ConnectException("x").initCause(new UnresolvedAddressException()), "dns"),
        Arguments.of(new UnknownHostException("db.invalid"), "dns"),
        Arguments.of(new SSLHandshakeException("no cipher suites in common"), "tls"),
        Arguments.of(new IOException("wrapped", new SSLHandshakeException("x")), "tls"),
        Arguments.of(new ConnectException("Connection refused"), "connection_refused"),
        Arguments.of(
            new CompletionException(new ConnectException("Connection refused")),
            "connection_refused"),
        Arguments.of(new IOException("message 1 of a million"), "IOException"),
        Arguments.of(new CompletionException(new IllegalStateException()), "IllegalStateException"),
        Arguments.of(new RuntimeException() {}, "io.github.checkmetrics.runner.FailureReasonsTest$1"),
        Arguments.of(new Überraschung(), "_berraschung"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failureShouldBeNamedFromTheFixedSet(Throwable failure, String reason) {
    assertThat(FailureReasons.of(failure)).isEqualTo(reason);
  }

  @Test
  void probeExceptionJavadocUsageShouldCarryItsReason() {
    int depth = 1001;
    Probe probe =
        timeout -> {
          if (depth > 1000) {
            throw new ProbeException("queue_full", "queue depth " + depth);
          }
          return Outcome.PASSED;
        };
    assertThatThrownBy(() -> probe.run(java.time.Duration.ofSeconds(1)))
        .isInstanceOf(ProbeException.class)
        .hasMessage("queue depth 1001")
        .extracting(e -> ((ProbeException) e).reason())
        .isEqualTo("queue_full");
  }

  @Test
  void probeExceptionWithUnboundedReasonShouldThrow() {
    assertThatThrownBy(() -> new ProbeException("Connection refused: 10.0.0.1", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "failure reason must match [a-z][a-z0-9_]{0,63}: \"Connection refused: 10.0.0.1\"");
    assertThatThrownBy(() -> new ProbeException(null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reason");
  }

  @Test
  void runnerHealthJavadocUsageShouldDescribeTheState() {
    RunnerHealth health = new RunnerHealth(true, 3, 2);
    String body =
        health.healthy()
            ? "OK"
            : health.checksWithResult() + " of " + health.checks() + " checks have run";
    assertThat(body).isEqualTo("2 of 3 checks have run");
    assertThat(new RunnerHealth(true, 0, 0).healthy()).isTrue();
    assertThat(new RunnerHealth(false, 0, 0).healthy()).isFalse();
  }

  /** An exception whose simple name is not a legal reason as it stands. */
  private static final class Überraschung extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}

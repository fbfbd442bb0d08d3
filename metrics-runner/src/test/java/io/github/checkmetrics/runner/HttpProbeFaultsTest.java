package io.github.checkmetrics.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Targets that answer something other than a good HTTP response: every run fails with a bounded
 * reason, and no connection stays open after the runs (counted on the target's side).
 */
class HttpProbeFaultsTest {

  private static final int RUNS = 10;
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  /** Generous: a loaded machine may take a while to deliver the client's FIN. */
  private static final long SETTLE_SECONDS = 15;

  static Stream<Arguments> hostileTargets() {
    byte[] garbage = new byte[10 << 20];
    new Random(42).nextBytes(garbage);
    return Stream.of(
        Arguments.of("ssh banner", ascii("SSH-2.0-OpenSSH_9.2p1\r\n"), null, "http", "protocol"),
        Arguments.of(
            "bad content length",
            ascii("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\nhello"),
            null,
            "http",
            "protocol"),
        Arguments.of("10 MB of garbage", garbage, null, "http", "protocol"),
        Arguments.of(
            "endless body",
            ascii("HTTP/1.1 200 OK\r\n\r\n"),
            ascii("x".repeat(16384)),
            "http",
            "body_too_large"),
        Arguments.of(
            "endless chunked body",
            ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"),
            ascii("4000\r\n" + "x".repeat(0x4000) + "\r\n"),
            "http",
            "body_too_large"),
        Arguments.of("silent", new byte[0], null, "http", "timeout"),
        Arguments.of("stalled TLS handshake", new byte[0], null, "https", "timeout"),
        Arguments.of(
            "plain HTTP on a TLS probe", ascii("HTTP/1.1 400 Bad\r\n\r\n"), null, "https", "tls"));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTargets")
  void probeShouldFailWithABoundedReasonAndLeaveNoConnectionOpen(
      String name, byte[] reply, byte[] filler, String scheme, String reason) throws Exception {
    try (HostileTarget target = new HostileTarget(reply, filler)) {
      HttpProbe probe =
          HttpProbe.builder(scheme + "://127.0.0.1:" + target.port() + "/health")
              .maxBodyBytes(64 * 1024)
              .bodyContains("UP")
              .build();
      for (int i = 0; i < RUNS; i++) {
        try {
          probe.run(TIMEOUT);
          throw new AssertionError(name + ": a run passed");
        } catch (Exception e) {
          assertThat(FailureReasons.of(e)).as(name + ": " + e).isEqualTo(reason);
        }
      }

      assertThat(target.acceptedConnections()).isGreaterThanOrEqualTo(1);
      assertThat(target.awaitNoneOpen(SETTLE_SECONDS)).as(name + ": connections left open").isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTargets")
  void runnerShouldRecordTheFailureAndLeaveNoConnectionOpen(
      String name, byte[] reply, byte[] filler, String scheme, String reason) throws Exception {
    BlockingQueue<CheckResult> results = new LinkedBlockingQueue<>();
    CheckMetrics metrics = CheckMetrics.builder().registry(new PrometheusRegistry()).build();
    try (HostileTarget target = new HostileTarget(reply, filler)) {
      try (CheckRunner runner = CheckRunner.builder(metrics).onResult(results::add).build()) {
        runner.add(
            Check.builder("hostile").build(),
            HttpProbe.builder(scheme + "://127.0.0.1:" + target.port() + "/")
                .maxBodyBytes(64 * 1024)
                .build(),
            Duration.ofMillis(1600),
            Duration.ofMillis(1500));
        runner.start();
        for (int i = 0; i < 3; i++) {
          CheckResult result = results.poll(20, TimeUnit.SECONDS);
          assertThat(result).as(name + ": result " + i).isNotNull();
          assertThat(result.failureReason()).as(name).hasValue(reason);
        }
      }
      assertThat(target.awaitNoneOpen(SETTLE_SECONDS)).as(name + ": connections left open").isZero();
    }
  }
}

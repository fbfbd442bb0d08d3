package io.github.checkmetrics.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.runner.CheckRunner;
import io.github.checkmetrics.runner.ProbeException;
import io.github.checkmetrics.runner.ScheduledCheck;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/** A health indicator as a check run: status to outcome and reason, and what a runner records. */
class HealthIndicatorProbeTest {

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(Map.of(), Status.UP, Outcome.PASSED, null),
        Arguments.of(Map.of(), Status.UNKNOWN, Outcome.DEGRADED, null),
        Arguments.of(Map.of(), Status.DOWN, Outcome.FAILED, "down"),
        Arguments.of(Map.of(), Status.OUT_OF_SERVICE, Outcome.FAILED, "out_of_service"),
        Arguments.of(Map.of(), new Status("FLAKY ONE"), Outcome.FAILED, "flaky_one"),
        Arguments.of(Map.of("UNKNOWN", Outcome.FAILED), Status.UNKNOWN, Outcome.FAILED, "unknown"),
        // Spring's map binding drops the "_" of an unbracketed key: both spellings are one code
        Arguments.of(
            Map.of("outofservice", Outcome.DEGRADED), Status.OUT_OF_SERVICE, Outcome.DEGRADED, null),
        Arguments.of(Map.of("flaky", Outcome.DEGRADED), new Status("FLAKY"), Outcome.DEGRADED, null));
  }

  @ParameterizedTest(name = "{1} with {0}")
  @MethodSource("statuses")
  void statusShouldBecomeItsOutcome(
      Map<String, Outcome> configured, Status status, Outcome outcome, String reason)
      throws Exception {
    HealthIndicatorProbe probe =
        new HealthIndicatorProbe(
            () -> Health.status(status).build(),
            new HealthIndicatorProbe.StatusOutcomes(configured));

    if (reason == null) {
      assertThat(probe.run(Duration.ofSeconds(1))).isEqualTo(outcome);
    } else {
      assertThatThrownBy(() -> probe.run(Duration.ofSeconds(1)))
          .isInstanceOfSatisfying(
              ProbeException.class, e -> assertThat(e.reason()).isEqualTo(reason))
          .hasMessage("health status " + status.getCode());
    }
  }

  @Test
  void throwingAndHangingIndicatorsShouldBeRecordedAsFailedWithoutBlockingTheOthers()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HealthIndicator throwing =
        () -> {
          throw new IllegalStateException("pool exhausted: jdbc:postgresql://db/orders");
        };
    HealthIndicator hanging =
        () -> {
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Health.up().build();
        };
    HealthIndicator healthy = () -> Health.up().build();
    Map<String, List<CheckResult>> results = new ConcurrentHashMap<>();
    CheckMetrics metrics = CheckMetrics.builder().registry(new PrometheusRegistry()).build();
    try (CheckRunner runner =
        CheckRunner.builder(metrics)
            .threads(2)
            .onResult(
                r -> results.computeIfAbsent(r.checkId(), id -> new CopyOnWriteArrayList<>()).add(r))
            .build()) {
      add(runner, "throwing", throwing);
      add(runner, "hanging", hanging);
      add(runner, "healthy", healthy);
      runner.start();

      Scrapes.await(
          "every check recorded, healthy at least 3 times",
          () ->
              results.containsKey("throwing")
                  && results.containsKey("hanging")
                  && results.getOrDefault("healthy", List.of()).size() >= 3);
    } finally {
      release.countDown();
      metrics.close();
    }
    CheckResult thrown = results.get("throwing").get(0);
    assertThat(thrown.outcome()).isEqualTo(Outcome.FAILED);
    // the class name only: the message (which may hold a URL or a secret) stays out
    assertThat(thrown.failureReason()).hasValue("IllegalStateException");
    CheckResult hung = results.get("hanging").get(0);
    assertThat(hung.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(hung.failureReason()).hasValue("timeout");
    assertThat(results.get("healthy")).allMatch(r -> r.outcome() == Outcome.PASSED);
  }

  private static void add(CheckRunner runner, String id, HealthIndicator indicator) {
    runner.add(
        ScheduledCheck.builder(
                Check.builder(id).type("health").build(),
                new HealthIndicatorProbe(indicator, new HealthIndicatorProbe.StatusOutcomes(null)))
            .interval(Duration.ofMillis(500))
            .timeout(Duration.ofMillis(300))
            .build());
  }
}

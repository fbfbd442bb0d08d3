package io.github.checkmetrics.testkit;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;

/**
 * Registries of check metrics that tests scrape: the fixture of the contract suites and of the
 * handler's own tests, so that both look at the same series.
 */
public final class CheckRegistries {

  private CheckRegistries() {}

  /**
   * A registry with the check metrics of two checks: {@code db} passing in two regions, {@code api}
   * failing in one; four results in all.
   *
   * @return a new registry, not shared with any other caller
   */
  public static PrometheusRegistry checkRegistry() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("db").name("Orders database").type("tcp").tags("prod").build());
    metrics.register(Check.builder("api").name("Public API").type("http").build());
    Instant finished = Instant.parse("2026-11-20T12:00:00Z");
    metrics.record(result("db", "eu-west-1", Outcome.PASSED, 12, finished));
    metrics.record(result("db", "us-east-1", Outcome.PASSED, 40, finished));
    metrics.record(result("db", "us-east-1", Outcome.DEGRADED, 900, finished));
    metrics.record(result("api", "eu-west-1", Outcome.FAILED, 5000, finished));
    return registry;
  }

  private static CheckResult result(
      String checkId, String region, Outcome outcome, long millis, Instant finishedAt) {
    return CheckResult.builder(checkId, region)
        .outcome(outcome)
        .duration(Duration.ofMillis(millis))
        .finishedAt(finishedAt)
        .build();
  }
}

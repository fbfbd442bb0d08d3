package io.github.checkmetrics.exposition;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;

/** The check results behind the sample exposition of each seed system, in a registry each. */
final class SeedScenarios {

  private SeedScenarios() {}

  private static CheckResult passed(String checkId, String region, Duration duration) {
    return CheckResult.builder(checkId, region)
        .outcome(Outcome.PASSED)
        .duration(duration)
        .finishedAt(GoldenScenarios.FINISHED)
        .build();
  }

  /** Seed 000: two Checkly checks, one in five regions, with their last response times. */
  static PrometheusRegistry checkly() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).schema(CheckSchema.CHECKLY).build();
    metrics.register(
        Check.builder("alerts-fetch")
            .name("Alerts fetch")
            .type("api")
            .tags("public", "alerts")
            .build());
    metrics.register(
        Check.builder("email-login")
            .name("Email login")
            .type("browser")
            .tags("auth", "browser-checks", "public")
            .build());
    metrics.record(passed("alerts-fetch", "ap-northeast-2", Duration.ofMillis(1168)));
    metrics.record(passed("alerts-fetch", "ap-southeast-1", Duration.ofMillis(932)));
    metrics.record(passed("alerts-fetch", "ca-central-1", Duration.ofMillis(424)));
    metrics.record(passed("alerts-fetch", "eu-west-2", Duration.ofMillis(138)));
    metrics.record(passed("alerts-fetch", "us-east-2", Duration.ofMillis(432)));
    metrics.record(passed("email-login", "ap-south-1", Duration.ofMillis(10174)));
    return registry;
  }

  /**
   * Seed 001: one Appclacks health check run three times in zone fr-par-1, each run between 50
   * and 100 ms (62.5 ms, exact in binary, so that the sum reads 0.1875).
   */
  static PrometheusRegistry appclacks() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).schema(CheckSchema.APPCLACKS).build();
    String id = "cc145703-af98-4c0b-96da-8e06dc934fc7";
    metrics.register(Check.builder(id).name("mcorbin-blog").build());
    for (int run = 0; run < 3; run++) {
      metrics.record(passed(id, "fr-par-1", Duration.ofMillis(62).plusNanos(500_000)));
    }
    return registry;
  }
}

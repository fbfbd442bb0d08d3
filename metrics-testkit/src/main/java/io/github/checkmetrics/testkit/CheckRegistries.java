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
    fill(CheckMetrics.builder().registry(registry).build(), null);
    return registry;
  }

  /**
   * A check platform's registry: the checks of {@link #checkRegistry()} as tenant {@code
   * tenant}'s, the same check ids and names with other results as another tenant's ({@code
   * other-tenant}) and as the platform's own (checks of no tenant).
   *
   * @param tenant the tenant whose view equals {@link #checkRegistry()}'s check series
   * @return the platform's check metrics, in a new registry of their own
   */
  public static CheckMetrics tenantPlatform(String tenant) {
    CheckMetrics platform = CheckMetrics.builder().registry(new PrometheusRegistry()).build();
    fill(platform, tenant);
    for (String other : new String[] {"other-tenant", null}) {
      Check.Builder db = Check.builder("db").name("Orders database").type("tcp");
      Check.Builder api = Check.builder("api").name("Public API").type("http");
      platform.register((other == null ? db : db.tenant(other)).build());
      platform.register((other == null ? api : api.tenant(other)).build());
      Instant finished = Instant.parse("2026-11-21T12:00:00Z");
      platform.record(result(other, "db", "ap-south-1", Outcome.FAILED, 7, finished));
      platform.record(result(other, "api", "us-east-1", Outcome.PASSED, 3, finished));
    }
    return platform;
  }

  /** Registers the two checks and records the four results, as checks of {@code tenant}. */
  private static void fill(CheckMetrics metrics, String tenant) {
    Check.Builder db = Check.builder("db").name("Orders database").type("tcp").tags("prod");
    Check.Builder api = Check.builder("api").name("Public API").type("http");
    metrics.register((tenant == null ? db : db.tenant(tenant)).build());
    metrics.register((tenant == null ? api : api.tenant(tenant)).build());
    Instant finished = Instant.parse("2026-11-20T12:00:00Z");
    metrics.record(result(tenant, "db", "eu-west-1", Outcome.PASSED, 12, finished));
    metrics.record(result(tenant, "db", "us-east-1", Outcome.PASSED, 40, finished));
    metrics.record(result(tenant, "db", "us-east-1", Outcome.DEGRADED, 900, finished));
    metrics.record(result(tenant, "api", "eu-west-1", Outcome.FAILED, 5000, finished));
  }

  private static CheckResult result(
      String tenant,
      String checkId,
      String region,
      Outcome outcome,
      long millis,
      Instant finishedAt) {
    CheckResult.Builder result =
        CheckResult.builder(checkId, region)
            .outcome(outcome)
            .duration(Duration.ofMillis(millis))
            .finishedAt(finishedAt);
    return (tenant == null ? result : result.tenant(tenant)).build();
  }
}

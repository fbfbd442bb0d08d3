package io.github.checkmetrics.exposition;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckLabel;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;

/** The check scenarios of the golden exposition tests, each in a registry of its own. */
final class GoldenScenarios {

  static final Instant FINISHED = Instant.parse("2026-11-20T10:00:00Z");

  private GoldenScenarios() {}

  static CheckResult result(String checkId, String region, Outcome outcome, long millis) {
    return CheckResult.builder(checkId, region)
        .outcome(outcome)
        .duration(Duration.ofMillis(millis))
        .finishedAt(FINISHED)
        .build();
  }

  static PrometheusRegistry passing() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("home").name("Home page").type("api").build());
    metrics.record(result("home", "eu-west-1", Outcome.PASSED, 120));
    return registry;
  }

  static PrometheusRegistry failingInTwoRegions() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("login").name("Email login").type("browser").build());
    metrics.record(result("login", "eu-west-1", Outcome.FAILED, 3000));
    metrics.record(result("login", "us-east-1", Outcome.FAILED, 40));
    return registry;
  }

  /**
   * Checkly's v2 profile, on the checks of seed 000 (Checkly's v1 sample), one of them in a group
   * and degraded in one location.
   */
  static PrometheusRegistry checklyV2() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).schema(CheckSchema.CHECKLY_V2).build();
    metrics.register(
        Check.builder("a1b2c3").name("Alerts fetch").type("api").tags("alerts", "public").build());
    metrics.register(
        Check.builder("d4e5f6").name("Email login").type("browser")
            .tags("auth", "browser-checks", "public", "group:login-flows").build());
    metrics.record(result("a1b2c3", "eu-west-2", Outcome.PASSED, 138));
    metrics.record(result("a1b2c3", "us-east-2", Outcome.PASSED, 432));
    metrics.record(result("d4e5f6", "ap-south-1", Outcome.DEGRADED, 10174));
    return registry;
  }

  /**
   * The default schema with tag labels, no joined tags label, the per-region status family and a
   * failure with its reason in one region.
   */
  static PrometheusRegistry tagLabelsAndRegionStatus() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckSchema schema =
        CheckSchema.DEFAULT.toBuilder()
            .tagLabels("team", "env")
            .withoutJoinedTags()
            .regionStatus("region_status", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME,
                CheckLabel.REGION)
            .build();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).schema(schema).build();
    metrics.register(
        Check.builder("checkout").name("Checkout API").type("api")
            .tags("team:payments", "env:prod", "critical").build());
    metrics.record(result("checkout", "us-east-1", Outcome.PASSED, 95));
    metrics.record(
        CheckResult.builder("checkout", "eu-west-1")
            .outcome(Outcome.FAILED)
            .duration(Duration.ofMillis(5000))
            .finishedAt(FINISHED)
            .failureReason("timeout")
            .build());
    return registry;
  }

  static PrometheusRegistry degraded() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("search").name("Search").type("api").build());
    metrics.record(result("search", "eu-west-1", Outcome.DEGRADED, 800));
    return registry;
  }

  static PrometheusRegistry tagged() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(
        Check.builder("alerts").name("Alerts fetch").type("api").tags("public", "alerts").build());
    metrics.record(result("alerts", "eu-west-2", Outcome.PASSED, 138));
    return registry;
  }

  static PrometheusRegistry awkwardLabelValues() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(
        Check.builder("odd")
            .name("Say \"hi\" C:\\temp\nZürich 東京")
            .type("api")
            .tags("a\"b", "c\\d", "é")
            .build());
    metrics.record(result("odd", "São Paulo", Outcome.PASSED, 5));
    return registry;
  }

  /** A check updated to muted after a result, and a second check removed after a result. */
  static PrometheusRegistry updatedAndRemoved() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    Check db = Check.builder("db").name("Database").type("tcp").build();
    metrics.register(db);
    metrics.register(Check.builder("old").name("Old check").type("api").build());
    metrics.record(result("db", "local", Outcome.PASSED, 2));
    metrics.record(result("old", "local", Outcome.FAILED, 2));
    metrics.update(db.toBuilder().muted(true).build());
    metrics.remove("old");
    return registry;
  }
}

package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantViewTest {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final CheckMetrics checks = CheckMetrics.builder().registry(registry).build();

  TenantViewTest() {
    Counter.builder().name("platform_requests").help("r").register(registry).inc();
    Counter.builder().name("platform_logins").help("l").register(registry).inc();
    for (String tenant : List.of("acme", "globex")) {
      checks.register(Check.builder("db").tenant(tenant).build());
      checks.record(
          CheckResult.builder("db", "eu")
              .tenant(tenant)
              .outcome(Outcome.PASSED)
              .duration(Duration.ofMillis(1))
              .build());
    }
    checks.register(Check.builder("db").build()); // the platform's own, same id
    checks.record(
        CheckResult.builder("db", "eu").outcome(Outcome.FAILED).duration(Duration.ZERO).build());
  }

  @Test
  void viewShouldHoldTheTenantsFamiliesAndTheSharedOnesWithConstantLabels() {
    ExpositionWriter writer =
        ExpositionWriter.builder().registry(registry).constantLabel("platform", "p1").build();
    TenantView view = new TenantView(checks, writer, Set.of("platform_requests"));

    MetricSnapshots snapshots = view.collect("acme", null);

    assertThat(names(snapshots))
        .contains("check_status", "platform_requests")
        .doesNotContain("platform_logins", "check_registrations_rejected");
    for (MetricSnapshot snapshot : snapshots) {
      snapshot
          .getDataPoints()
          .forEach(
              point -> {
                assertThat(point.getLabels().get("platform")).isEqualTo("p1");
                assertThat(point.getLabels().contains("tenant")).isFalse();
              });
    }
    assertThat(names(view.collect("acme", "platform_requests"::equals)))
        .containsExactly("platform_requests");
    assertThat(names(view.collect("acme", "check_status"::equals)))
        .containsExactly("check_status");
  }

  @Test
  void checkFamilyShouldNotBeShared() {
    ExpositionWriter writer = ExpositionWriter.builder().registry(registry).build();

    assertThatThrownBy(() -> new TenantView(checks, writer, Set.of("check_status")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenant shared family must not be a family of the checks: \"check_status\"");
  }

  private static List<String> names(MetricSnapshots snapshots) {
    return snapshots.stream().map(s -> s.getMetadata().getPrometheusName()).toList();
  }
}

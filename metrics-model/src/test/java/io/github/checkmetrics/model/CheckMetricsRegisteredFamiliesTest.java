package io.github.checkmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link CheckMetrics#registeredFamilies(PrometheusRegistry)}: families before their series. */
class CheckMetricsRegisteredFamiliesTest {

  private final PrometheusRegistry registry = new PrometheusRegistry();

  @Test
  void familiesShouldBeListedWithTheirLabelNamesBeforeAnySeries() {
    CheckMetrics.builder()
        .registry(registry)
        .schema(CheckSchema.DEFAULT.toBuilder().layers("status", "runs").build())
        .build();

    assertThat(labelNames(registry))
        .containsOnly(
            Map.entry(
                "check_status",
                Set.of("check_id", "check_name", "check_type", "muted", "activated", "tags")),
            Map.entry("check_degraded", Set.of("check_id", "check_name", "check_type")),
            Map.entry(
                "check_failure_reason", Set.of("check_id", "check_name", "region", "reason")),
            Map.entry("check_runs", Set.of("check_id", "check_name", "region", "status")),
            Map.entry("check_series_rejected", Set.of()),
            Map.entry("check_registrations_rejected", Set.of("limit")));
  }

  @Test
  void everyOpenCheckMetricsOfTheRegistryShouldBeListedAndOnlyThose() {
    CheckMetrics checks =
        CheckMetrics.builder()
            .registry(registry)
            .schema(CheckSchema.DEFAULT.toBuilder().layers("runs").build())
            .build();
    CheckMetrics appclacks =
        CheckMetrics.builder().registry(registry).schema(CheckSchema.APPCLACKS).build();
    CheckMetrics.builder().registry(new PrometheusRegistry()).build();

    assertThat(labelNames(registry))
        .containsOnlyKeys(
            "check_runs",
            "check_series_rejected",
            "check_registrations_rejected",
            "healthcheck_duration_seconds",
            "healthcheck",
            "healthcheck_series_rejected",
            "healthcheck_registrations_rejected")
        .containsEntry("healthcheck", Set.of("id", "name", "status", "zone"));

    checks.close();
    checks.close();
    assertThat(labelNames(registry)).doesNotContainKey("check_runs");
    appclacks.close();
    assertThat(CheckMetrics.registeredFamilies(registry)).isEmpty();
  }

  @Test
  void nullRegistryShouldThrow() {
    assertThatThrownBy(() -> CheckMetrics.registeredFamilies(null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("registry");
  }

  private static Map<String, Set<String>> labelNames(PrometheusRegistry registry) {
    Map<String, Set<String>> families = new LinkedHashMap<>();
    for (MetricFamilyDescriptor family : CheckMetrics.registeredFamilies(registry)) {
      families.put(family.getPrometheusName(), family.getLabelNames());
    }
    return families;
  }
}

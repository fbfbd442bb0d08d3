package io.github.checkmetrics.assertj;

import static io.github.checkmetrics.assertj.ExpositionAssertions.*;
import static io.prometheus.metrics.model.registry.MetricType.GAUGE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The twin of the "Testing your metrics" README section (in README.md). */
class ReadmeSectionExampleTest {

  private static PrometheusRegistry registry() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("orders-db").name("Orders database").type("tcp").build());
    for (long millis : new long[] {40, 120, 900}) {
      metrics.record(CheckResult.builder("orders-db", "eu-west-1")
          .outcome(Outcome.PASSED).duration(Duration.ofMillis(millis)).build());
    }
    return registry;
  }

  @Test
  void exposesTheRunsOfEveryCheck() {
    PrometheusRegistry registry = registry();

    assertThat(registry)
        .hasFamily("check_status").ofType(GAUGE).and()
        .hasSample("check_status", labels("check_id", "orders-db"), 1.0)
        .hasCounter("check_runs_total", labels("check_id", "orders-db", "status", "success")).withValue(3).and()
        .hasHistogram("check_duration_seconds", labels("check_id", "orders-db"))
            .withCount(3).withSum(1.06, within(1e-9)).withBucket(0.5, 2);
  }

  @Test
  void theFailureShownInTheReadmeShouldBeTheRealOne() {
    assertThatThrownBy(() -> assertThat(registry())
            .hasSample("check_status", labels("check_id", "orders"), 1.0))
        .hasMessage("""
            Expecting exposition to have a sample:
              check_status{check_id="orders", ...} 1.0
            but no series of check_status has labels {check_id="orders", ...}; the nearest series are:
              check_status{activated="true",check_id="orders-db",check_name="Orders database",check_type="tcp",muted="false",tags=""} 1.0  (line 48)""");
  }

  @Test
  void textShouldBeCheckedStrictly() {
    assertThatThrownBy(() -> ExpositionAssertions.assertThat("check_status{check_id=\"db\" 1\n").isValidExposition())
        .hasMessage("Expecting a valid Prometheus text exposition but parsing failed at line 1: "
            + "expected \",\" or \"}\" after the value of label \"check_id\", found \"1\"");
  }
}

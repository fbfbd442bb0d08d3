package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The twin of the README's first code block: it must compile and do what the README says. */
class ReadmeExampleTest {

  @Test
  void readmeSnippetShouldWriteTheCheckFamilies() throws IOException {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
    PrometheusRegistry registry = new PrometheusRegistry();

    // --- README snippet (System.out replaced by `out`) ---
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("orders-db").name("Orders database").type("tcp").build());
    metrics.record(
        CheckResult.builder("orders-db", "eu-west-1")
            .outcome(Outcome.PASSED)
            .duration(Duration.ofMillis(42))
            .build());
    ExpositionWriter.of(registry).write(out, ExpositionFormat.PROMETHEUS_TEXT);
    // --- end of snippet ---

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains(
            "check_status{activated=\"true\",check_id=\"orders-db\",check_name=\"Orders database\","
                + "check_type=\"tcp\",muted=\"false\",tags=\"\"} 1.0")
        .contains(
            "check_runs_total{check_id=\"orders-db\",check_name=\"Orders database\","
                + "region=\"eu-west-1\",status=\"success\"} 1.0");
  }
}

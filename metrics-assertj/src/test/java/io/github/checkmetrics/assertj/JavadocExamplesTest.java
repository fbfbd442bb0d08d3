package io.github.checkmetrics.assertj;

import static io.github.checkmetrics.assertj.ExpositionAssertions.*;
import static io.prometheus.metrics.model.registry.MetricType.GAUGE;
import static io.prometheus.metrics.model.registry.MetricType.HISTOGRAM;
import static org.assertj.core.api.Assertions.within;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The twins of the javadoc usage blocks: each block's lines run here as written. */
class JavadocExamplesTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final String text;
  private final String body;
  private final Exposition exposition;

  JavadocExamplesTest() {
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("db").name("Orders database").type("tcp").build());
    for (long millis : new long[] {0, 40, 560}) {
      metrics.record(CheckResult.builder("db", "eu-west-1")
          .outcome(Outcome.PASSED)
          .duration(Duration.ofMillis(millis))
          .build());
    }
    text = ExpositionWriter.of(registry).toString(ExpositionFormat.OPENMETRICS);
    body = text;
    exposition = Exposition.parse(text);
  }

  @Test
  void expositionAssertions() {
    ExpositionAssertions.assertThat(registry)
        .hasSample("check_status", labels("check_id", "db"), 1.0)
        .hasCounter("check_runs_total", labels("check_id", "db", "status", "success")).withValue(3).and()
        .hasHistogram("check_duration_seconds", labels("check_id", "db")).withSum(0.6, within(1e-9));
  }

  @Test
  void expositionAssert() {
    assertThat(registry)
        .hasFamily("check_status").ofType(GAUGE).and()
        .hasSample("check_status", labels("check_id", "db"), 1.0)
        .doesNotHaveSeries("check_status", labels("check_id", "removed"));
  }

  @Test
  void histogramAssert() {
    assertThat(registry)
        .hasHistogram("check_duration_seconds", labels("check_id", "db"))
        .withCount(3)
        .withSum(0.6, within(1e-9))
        .withBucket(0.5, 2);
  }

  @Test
  void valueMatcher() {
    assertThat(registry)
        .hasHistogram("check_duration_seconds", labels("check_id", "db"))
        .withSum(0.6, within(1e-9));
  }

  @Test
  void seriesAssert() {
    assertThat(registry)
        .hasCounter("check_runs_total", labels("check_id", "db", "status", "success"))
        .withValue(3).and()
        .hasHistogram("check_duration_seconds", labels("check_id", "db"))
        .withCount(3)
        .withSum(0.6, within(1e-9))
        .withBucket(0.5, 2);
  }

  @Test
  void extractingValues() {
    double runs = assertThat(text).extractingValues("check_runs_total")
        .isNotEmpty().actual().stream().mapToDouble(Double::doubleValue).sum();

    Assertions.assertThat(runs).isEqualTo(3.0);
  }

  @Test
  void metricFamilyAssert() {
    assertThat(registry)
        .hasFamily("check_duration_seconds")
        .ofType(HISTOGRAM)
        .withUnit("seconds")
        .withSeriesCount(1);
  }

  @Test
  void metricType() {
    assertThat(text).hasFamily("check_status").ofType(io.prometheus.metrics.model.registry.MetricType.GAUGE);
  }

  @Test
  void labelMatcher() {
    assertThat(text).hasSample("check_status", labels("check_id", "db"), 1.0);
    assertThat(text).matchingLabelsExactly()
        .doesNotHaveSeries("check_status", labels("check_id", "db"));
  }

  @Test
  void expositionModel() {
    Exposition exposition = Exposition.parse(body);
    double up = exposition.family("check_status").orElseThrow().samples().get(0).value();

    Assertions.assertThat(up).isEqualTo(1.0);
  }

  @Test
  void metricFamily() {
    MetricFamily status = Exposition.parse(text).family("check_status").orElseThrow();
    status.type();    // GAUGE
    status.samples(); // one per check

    Assertions.assertThat(status.type()).isEqualTo(FamilyType.GAUGE);
    Assertions.assertThat(status.samples()).hasSize(1);
  }

  @Test
  void sample() {
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = System.out;
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      for (Sample s : Exposition.parse(text).samples("check_status")) {
        System.out.println(s.labels().get("check_id") + " " + s.value());
      }
    } finally {
      System.setOut(out);
    }

    Assertions.assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("Optional[db] 1.0" + System.lineSeparator());
  }

  @Test
  void exemplar() {
    Sample bucket = exposition.samples("check_duration_seconds_bucket").get(0);
    Optional<Optional<String>> traceId = bucket.exemplar().map(e -> e.labels().get("trace_id"));

    Assertions.assertThat(traceId).isEmpty(); // no tracer, no exemplars
  }

  @Test
  void labelSet() {
    LabelSet labels = LabelSet.of("check_id", "db", "region", "eu-west");
    labels.get("region"); // Optional[eu-west]

    Assertions.assertThat(labels.get("region")).contains("eu-west");
  }

  @Test
  void expositionParseException() {
    int reported = 0;
    try {
      Exposition.parse("check_status{check_id=\"db\"} abc\n");
    } catch (ExpositionParseException e) {
      int line = e.lineNumber(); // 1
      reported = line;
    }

    Assertions.assertThat(reported).isEqualTo(1);
  }
}

package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.testkit.Promtool;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The duration histogram as classic + native when the schema asks ({@code
 * nativeHistogram(true)}): protobuf carries both bucket kinds, the text formats stay classic and
 * pass {@code promtool check metrics}; without the option, protobuf carries classic buckets only.
 */
class NativeHistogramTest {

  private static PrometheusRegistry recorded(CheckSchema schema) {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).schema(schema).build();
    metrics.register(Check.builder("db").build());
    for (long millis : new long[] {3, 12, 12, 40, 250, 900, 4_000}) {
      metrics.record(GoldenScenarios.result("db", "eu-west-1", Outcome.PASSED, millis));
    }
    return registry;
  }

  private static Metrics.Histogram durationOverProtobuf(PrometheusRegistry registry)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExpositionWriter.of(registry).write(out, ExpositionFormat.PROTOBUF);
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    Metrics.MetricFamily family;
    while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
      if (family.getName().equals("check_duration_seconds")) {
        return family.getMetric(0).getHistogram();
      }
    }
    throw new AssertionError("no check_duration_seconds in the protobuf scrape");
  }

  @Test
  void nativeHistogramShouldCarryClassicAndNativeBucketsOverProtobuf() throws IOException {
    Metrics.Histogram histogram =
        durationOverProtobuf(
            recorded(CheckSchema.DEFAULT.toBuilder().nativeHistogram(true).build()));

    assertThat(histogram.getSampleCount()).isEqualTo(7);
    // Classic: the 16 default bounds and +Inf.
    assertThat(histogram.getBucketCount()).isEqualTo(17);
    // Native: a schema, spans and deltas whose counts add up to every observation.
    assertThat(histogram.getPositiveSpanCount()).isPositive();
    long count = histogram.getZeroCount();
    long bucket = 0;
    for (long delta : histogram.getPositiveDeltaList()) {
      bucket += delta;
      count += bucket;
    }
    assertThat(count).isEqualTo(7);
  }

  @Test
  void classicHistogramShouldCarryNoNativeBuckets() throws IOException {
    Metrics.Histogram histogram = durationOverProtobuf(recorded(CheckSchema.DEFAULT));

    assertThat(histogram.getBucketCount()).isEqualTo(17);
    assertThat(histogram.getPositiveSpanCount()).isZero();
  }

  @Test
  void textOfANativeHistogramShouldStayClassicAndPassPromtool() throws Exception {
    PrometheusRegistry nativeToo =
        recorded(CheckSchema.DEFAULT.toBuilder().nativeHistogram(true).build());
    String text = ExpositionWriter.of(nativeToo).toString(ExpositionFormat.PROMETHEUS_TEXT);

    assertThat(text)
        .isEqualTo(ExpositionWriter.of(recorded(CheckSchema.DEFAULT))
            .toString(ExpositionFormat.PROMETHEUS_TEXT));
    assertThat(Promtool.checkMetrics(text)).isEmpty();
  }
}

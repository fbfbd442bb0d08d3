package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.StateSet;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_36_2.Metrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpositionWriterTest {

  @Test
  void contentTypesShouldBeThoseOfEachFormat() {
    assertThat(ExpositionFormat.PROMETHEUS_TEXT.contentType())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(ExpositionFormat.OPENMETRICS.contentType())
        .isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(ExpositionFormat.PROTOBUF.contentType())
        .isEqualTo(
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
                + " encoding=delimited");
    assertThat(ExpositionFormat.fromQueryValue("openmetrics")).contains(ExpositionFormat.OPENMETRICS);
    assertThat(ExpositionFormat.fromQueryValue("OpenMetrics")).isEmpty();
  }

  @Test
  void constantLabelsShouldBeAddedToEverySeriesOfEveryType() {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter.builder().name("requests").help("r").labelNames("path").register(registry)
        .labelValues("/a").inc();
    Summary.builder().name("latency_seconds").help("l").register(registry).observe(0.5);
    Info.builder().name("build_info").help("b").labelNames("version").register(registry)
        .setLabelValues("1.0");
    StateSet.builder().name("feature").help("f").states("on").register(registry).setTrue("on");
    ExpositionWriter writer =
        ExpositionWriter.builder()
            .registry(registry)
            .constantLabels(Map.of("type", "gateway"))
            .constantLabel("ip", "192.168.3.23")
            .build();

    String text = writer.toString(ExpositionFormat.PROMETHEUS_TEXT);

    assertThat(text)
        .contains("requests_total{ip=\"192.168.3.23\",path=\"/a\",type=\"gateway\"} 1.0")
        .contains("latency_seconds_count{ip=\"192.168.3.23\",type=\"gateway\"} 1")
        .contains("build_info{ip=\"192.168.3.23\",type=\"gateway\",version=\"1.0\"} 1")
        .contains("feature{ip=\"192.168.3.23\",type=\"gateway\",feature=\"on\"} 1");
    long sampleLines = text.lines().filter(l -> !l.startsWith("#")).count();
    long labelled = text.lines().filter(l -> l.contains("type=\"gateway\"")).count();
    assertThat(labelled).isEqualTo(sampleLines);
  }

  @Test
  void constantLabelCollidingWithAFamilyLabelShouldFailTheScrape() {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter requests = Counter.builder().name("requests").labelNames("region").register(registry);
    // Without series at build time the clash is not known yet (ConstantLabelClashTest).
    ExpositionWriter writer =
        ExpositionWriter.builder().registry(registry).constantLabel("region", "us").build();
    requests.labelValues("eu").inc();

    assertThatThrownBy(() -> writer.toString(ExpositionFormat.OPENMETRICS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("constant label region collides with a label of metric family requests");
  }

  @Test
  void familyFilterShouldAcceptFamilyAndSampleNames() {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter.builder().name("a").register(registry).inc();
    Counter.builder().name("b").register(registry).inc();
    Counter.builder().name("c").register(registry).inc();
    ExpositionWriter writer = ExpositionWriter.of(registry);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try {
      writer.write(out, ExpositionFormat.PROMETHEUS_TEXT,
          ExpositionWriter.familyNames(List.of("a_total", "c")));
    } catch (IOException e) {
      throw new AssertionError(e);
    }

    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("a_total 1.0")
        .contains("c_total 1.0")
        .doesNotContain("b_total");
  }

  @Test
  void textTimestampsShouldBeInMilliseconds() {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        (Collector)
            () ->
                GaugeSnapshot.builder()
                    .name("stamped")
                    .dataPoint(
                        GaugeDataPointSnapshot.builder()
                            .value(1)
                            .scrapeTimestampMillis(1_700_000_000_123L)
                            .build())
                    .build());

    assertThat(ExpositionWriter.of(registry).toString(ExpositionFormat.PROMETHEUS_TEXT))
        .contains("stamped 1.0 1700000000123\n");
  }

  @Test
  void protobufShouldDecodeBackToTheSameFamilies() throws IOException {
    PrometheusRegistry registry = GoldenScenarios.failingInTwoRegions();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ExpositionWriter.builder().registry(registry).constantLabel("env", "test").build()
        .write(out, ExpositionFormat.PROTOBUF);

    List<Metrics.MetricFamily> families = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    Metrics.MetricFamily family;
    while ((family = Metrics.MetricFamily.parseDelimitedFrom(in)) != null) {
      families.add(family);
    }
    assertThat(families)
        .extracting(Metrics.MetricFamily::getName)
        .containsExactly(
            "check_degraded", "check_duration_seconds", "check_failure_reason",
            "check_last_duration_seconds", "check_last_run_timestamp_seconds",
            "check_registrations_rejected_total", "check_runs_total",
            "check_series_rejected_total", "check_status");
    Metrics.MetricFamily status = families.get(8);
    assertThat(status.getMetric(0).getGauge().getValue()).isEqualTo(0.0);
    assertThat(status.getMetric(0).getLabelList())
        .extracting(Metrics.LabelPair::getName)
        .contains("env", "check_id");
  }

  @Test
  void toStringOfProtobufShouldThrow() {
    ExpositionWriter writer = ExpositionWriter.of(new PrometheusRegistry());
    assertThatThrownBy(() -> writer.toString(ExpositionFormat.PROTOBUF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("format must be a text format: PROTOBUF");
  }

  @Test
  void aThrowingCollectorShouldFailTheWholeWrite() {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        (Collector)
            () -> {
              throw new IllegalStateException("database down");
            });
    assertThatThrownBy(
            () -> ExpositionWriter.of(registry).toString(ExpositionFormat.PROMETHEUS_TEXT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database down");
  }

  static Stream<Arguments> invalidBuilders() {
    return Stream.of(
        invalid(b -> b.registry(null), NullPointerException.class, "registry"),
        invalid(b -> b.constantLabel(null, "v"), NullPointerException.class, "name"),
        invalid(b -> b.constantLabel("n", null), NullPointerException.class, "value"),
        invalid(b -> b.constantLabels(null), NullPointerException.class, "labels"),
        invalid(b -> b.constantLabel("", "v"), IllegalArgumentException.class,
            "constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and"
                + " not be le or quantile (histogram buckets, summary quantiles): \"\""),
        invalid(b -> b.constantLabel("1ip", "v"), IllegalArgumentException.class,
            "constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and"
                + " not be le or quantile (histogram buckets, summary quantiles): \"1ip\""),
        invalid(b -> b.constantLabel("my-ip", "v"), IllegalArgumentException.class,
            "constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and"
                + " not be le or quantile (histogram buckets, summary quantiles): \"my-ip\""),
        invalid(b -> b.constantLabel("__name__", "v"), IllegalArgumentException.class,
            "constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and"
                + " not be le or quantile (histogram buckets, summary quantiles): \"__name__\""),
        invalid(b -> b.constantLabel("le", "1"), IllegalArgumentException.class,
            "constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and"
                + " not be le or quantile (histogram buckets, summary quantiles): \"le\""),
        invalid(b -> b.constantLabel("quantile", "1"), IllegalArgumentException.class,
            "constant label name must match [a-zA-Z_][a-zA-Z0-9_]*, not start with __ (reserved) and"
                + " not be le or quantile (histogram buckets, summary quantiles): \"quantile\""),
        invalid(b -> b.constantLabel("ip", "a").constantLabel("ip", "b"),
            IllegalStateException.class, "constantLabel(ip) was already set to \"a\"; cannot set it to \"b\""));
  }

  private static Arguments invalid(
      Consumer<ExpositionWriter.Builder> action, Class<? extends Exception> type, String message) {
    return Arguments.of(action, type, message);
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalidBuilders")
  void invalidBuilderInputShouldFailWithExactMessage(
      Consumer<ExpositionWriter.Builder> action, Class<? extends Exception> type, String message) {
    ExpositionWriter.Builder builder = ExpositionWriter.builder();
    assertThatThrownBy(() -> action.accept(builder)).isInstanceOf(type).hasMessage(message);
  }

  @Test
  void writeShouldRejectNullArguments() {
    ExpositionWriter writer = ExpositionWriter.of(new PrometheusRegistry());
    assertThatThrownBy(() -> writer.write(null, ExpositionFormat.OPENMETRICS)).hasMessage("out");
    assertThatThrownBy(() -> writer.write(new ByteArrayOutputStream(), null)).hasMessage("format");
  }
}

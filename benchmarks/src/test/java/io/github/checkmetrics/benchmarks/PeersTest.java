package io.github.checkmetrics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The peers of every comparison hold and write the same series, so the benchmarks are fair. */
class PeersTest {

  private static final Set<String> PER_REGION_FAMILIES =
      Set.of(
          "check_duration_seconds",
          "check_runs_total",
          "check_last_duration_seconds",
          "check_last_run_timestamp_seconds");

  @Test
  void rawClientJavaShouldWriteTheSameSamplesAsCheckMetricsForTheSameResults() {
    PrometheusRegistry ours = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(ours).build();
    PrometheusRegistry theirs = new PrometheusRegistry();
    RawClientJava raw = new RawClientJava(theirs);
    for (int n = 0; n < 3; n++) {
      Check check = Fixtures.check(n);
      metrics.register(check);
      for (String region : Fixtures.REGIONS) {
        RawClientJava.Series series = raw.series(check, region);
        for (CheckResult result : Fixtures.results(check, region)) {
          metrics.record(result);
          series.record(result);
        }
      }
    }

    List<String> expected = samples(ExpositionWriter.of(ours), PER_REGION_FAMILIES);

    assertThat(samples(ExpositionWriter.of(theirs), PER_REGION_FAMILIES))
        .hasSize(3 * 3 * (16 + 1 + 2 + 2 + 1 + 1))
        .isEqualTo(expected);
  }

  @Test
  void clientJavaWritersShouldWriteTheSameBytesAsCheckMetrics() throws IOException {
    Scrapes scrapes = new Scrapes(5);

    for (ExpositionFormat format : ExpositionFormat.values()) {
      assertThat(bytes(scrapes, Scrapes::clientJava, format))
          .as(format.name())
          .isEqualTo(bytes(scrapes, Scrapes::checkMetrics, format));
    }
  }

  @Test
  void micrometerShouldWriteTheSameSamplesAsCheckMetricsPlusItsTimerMax() throws IOException {
    // checkmetrics also writes its limits' check_series_rejected_total (one sample) and
    // check_registrations_rejected_total (one per limit), and check_failure_reason (one per
    // failing pair), which the Micrometer peer does not model
    Scrapes scrapes = new Scrapes(5);
    String ours = text(scrapes, Scrapes::checkMetrics);
    String micrometer = text(scrapes, Scrapes::micrometer);

    // Micrometer sums durations in nanoseconds, client_java in seconds: the sums differ in the
    // last bits of the double (0.285 against 0.28500000000000003), so compare them rounded.
    assertThat(roundSums(samples(micrometer, name -> !name.equals("check_duration_seconds_max"))))
        .isEqualTo(roundSums(samples(ours,
            name -> !name.endsWith("_rejected_total") && !name.equals("check_failure_reason"))));
    assertThat(samples(micrometer, name -> name.equals("check_duration_seconds_max")))
        .hasSize(5 * Fixtures.REGIONS.length);
  }

  @Test
  void lookupBenchmarkShouldFailWhenResultsWereRejectedInsteadOfCreatingSeries() {
    CheckMetrics metrics =
        CheckMetrics.builder().registry(new PrometheusRegistry()).maxSeriesPerFamily(1).build();
    Check check = Fixtures.check(1);
    metrics.register(check);
    LookupBenchmark.requireNoneRejected(metrics);
    metrics.record(Fixtures.result(check, Fixtures.REGIONS[0], 0));
    metrics.record(Fixtures.result(check, Fixtures.REGIONS[1], 0));

    assertThatThrownBy(() -> LookupBenchmark.requireNoneRejected(metrics))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the benchmark measured rejections, not series: check_series_rejected_total = 1.0");
  }

  private static String text(Scrapes scrapes, Scrapes.Peer peer) throws IOException {
    byte[] bytes = bytes(scrapes, peer, ExpositionFormat.PROMETHEUS_TEXT);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Scrapes scrapes, Scrapes.Peer peer, ExpositionFormat format)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    peer.write(scrapes, out, format);
    return out.toByteArray();
  }

  private static List<String> samples(ExpositionWriter writer, Set<String> families) {
    return samples(
        writer.toString(ExpositionFormat.PROMETHEUS_TEXT),
        name -> families.stream().anyMatch(name::startsWith));
  }

  private static List<String> roundSums(List<String> samples) {
    return samples.stream()
        .map(
            line -> {
              int space = line.lastIndexOf(' ');
              if (!nameOf(line).endsWith("_sum")) {
                return line;
              }
              double value = Double.parseDouble(line.substring(space + 1));
              return line.substring(0, space) + String.format(Locale.ROOT, " %.9f", value);
            })
        .collect(Collectors.toList());
  }

  /** The sample lines (no comments) whose metric name the filter accepts, sorted. */
  private static List<String> samples(
      String exposition, Predicate<String> names) {
    return exposition
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isEmpty())
        .filter(line -> names.test(nameOf(line)))
        .sorted()
        .collect(Collectors.toList());
  }

  /** The metric name of a sample line, with or without labels. */
  private static String nameOf(String sample) {
    int end = sample.indexOf('{');
    return sample.substring(0, end >= 0 ? end : sample.indexOf(' '));
  }
}

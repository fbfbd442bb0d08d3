package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.Sample;
import io.github.checkmetrics.testkit.ScrapeJob;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Prometheus with native histograms on ({@code --enable-feature=native-histograms}, which
 * makes it ask for protobuf) ingests {@code check_duration_seconds} of a schema with {@code
 * nativeHistogram(true)} as a native histogram, and {@code histogram_quantile} answers from its
 * native buckets, on 2.42 and on 3.5.
 */
class NativeHistogramPrometheusTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void histogramQuantileShouldAnswerFromTheNativeBuckets(PrometheusVersion version)
      throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics =
        CheckMetrics.builder()
            .registry(registry)
            .schema(CheckSchema.DEFAULT.toBuilder().nativeHistogram(true).build())
            .build();
    metrics.register(Check.builder("api").build());
    AtomicLong run = new AtomicLong();
    // Durations from 100 to 199 ms: the 90th percentile is near 190 ms.
    Runnable record =
        () ->
            metrics.record(
                CheckResult.builder("api", "eu-west-1")
                    .outcome(Outcome.PASSED)
                    .duration(Duration.ofMillis(100 + run.getAndIncrement() % 100))
                    .build());
    ScheduledExecutorService recorder = Executors.newSingleThreadScheduledExecutor();
    try (MetricsServer server =
            MetricsServer.builder().host("127.0.0.1").port(0).registry(registry).buildAndStart();
        PrometheusServer prometheus =
            PrometheusServer.builder()
                .version(version)
                .enableFeature("native-histograms")
                .scrapeJob(ScrapeJob.builder("native").target(server.address()).build())
                .start()) {
      recorder.scheduleAtFixedRate(record, 0, 5, TimeUnit.MILLISECONDS);
      prometheus.awaitTargetHealth("native", "up", WAIT);

      // histogram_count of the bare name only answers for a native histogram.
      prometheus.awaitQuery(
          "histogram_count(check_duration_seconds{job=\"native\"})",
          samples -> samples.size() == 1 && samples.get(0).value() > 0,
          WAIT);
      List<Sample> quantile =
          prometheus.awaitQuery(
              "histogram_quantile(0.9, rate(check_duration_seconds{job=\"native\"}[1m]))",
              samples -> samples.size() == 1 && Double.isFinite(samples.get(0).value()),
              WAIT);
      // Native buckets of client_java's default schema are within about 10 % of the value.
      assertThat(quantile.get(0).value()).isBetween(0.15, 0.23);
    } finally {
      recorder.shutdownNow();
    }
  }
}

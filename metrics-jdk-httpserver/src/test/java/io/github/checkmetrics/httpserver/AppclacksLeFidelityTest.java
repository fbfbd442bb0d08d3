package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.testing.PrometheusServer;
import io.github.checkmetrics.exposition.testing.Sample;
import io.github.checkmetrics.exposition.testing.ScrapeJob;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Appclacks' sample writes whole bucket bounds as {@code le="1"}, {@code le="5"}; client_java
 * writes {@code le="1.0"}, {@code le="5.0"} and checkmetrics does not re-implement its writer. On
 * Prometheus 2.x the {@code le} label keeps the scraped spelling, so a selector written for
 * Appclacks' {@code le="1"} finds nothing and {@code le="1.0"} (or {@code le=~"1(\\.0)?"}, which
 * works on both spellings) is the one to use; Prometheus 3 normalises {@code le} so that {@code
 * le="1"} finds the bucket. This test holds the 2.x half against a real Prometheus 2.42; the 3.x
 * half waits for the Prometheus 3 harness (see the README's metric schema section).
 */
class AppclacksLeFidelityTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void prometheus2ShouldFindWholeBoundsByTheSpellingWeWrite() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics =
        CheckMetrics.builder().registry(registry).schema(CheckSchema.APPCLACKS).build();
    metrics.register(Check.builder("blog").name("mcorbin-blog").build());
    metrics.record(
        CheckResult.builder("blog", "fr-par-1")
            .outcome(Outcome.PASSED)
            .duration(Duration.ofMillis(62))
            .build());
    try (MetricsServer server =
            MetricsServer.builder().host("127.0.0.1").port(0).registry(registry).buildAndStart();
        PrometheusServer prometheus =
            PrometheusServer.builder()
                .scrapeJob(
                    ScrapeJob.builder("appclacks")
                        .target(server.address())
                        .param("format", "prometheus")
                        .build())
                .start()) {
      prometheus.awaitTargetHealth("appclacks", "up", WAIT);
      List<Sample> ours =
          prometheus.awaitQuery(
              "healthcheck_duration_seconds_bucket{le=\"1.0\"}", samples -> samples.size() == 1,
              WAIT);
      assertThat(ours.get(0).value()).isEqualTo(1.0);

      // Appclacks' spelling finds nothing on 2.x; the regular expression finds both spellings.
      assertThat(prometheus.query("healthcheck_duration_seconds_bucket{le=\"1\"}")).isEmpty();
      assertThat(prometheus.query("healthcheck_duration_seconds_bucket{le=~\"1(\\\\.0)?\"}"))
          .hasSize(1);
      assertThat(prometheus.query("healthcheck_duration_seconds_bucket{le=~\"10(\\\\.0)?\"}"))
          .hasSize(1);
      // Fractional bounds are spelt alike by both.
      assertThat(prometheus.query("healthcheck_duration_seconds_bucket{le=\"0.1\"}")).hasSize(1);
    }
  }
}

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Appclacks' sample writes whole bucket bounds as {@code le="1"}, {@code le="5"}; client_java
 * writes {@code le="1.0"}, {@code le="5.0"} and checkmetrics does not re-implement its writer.
 * Prometheus 2.x stores {@code le} as scraped, so a 2.x selector written for Appclacks' {@code
 * le="1"} finds nothing on ours; Prometheus 3 normalises {@code le} of classic histograms to the
 * float spelling ({@code 1.0}) whatever was scraped, which is ours. So {@code le="1.0"}, or {@code
 * le=~"1(\\.0)?"} for data of both spellings, is the selector that works everywhere; this test
 * holds it against real Prometheus 2.42 and 3.5.
 */
class AppclacksLeFidelityTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void prometheusShouldFindWholeBoundsByTheSpellingWeWrite(PrometheusVersion version)
      throws Exception {
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
                .version(version)
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

      // Appclacks' spelling finds nothing (2.x stores what it scrapes, 3.x stores le="1.0" for
      // both spellings); the regular expression finds both spellings on both.
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

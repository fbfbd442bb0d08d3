package io.github.checkmetrics.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.Sample;
import io.github.checkmetrics.testkit.ScrapeJob;
import io.github.checkmetrics.testkit.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Prometheus (2.42 and 3.5, see {@link PrometheusVersion}) scrapes a {@link MetricsServlet} in a web
 * application of a real Jetty, in every exposition format. Skipped locally when the binary is
 * missing; mandatory in CI ({@code -DcheckmetricsTest.requireTools=true}).
 */
class MetricsServletPrometheusTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> JOBS = List.of("openmetrics", "text", "protobuf");

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void prometheusShouldScrapeTheServletInEveryFormat(PrometheusVersion version) throws Exception {
    MetricsServlet servlet =
        new MetricsServlet(ScrapeHandler.builder()
            .registry(CheckRegistries.checkRegistry())
            .constantLabel("service", "orders")
            .build());
    try (Jetty jetty =
            Jetty.start(
                "/shop",
                Jetty.DEFAULT_HEADER_SIZE,
                context -> context.addServlet(servlet, "/metrics"));
        PrometheusServer prometheus =
            PrometheusServer.builder()
                .version(version)
                .scrapeJob(job("openmetrics", jetty).build())
                .scrapeJob(job("text", jetty).param("format", "prometheus").build())
                .scrapeJob(job("protobuf", jetty).param("format", "protobuf").build())
                .start()) {
      for (String job : JOBS) {
        List<Target> targets = prometheus.awaitTargetHealth(job, "up", WAIT);
        assertThat(targets).as(job).hasSize(1);
      }

      for (String job : JOBS) {
        List<Sample> status =
            prometheus.awaitQuery(
                "check_status{job=\"" + job + "\",service=\"orders\"}",
                samples -> samples.size() == 2,
                WAIT);
        Map<String, Double> byCheck =
            status.stream().collect(Collectors.toMap(s -> s.label("check_id"), Sample::value));
        assertThat(byCheck).as(job).containsExactlyInAnyOrderEntriesOf(Map.of("db", 1.0, "api", 0.0));
        List<Sample> runs =
            prometheus.query("sum(check_runs_total{job=\"" + job + "\",service=\"orders\"})");
        assertThat(runs).as(job).hasSize(1);
        assertThat(runs.get(0).value()).as(job).isEqualTo(4.0);
      }
    }
  }

  private static ScrapeJob.Builder job(String name, Jetty jetty) {
    return ScrapeJob.builder(name)
        .target("127.0.0.1:" + jetty.port())
        .metricsPath(jetty.uri("/metrics").getPath());
  }
}

package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.Sample;
import io.github.checkmetrics.testkit.ScrapeJob;
import io.github.checkmetrics.testkit.Target;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus ({@code /usr/bin/prometheus}) scrapes a {@link MetricsServer} once a second in
 * each exposition format, and PromQL sees what the checks did. Skipped locally when the binary is
 * missing; mandatory in CI ({@code -DcheckmetricsTest.requireTools=true}).
 */
class MetricsServerPrometheusTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String[] REGIONS = {"eu-west-1", "us-east-1"};

  @Test
  void prometheusShouldScrapeCheckMetricsInEveryFormat() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(
        Check.builder("orders-db").name("Orders database").type("tcp").tags("prod", "db").build());
    metrics.register(Check.builder("payments-api").name("Payments API").type("http").build());
    metrics.register(
        Check.builder("search").name("Search").type("http").muted(true).build());
    AtomicLong run = new AtomicLong();
    Runnable recordRound =
        () -> {
          long n = run.incrementAndGet();
          for (String region : REGIONS) {
            record(metrics, "orders-db", region, Outcome.PASSED, 20 + n % 30);
            record(metrics, "payments-api", region, Outcome.PASSED, 150 + n % 100);
            record(metrics, "search", region, Outcome.FAILED, 2_000 + n % 500);
          }
        };
    recordRound.run();
    ScheduledExecutorService recorder = Executors.newSingleThreadScheduledExecutor();
    try (MetricsServer server =
            MetricsServer.builder().host("127.0.0.1").port(0).registry(registry).buildAndStart();
        PrometheusServer prometheus =
            PrometheusServer.builder()
                .scrapeJob(ScrapeJob.builder("openmetrics").target(server.address()).build())
                .scrapeJob(
                    ScrapeJob.builder("text")
                        .target(server.address())
                        .param("format", "prometheus")
                        .build())
                .scrapeJob(
                    ScrapeJob.builder("protobuf")
                        .target(server.address())
                        .param("format", "protobuf")
                        .build())
                .start()) {
      recorder.scheduleAtFixedRate(recordRound, 200, 200, TimeUnit.MILLISECONDS);

      for (String job : List.of("openmetrics", "text", "protobuf")) {
        List<Target> targets = prometheus.awaitTargetHealth(job, "up", WAIT);
        assertThat(targets).hasSize(1);
      }

      // check_status: the failing check 0, the others 1, with the schema's labels; per format.
      for (String job : List.of("openmetrics", "text", "protobuf")) {
        List<Sample> status =
            prometheus.awaitQuery(
                "check_status{job=\"" + job + "\"}", samples -> samples.size() == 3, WAIT);
        Map<String, Double> byCheck =
            status.stream().collect(Collectors.toMap(s -> s.label("check_id"), Sample::value));
        assertThat(byCheck)
            .as(job)
            .containsExactlyInAnyOrderEntriesOf(
                Map.of("orders-db", 1.0, "payments-api", 1.0, "search", 0.0));
      }
      Sample orders =
          prometheus.query("check_status{job=\"openmetrics\",check_id=\"orders-db\"}").get(0);
      assertThat(orders.labels())
          .containsEntry("check_name", "Orders database")
          .containsEntry("check_type", "tcp")
          .containsEntry("tags", "db,prod")
          .containsEntry("muted", "false")
          .containsEntry("activated", "true")
          .containsEntry("instance", "127.0.0.1:" + server.port());
      Sample search =
          prometheus.query("check_status{job=\"openmetrics\",check_id=\"search\"}").get(0);
      // An empty label value is no label at all in Prometheus.
      assertThat(search.labels()).containsEntry("muted", "true").doesNotContainKey("tags");

      // check_runs_total increases between scrapes.
      double runs = single(prometheus.query("sum(check_runs_total{job=\"openmetrics\"})"));
      prometheus.awaitQuery(
          "sum(check_runs_total{job=\"openmetrics\"})",
          samples -> samples.size() == 1 && samples.get(0).value() > runs,
          WAIT);
      assertThat(
              single(
                  prometheus.query(
                      "sum(check_runs_total{job=\"openmetrics\",check_id=\"search\","
                          + "status=\"success\"})")))
          .isZero();

      // The classic histogram answers a quantile.
      List<Sample> quantile =
          prometheus.awaitQuery(
              "histogram_quantile(0.9, sum by (le) "
                  + "(rate(check_duration_seconds_bucket{job=\"openmetrics\"}[30s])))",
              samples -> samples.size() == 1 && Double.isFinite(samples.get(0).value()),
              WAIT);
      assertThat(quantile.get(0).value()).isBetween(0.0, 60.0);
    } finally {
      recorder.shutdownNow();
    }
  }

  private static void record(
      CheckMetrics metrics, String checkId, String region, Outcome outcome, long millis) {
    metrics.record(
        CheckResult.builder(checkId, region)
            .outcome(outcome)
            .duration(Duration.ofMillis(millis))
            .build());
  }

  private static double single(List<Sample> samples) {
    assertThat(samples).hasSize(1);
    return samples.get(0).value();
  }
}

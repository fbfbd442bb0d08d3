package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.Sample;
import io.github.checkmetrics.testkit.ScrapeJob;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What checkmetrics decided about created timestamps, checked against Prometheus 3.5 with {@code
 * --enable-feature=created-timestamp-zero-ingestion}: the text formats never write {@code _created}
 * samples (each would be one more series per counter and histogram series for every Prometheus
 * that does not read them as created timestamps), while protobuf carries the created timestamp of
 * every counter as a field, as client_java writes it. Prometheus 3.5 then stores a zero at the
 * moment the counter was created, so a check's first run counts in {@code increase()}; client_java
 * writes none for histograms. With the feature on, Prometheus 3.5 asks for protobuf first, so a
 * scrape without {@code ?format=} gets created timestamps.
 */
class CreatedTimestampsPrometheusTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void countersShouldCarryCreatedTimestampsInProtobufOnlyAndNoFormatShouldWriteCreatedSeries() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
    metrics.register(Check.builder("db").name("Orders database").type("tcp").build());
    metrics.record(CheckResult.builder("db", "eu-west-1").outcome(Outcome.PASSED)
        .duration(Duration.ofMillis(40)).build());

    try (MetricsServer server =
            MetricsServer.builder().host("127.0.0.1").port(0).registry(registry).buildAndStart();
        PrometheusServer prometheus = PrometheusServer.builder()
            .version(PrometheusVersion.V3_5)
            .enableFeature("created-timestamp-zero-ingestion")
            .scrapeJob(ScrapeJob.builder("protobuf").target(server.address())
                .param("format", "protobuf").build())
            .scrapeJob(ScrapeJob.builder("openmetrics").target(server.address())
                .param("format", "openmetrics").build())
            // with the feature on, Prometheus 3.5 asks for protobuf first
            .scrapeJob(ScrapeJob.builder("negotiated").target(server.address()).build())
            .scrapeJob(ScrapeJob.builder("text").target(server.address())
                .param("format", "prometheus").build())
            .start()) {
      for (String job : List.of("protobuf", "openmetrics", "text", "negotiated")) {
        prometheus.awaitTargetHealth(job, "up", WAIT);
        prometheus.awaitQuery("check_runs_total{job=\"" + job + "\",status=\"success\"}",
            samples -> samples.size() == 1 && samples.get(0).value() == 1.0, WAIT);
      }

      // protobuf: a zero at the counter's created timestamp, before the first scraped 1
      assertThat(minOverTime(prometheus, "check_runs_total", "protobuf")).isZero();
      assertThat(minOverTime(prometheus, "check_runs_total", "negotiated")).isZero();
      // text formats: no created timestamp, so the series starts at its first scraped value
      assertThat(minOverTime(prometheus, "check_runs_total", "openmetrics")).isOne();
      assertThat(minOverTime(prometheus, "check_runs_total", "text")).isOne();
      // histograms carry none in any format (client_java writes none)
      assertThat(minOverTime(prometheus, "check_duration_seconds_count", "protobuf")).isOne();
      // and no format wrote a _created sample
      assertThat(prometheus.query("{__name__=~\".+_created\"}")).isEmpty();
    }
  }

  private static double minOverTime(PrometheusServer prometheus, String name, String job) {
    List<Sample> samples = prometheus.query("min_over_time(" + name + "{job=\"" + job
        + "\",check_id=\"db\",region=\"eu-west-1\"" + (name.endsWith("_total")
            ? ",status=\"success\"" : "") + "}[1h])");
    assertThat(samples).as(name + " of " + job).hasSize(1);
    return samples.get(0).value();
  }
}

package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.testkit.ProcessResult;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.Promtool;
import io.github.checkmetrics.testkit.Sample;
import io.github.checkmetrics.testkit.ScrapeJob;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A metric whose name and label are outside the legacy character set ({@code my.metric}, {@code
 * my.label}), as client_java 1.10 accepts them, served by a {@link MetricsServer} and scraped by
 * real Prometheus servers with their default {@code Accept}: 3.5 asks for {@code
 * escaping=allow-utf-8} and stores the names as they are ({@code {"my.metric"}} answers); 2.42
 * asks for nothing and gets them escaped with underscores, and so does {@code promtool} of 2.42,
 * which refuses the quoted form.
 */
class Utf8NamesPrometheusTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void prometheusShouldStoreTheNamesItNegotiated(PrometheusVersion version) {
    try (MetricsServer server = start();
        PrometheusServer prometheus = PrometheusServer.builder()
            .version(version)
            .scrapeJob(ScrapeJob.builder("utf8").target(server.address()).build())
            .start()) {
      prometheus.awaitTargetHealth("utf8", "up", WAIT);

      if (version.isPrometheus3()) {
        List<Sample> quoted =
            prometheus.awaitQuery("{\"my.metric\"}", samples -> samples.size() == 1, WAIT);
        assertThat(quoted.get(0).name()).isEqualTo("my.metric");
        assertThat(quoted.get(0).labels()).containsEntry("my.label", "v");
        assertThat(quoted.get(0).value()).isEqualTo(42.0);
        assertThat(prometheus.query("my_metric")).isEmpty();
      } else {
        List<Sample> escaped =
            prometheus.awaitQuery("my_metric", samples -> samples.size() == 1, WAIT);
        assertThat(escaped.get(0).labels()).containsEntry("my_label", "v");
        assertThat(escaped.get(0).value()).isEqualTo(42.0);
      }
    }
  }

  @Test
  void promtoolShouldReadTheEscapedFormAndRefuseTheQuotedOne() throws Exception {
    try (MetricsServer server = start()) {
      String escaped = get(server, "text/plain;version=0.0.4");
      String quoted = get(server, "text/plain;version=1.0.0;escaping=allow-utf-8");

      assertThat(escaped).contains("my_metric{my_label=\"v\"} 42.0\n");
      assertThat(Promtool.checkMetrics(escaped)).isEmpty();
      assertThat(quoted).contains("{\"my.metric\",\"my.label\"=\"v\"} 42.0\n");
      ProcessResult refused = Promtool.run(List.of("check", "metrics"), quoted);
      assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
    }
  }

  private static MetricsServer start() {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(() -> GaugeSnapshot.builder()
        .name("my.metric")
        .help("a gauge whose name has a dot")
        .dataPoint(GaugeDataPointSnapshot.builder()
            .labels(Labels.of("my.label", "v"))
            .value(42)
            .build())
        .build());
    return MetricsServer.builder().host("127.0.0.1").port(0).registry(registry).buildAndStart();
  }

  private static String get(MetricsServer server, String accept) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
            .header("Accept", accept)
            .timeout(WAIT)
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}

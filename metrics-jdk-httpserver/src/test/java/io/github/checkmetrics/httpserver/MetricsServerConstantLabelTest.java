package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A constant label that a family of the served registry has, on {@link MetricsServer}: refused by
 * {@code buildAndStart()} from a configuration or a handler; a clash that appears after the start
 * answers the generic 500 while the health path stays 200 (as {@code MetricsServlet} does).
 */
class MetricsServerConstantLabelTest {

  private static final String CLASH =
      "constant label region collides with a label of metric family check_duration_seconds";

  private final PrometheusRegistry registry = new PrometheusRegistry();

  @Test
  void configurationWithALabelOfACheckFamilyShouldNotStart() {
    CheckMetrics.builder().registry(registry).build();
    EndpointConfig config =
        EndpointConfig.loader()
            .systemProperties(new Properties())
            .environment(
                Map.of(
                    "CHECKMETRICS_PORT", "0",
                    "CHECKMETRICS_HOST", "127.0.0.1",
                    "CHECKMETRICS_CONSTANT_LABELS", "service=orders, region=eu-west-1"))
            .load();

    assertThatThrownBy(() -> MetricsServer.builder().config(config).registry(registry).buildAndStart())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(CLASH);
  }

  @Test
  void handlerWithALabelOfAFamilyRegisteredAfterItsBuildShouldNotStart() {
    ScrapeHandler handler =
        ScrapeHandler.builder().registry(registry).constantLabel("region", "eu").build();
    CheckMetrics.builder().registry(registry).build();

    assertThatThrownBy(
            () -> MetricsServer.builder().host("127.0.0.1").port(0).handler(handler).buildAndStart())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(CLASH);
  }

  @Test
  void clashAppearingAfterTheStartShouldAnswerTheGeneric500() throws Exception {
    ScrapeHandler handler =
        ScrapeHandler.builder().registry(registry).constantLabel("region", "eu").build();
    try (MetricsServer server =
        MetricsServer.builder().host("127.0.0.1").port(0).handler(handler).buildAndStart()) {
      assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
      CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
      metrics.register(Check.builder("db").build());
      metrics.record(
          CheckResult.builder("db", "eu-west-1")
              .outcome(Outcome.PASSED)
              .duration(Duration.ofMillis(3))
              .build());

      HttpResponse<String> response = get(server, "/metrics");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body())
          .isEqualTo("An error occurred while collecting metrics; the cause is in the server log.\n");
      assertThat(get(server, "/-/healthy").statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(MetricsServer server, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Twins of the code blocks on MetricsServer (the builder in README.md, the handler in {@code
 * docs/http-contract.md}); port 0 and loopback stand in for 9400.
 */
class ReadmeSectionTest {

  private final PrometheusRegistry registry = CheckRegistries.checkRegistry();
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void builderSnippetShouldServeEveryPath() throws Exception {
    try (MetricsServer server = MetricsServer.builder()
        .host("127.0.0.1")           // default: all interfaces
        .port(0)                     // 0 picks a free port; server.port() tells which
        .handler(ScrapeHandler.builder()
            .registry(registry)          // default: PrometheusRegistry.defaultRegistry
            .metricsPath("/metrics")     // matched exactly: /metricsfoo is 404
            .healthPath("/-/healthy")    // 200 "OK"
            .indexPage(true)             // "/" links to the metrics path
            .build())
        .buildAndStart()) {
      assertThat(get(server, "/metrics").body()).contains("check_status{");
      assertThat(get(server, "/-/healthy").body()).isEqualTo("OK");
      assertThat(get(server, "/").body()).contains("href=\"/metrics\"");
      assertThat(get(server, "/metricsfoo").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void handlerSnippetShouldAddTheConstantLabel() throws Exception {
    ScrapeHandler handler = ScrapeHandler.builder()
        .registry(registry)
        .constantLabel("service", "orders")
        .maxQueryLength(2048)
        .build();
    try (MetricsServer server =
        MetricsServer.builder().host("127.0.0.1").port(0).handler(handler).buildAndStart()) {
      assertThat(get(server, "/metrics?name[]=check_status").body()).contains("service=\"orders\"");
      assertThat(get(server, "/metrics?name[]=" + "a".repeat(2048)).statusCode()).isEqualTo(400);
    }
  }

  private HttpResponse<String> get(MetricsServer server, String target) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

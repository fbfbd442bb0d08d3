package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.ScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A runner-aware health path: {@code healthCheck(runner::isHealthy)}, here with a flag. */
class MetricsServerHealthCheckTest {

  @Test
  void healthPathShouldFollowTheHealthCheck() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (MetricsServer server =
        MetricsServer.builder()
            .host("127.0.0.1")
            .port(0)
            .handler(
                ScrapeHandler.builder()
                    .registry(new PrometheusRegistry())
                    .healthCheck(healthy::get)
                    .build())
            .buildAndStart()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/-/healthy"))
              .timeout(Duration.ofSeconds(60))
              .build();

      HttpResponse<String> before = client.send(request, HttpResponse.BodyHandlers.ofString());
      healthy.set(true);
      HttpResponse<String> after = client.send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(before.statusCode()).isEqualTo(503);
      assertThat(before.body()).isEqualTo("Service Unavailable\n");
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body()).isEqualTo("OK");
    }
  }
}

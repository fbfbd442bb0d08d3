package com.example.consumer;

import static io.github.checkmetrics.assertj.ExpositionAssertions.labels;
import static io.prometheus.metrics.model.registry.MetricType.COUNTER;
import static io.prometheus.metrics.model.registry.MetricType.GAUGE;
import static io.prometheus.metrics.model.registry.MetricType.HISTOGRAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.assertj.ExpositionAssertions;
import io.github.checkmetrics.httpserver.MetricsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsumerAppTest {

  private static MetricsServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void startApplication() {
    // The application's own one-liner: MetricsServer.start(port) listens on every interface;
    // the test only ever connects through loopback.
    server = ConsumerApp.start(0);
  }

  @AfterAll
  static void stopApplication() {
    server.close();
  }

  @Test
  void scrapeShouldExposeTheCheckInPrometheusText() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    ExpositionAssertions.assertThat(response.body())
        .isValidExposition()
        .hasFamily("check_status").ofType(GAUGE).and()
        .hasGauge("check_status", labels("check_id", "orders-db", "check_type", "tcp"))
            .withValue(1).and()
        .hasFamily("check_runs_total").ofType(COUNTER).and()
        .hasCounter("check_runs_total", labels("check_id", "orders-db", "status", "success"))
            .withValue(1).and()
        .hasGauge("check_last_duration_seconds", labels("region", "eu-west-1"))
            .withValue(0.042).and()
        .hasFamily("check_duration_seconds").ofType(HISTOGRAM).and()
        .hasHistogram("check_duration_seconds", labels("check_id", "orders-db"))
            .withCount(1).withBucket(0.05, 1).withBucket(0.025, 0);
  }

  @Test
  void healthPathShouldAnswerOk() throws Exception {
    HttpResponse<String> response = get("/-/healthy");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("OK");
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}

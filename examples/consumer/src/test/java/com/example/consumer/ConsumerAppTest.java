package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(response.body().lines())
        .contains(
            "# TYPE check_status gauge",
            "check_status{activated=\"true\",check_id=\"orders-db\",check_name=\"Orders database\","
                + "check_type=\"tcp\",muted=\"false\",tags=\"\"} 1.0",
            "check_runs_total{check_id=\"orders-db\",check_name=\"Orders database\","
                + "region=\"eu-west-1\",status=\"success\"} 1.0",
            "check_last_duration_seconds{check_id=\"orders-db\",check_name=\"Orders database\","
                + "check_type=\"tcp\",region=\"eu-west-1\",tags=\"\"} 0.042");
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

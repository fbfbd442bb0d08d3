package io.github.checkmetrics.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.checkmetrics.testkit.Promtool;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Boot 4.0 application (embedded Tomcat on a random port, Actuator, Micrometer's Prometheus
 * registry) with checkmetrics: the health indicators and a check declared in properties appear at
 * {@code /actuator/prometheus} beside Micrometer's metrics, one registry, and promtool accepts the
 * scrape.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health,prometheus",
      "checkmetrics.region=eu-west-1",
      "checkmetrics.health.interval=2s",
      "checkmetrics.health.timeout=1s",
      "checkmetrics.checks.upstream.interval=2s",
      "checkmetrics.checks.upstream.timeout=1s",
      "checkmetrics.checks.upstream.expected-body=ok",
      "checkmetrics.checks.upstream.tags=critical"
    })
class ActuatorPrometheusTest {

  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static HttpServer upstream;

  @LocalServerPort private int port;
  @Autowired private TestApplication.HangingForRunnerHealthIndicator slow;
  @Autowired private PrometheusRegistry registry;

  /** A loopback HTTP server the declared check {@code upstream} probes. */
  @DynamicPropertySource
  static void upstream(DynamicPropertyRegistry properties) throws Exception {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/health",
        exchange -> {
          byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    upstream.start();
    properties.add(
        "checkmetrics.checks.upstream.url",
        () -> "http://127.0.0.1:" + upstream.getAddress().getPort() + "/health");
  }

  @AfterAll
  static void stopUpstream() {
    upstream.stop(0);
  }

  @Test
  void checkFamiliesShouldAppearAtActuatorPrometheusBesideMicrometerAndPassPromtool()
      throws Exception {
    Scrapes.await(
        "ordersDb and upstream pass",
        () -> {
          String body = scrape();
          return Double.valueOf(1).equals(status(body, "ordersDb"))
              && Double.valueOf(1).equals(status(body, "upstream"));
        });
    String body = scrape();

    // one registry: checkmetrics' families, Micrometer's meters, through Actuator's endpoint
    assertThat(body)
        .contains("# TYPE check_status gauge")
        .contains("# TYPE check_runs_total counter")
        .contains("# TYPE jvm_memory_used_bytes gauge");
    assertThat(body)
        .contains(
            "check_status{activated=\"true\",check_id=\"ordersDb\",check_name=\"ordersDb\","
                + "check_type=\"health\",muted=\"false\",tags=\"\"} 1.0")
        .contains(
            "check_status{activated=\"true\",check_id=\"upstream\",check_name=\"upstream\","
                + "check_type=\"http\",muted=\"false\",tags=\"critical\"} 1.0");
    assertThat(
            Scrapes.value(
                body,
                "check_runs_total",
                "check_id=\"ordersDb\"",
                "region=\"eu-west-1\"",
                "status=\"success\""))
        .isGreaterThanOrEqualTo(1.0);
    assertThat(registry.scrape().stream().map(s -> s.getMetadata().getPrometheusName()))
        .contains("check_status");
    // promtool parses the whole scrape; its lint findings on Micrometer's own meters (no HELP on
    // http_server_requests_seconds, "_ms" in jvm_compilation_time_ms_total) are Micrometer's
    assertThat(Promtool.checkMetrics(body))
        .filteredOn(problem -> problem.startsWith("check_") || problem.contains("error"))
        .isEmpty();
  }

  @Test
  void hangingIndicatorShouldBlockNeitherActuatorHealthNorTheOtherChecks() throws Exception {
    // the runner is inside slow's health() and stays there until its timeout interrupts it
    assertThat(slow.runnerEntered.await(Scrapes.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> health = HttpGet.get(port, "/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");

    Scrapes.await(
        "slow recorded as failed while ordersDb keeps passing",
        () -> {
          String body = scrape();
          Double failures =
              Scrapes.value(
                  body, "check_runs_total", "check_id=\"slow\"", "status=\"failure\"");
          Double passes =
              Scrapes.value(
                  body, "check_runs_total", "check_id=\"ordersDb\"", "status=\"success\"");
          return failures != null && failures >= 1 && passes != null && passes >= 2;
        });
    assertThat(status(scrape(), "slow")).isEqualTo(0.0);
  }

  private String scrape() throws Exception {
    HttpResponse<String> response = HttpGet.get(port, "/actuator/prometheus", "Accept", TEXT);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static Double status(String body, String checkId) {
    return Scrapes.value(body, "check_status", "check_id=\"" + checkId + "\"");
  }
}

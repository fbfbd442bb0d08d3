package io.github.checkmetrics.examples;

import static io.github.checkmetrics.assertj.ExpositionAssertions.assertThat;
import static io.github.checkmetrics.assertj.ExpositionAssertions.labels;
import static io.prometheus.metrics.model.registry.MetricType.GAUGE;
import static org.assertj.core.api.Assertions.within;

import io.github.checkmetrics.assertj.ExpositionAssertions;
import io.github.checkmetrics.httpserver.MetricsServer;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a user of checkmetrics writes in their own application's tests: record what the application
 * records, then assert on what it exposes, in the registry and over HTTP, with metrics-assertj.
 */
class YourAppMetricsTest {

  /** Stands for the application: its own client_java counter next to its checks. */
  private static final class OrdersApp {
    final PrometheusRegistry registry = new PrometheusRegistry();
    final CheckMetrics checks = CheckMetrics.builder().registry(registry).build();
    final Counter orders =
        Counter.builder().name("orders_placed").help("Orders placed").register(registry);

    OrdersApp() {
      checks.register(Check.builder("payments-api").name("Payments API").type("api").build());
    }

    void placeOrder() {
      orders.inc();
    }

    void paymentsCheckRan(Outcome outcome, long millis) {
      checks.record(
          CheckResult.builder("payments-api", "eu-west-1")
              .outcome(outcome)
              .duration(Duration.ofMillis(millis))
              .build());
    }
  }

  @Test
  void registryShouldExposeTheChecksAndTheApplicationsOwnMetrics() {
    OrdersApp app = new OrdersApp();
    app.placeOrder();
    app.paymentsCheckRan(Outcome.PASSED, 120);
    app.paymentsCheckRan(Outcome.FAILED, 2_000);

    assertThat(app.registry)
        .isValidExposition()
        .hasCounter("orders_placed_total", labels())
        .withValue(1)
        .and()
        .hasFamily("check_status")
        .ofType(GAUGE)
        .and()
        .hasSample("check_status", labels("check_id", "payments-api"), 0.0)
        .hasCounter("check_runs_total", labels("check_id", "payments-api", "status", "failure"))
        .withValue(1)
        .and()
        .hasHistogram("check_duration_seconds", labels("check_id", "payments-api"))
        .withCount(2)
        .withSum(2.12, within(1e-9))
        .withBucket(0.25, 1);
  }

  @Test
  void endpointShouldServeWhatTheRegistryHolds() throws IOException, InterruptedException {
    OrdersApp app = new OrdersApp();
    app.paymentsCheckRan(Outcome.DEGRADED, 900);

    try (MetricsServer server =
        MetricsServer.builder().host("127.0.0.1").port(0).registry(app.registry).buildAndStart()) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .header("Accept", "application/openmetrics-text; version=1.0.0")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      // AssertJ's own assertThat(String) is not imported here, so the static import is enough;
      // where both are imported, call ExpositionAssertions.assertThat(body) explicitly.
      ExpositionAssertions.assertThat(response.body())
          .isValidExposition()
          .hasSample("check_degraded", labels("check_id", "payments-api"), 1.0)
          .hasSample("check_status", labels("check_id", "payments-api"), 1.0)
          .doesNotHaveSeries("check_status", labels("check_id", "inventory-db"));
    }
  }
}

package io.github.checkmetrics.servlet;

import static io.github.checkmetrics.servlet.MetricsServletBuilderTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.contract.AuthContractSuite;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ScrapeHandler.Builder#config(EndpointConfig)} behind a servlet in a real Jetty 12. */
class MetricsServletConfigTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void configShouldApplyPathLabelsBearerTokenAndJvmMetricsAndIgnorePortAndHost(
      @TempDir Path dir) throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), "t0ken-from-file\n");
    PrometheusRegistry registry = CheckRegistries.checkRegistry();
    ScrapeHandler.Builder builder =
        ScrapeHandler.builder()
            .registry(registry)
            .config(
                config(
                    "checkmetrics.port", "1",
                    "checkmetrics.host", "host.invalid",
                    "checkmetrics.path", "/prom",
                    "checkmetrics.constant_labels", "service=orders, zone=eu-1",
                    "checkmetrics.auth.bearer_token_file", tokenFile.toString(),
                    "checkmetrics.jvm_metrics", "true",
                    "checkmetrics.process_metrics", "true"));
    builder.build(); // a second build registers the JVM metrics once only
    MetricsServlet servlet = new MetricsServlet(builder.build());

    try (Jetty jetty = Jetty.start(context -> context.addServlet(servlet, "/prom"))) {
      URI checks = jetty.uri("/prom?name[]=check_status");
      HttpResponse<String> anonymous = get(checks, null);
      HttpResponse<String> wrong = get(checks, "Bearer other-token");
      HttpResponse<String> right = get(checks, "Bearer t0ken-from-file");
      HttpResponse<String> jvm =
          get(
              jetty.uri("/prom?name[]=jvm_threads_current&name[]=process_start_time_seconds"),
              "Bearer t0ken-from-file");

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"metrics\"");
      assertThat(anonymous.body()).isEqualTo("Unauthorized\n");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).contains("check_status{").contains("service=\"orders\",");
      assertThat(right.body()).contains("zone=\"eu-1\"");
      assertThat(jvm.body())
          .contains("jvm_threads_current{service=\"orders\",zone=\"eu-1\"} ")
          .contains("process_start_time_seconds{service=\"orders\",zone=\"eu-1\"} ");
      assertThat(jetty.port()).isNotEqualTo(1);
    }
  }

  @Test
  void configWithBasicAuthShouldAskForBasicCredentials(@TempDir Path dir) throws Exception {
    Path passwordFile = Files.writeString(dir.resolve("password"), "pw from file\n");
    MetricsServlet servlet =
        new MetricsServlet(
            ScrapeHandler.builder()
                .registry(CheckRegistries.checkRegistry())
                .config(
                    config(
                        "checkmetrics.auth.basic_user", "prometheus",
                        "checkmetrics.auth.basic_password_file", passwordFile.toString()))
                .build());

    try (Jetty jetty = Jetty.start(context -> context.addServlet(servlet, "/metrics"))) {
      URI uri = jetty.uri("/metrics");
      HttpResponse<String> anonymous = get(uri, null);

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValue("Basic realm=\"metrics\", charset=\"UTF-8\"");
      assertThat(get(uri, AuthContractSuite.basicHeader("Basic", "prometheus:pw from file"))
              .statusCode())
          .isEqualTo(200);
      assertThat(get(uri, AuthContractSuite.basicHeader("Basic", "prometheus:other"))
              .statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void defaultConfigShouldServeMetricsOpenlyAtMetricsWithoutJvmMetrics() throws Exception {
    PrometheusRegistry registry = CheckRegistries.checkRegistry();
    ScrapeHandler.Builder builder = ScrapeHandler.builder().registry(registry).config(config());
    MetricsServlet first = new MetricsServlet(builder.build());
    MetricsServlet second = new MetricsServlet(builder.build());

    for (MetricsServlet servlet : new MetricsServlet[] {first, second}) {
      try (Jetty jetty = Jetty.start(context -> context.addServlet(servlet, "/metrics"))) {
        HttpResponse<String> response = get(jetty.uri("/metrics"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("check_status{").doesNotContain("jvm_");
      }
    }
  }

  private static HttpResponse<String> get(URI uri, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

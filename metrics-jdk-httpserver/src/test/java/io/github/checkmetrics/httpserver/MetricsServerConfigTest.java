package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.testkit.Promtool;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MetricsServer} configured without code, through {@link EndpointConfig}. */
class MetricsServerConfigTest {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path dir;

  /** A configuration from the given environment variables only. */
  static EndpointConfig config(String... variables) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (int i = 0; i < variables.length; i += 2) {
      environment.put(variables[i], variables[i + 1]);
    }
    return EndpointConfig.loader()
        .systemProperties(new Properties())
        .environment(environment)
        .load();
  }

  private HttpResponse<String> get(MetricsServer server, String path)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
    return client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void configurationShouldSetPortHostPathLabelsAndInstrumentation() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    EndpointConfig config =
        config(
            "CHECKMETRICS_PORT", "0",
            "CHECKMETRICS_HOST", "127.0.0.1",
            "CHECKMETRICS_PATH", "/prometheus",
            "CHECKMETRICS_CONSTANT_LABELS", "type=gateway,ip=192.168.3.23",
            "CHECKMETRICS_JVM_METRICS", "true",
            "CHECKMETRICS_PROCESS_METRICS", "true");
    CheckMetrics checks =
        CheckMetrics.builder()
            .registry(registry)
            .schema(CheckSchema.DEFAULT.toBuilder().layers("status", "runs").build()) // not a config key
            .build();
    checks.register(Check.builder("db").build());
    checks.record(
        CheckResult.builder("db", "eu").outcome(Outcome.PASSED).duration(Duration.ZERO).build());

    try (MetricsServer server =
        MetricsServer.builder().config(config).registry(registry).buildAndStart()) {
      assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
      HttpResponse<String> response = get(server, "/prometheus");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("check_status{activated=\"true\",check_id=\"db\",check_name=\"db\","
              + "check_type=\"api\",ip=\"192.168.3.23\",muted=\"false\",tags=\"\",type=\"gateway\"}"
              + " 1.0")
          .contains("jvm_threads_current{ip=\"192.168.3.23\",type=\"gateway\"}")
          .contains("process_start_time_seconds{ip=\"192.168.3.23\",type=\"gateway\"}")
          .contains("check_runs_total{")
          .doesNotContain("check_duration_seconds")
          .doesNotContain("check_last_run_timestamp_seconds");
      assertThat(Promtool.checkMetrics(response.body())).isEmpty();
      assertThat(get(server, "/metrics").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void propertiesFileShouldConfigureTheDefaultRegistryServer() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("checkmetrics.properties"),
            "checkmetrics.port=0\ncheckmetrics.host=127.0.0.1\n",
            StandardCharsets.UTF_8);
    EndpointConfig config =
        EndpointConfig.loader()
            .systemProperties(new Properties())
            .environment(Map.of("CHECKMETRICS_CONFIG", file.toString()))
            .load();

    try (MetricsServer server = MetricsServer.builder().config(config).buildAndStart()) {
      assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void explicitOptionAfterTheConfigurationShouldConflict() {
    EndpointConfig config = config("CHECKMETRICS_PORT", "0");
    assertThatThrownBy(() -> MetricsServer.builder().config(config).port(9400))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("port was already set to 0; cannot set it to 9400");
    assertThatThrownBy(() -> MetricsServer.builder().config(config).config(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("config was already set to " + config + "; cannot set it to " + config);
  }
}

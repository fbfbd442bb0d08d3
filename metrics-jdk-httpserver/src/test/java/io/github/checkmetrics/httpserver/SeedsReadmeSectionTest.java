package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckLabel;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.github.checkmetrics.model.Outcome;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The twins of the code blocks of {@code docs/metric-schema.md} ("Coming from Checkly / Appclacks",
 * "Your own schema"), {@code docs/configuration.md} and {@code docs/expiry-and-cardinality.md}.
 */
class SeedsReadmeSectionTest {

  @Test
  void checklyBlockShouldPrintWhatTheReadmeShows() throws IOException {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);

    // --- README block (System.out replaced by `out`) ---
    PrometheusRegistry registry = new PrometheusRegistry();
    CheckMetrics checkly = CheckMetrics.builder().registry(registry).schema(CheckSchema.CHECKLY).build();
    checkly.register(Check.builder("alerts-fetch").name("Alerts fetch").type("api").tags("alerts", "public").build());
    checkly.record(CheckResult.builder("alerts-fetch", "eu-west-2")
        .outcome(Outcome.PASSED).duration(Duration.ofMillis(138)).build());
    ExpositionWriter.of(registry).write(out, ExpositionFormat.PROMETHEUS_TEXT);
    // --- end of block ---

    assertThat(captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")))
        .containsExactly(
            "checkly_check_result{check_name=\"Alerts fetch\",check_type=\"api\","
                + "region=\"eu-west-2\",tags=\"alerts,public\"} 138.0",
            "checkly_check_status{activated=\"true\",check_name=\"Alerts fetch\","
                + "check_type=\"api\",muted=\"false\",tags=\"alerts,public\"} 1.0",
            "checkly_registrations_rejected_total{limit=\"max_checks\"} 0.0",
            "checkly_registrations_rejected_total{limit=\"max_tags_length\"} 0.0",
            "checkly_registrations_rejected_total{limit=\"max_tags_per_check\"} 0.0",
            "checkly_series_rejected_total 0.0");
  }

  @Test
  void ownSchemaBlockShouldBuild() {
    PrometheusRegistry registry = new PrometheusRegistry();

    // --- README block ---
    CheckSchema schema = CheckSchema.builder()
        .namespace("synthetic")
        .status("up", CheckLabel.CHECK_ID, CheckLabel.CHECK_NAME)
        .lastDuration("latency_milliseconds", TimeUnit.MILLISECONDS, CheckLabel.CHECK_ID, CheckLabel.REGION)
        .runs("runs_total", CheckLabel.CHECK_ID, CheckLabel.REGION)
        .labelName(CheckLabel.REGION, "zone")
        .build();
    CheckMetrics metrics = CheckMetrics.builder().registry(registry).schema(schema).build();
    // --- end of block ---

    assertThat(metrics.namespace()).isEqualTo("synthetic");
  }

  @Test
  void configurationBlockShouldServeWhatTheEnvironmentSays() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    // The README's command line, as an environment (port 0 instead of 9400 in a test).
    Map<String, String> environment =
        Map.of(
            "CHECKMETRICS_PORT", "0",
            "CHECKMETRICS_HOST", "127.0.0.1",
            "CHECKMETRICS_CONSTANT_LABELS", "service=orders,env=prod",
            "CHECKMETRICS_JVM_METRICS", "true");

    // --- README block (EndpointConfig.load() replaced by a loader over `environment`) ---
    EndpointConfig config =
        EndpointConfig.loader().systemProperties(new Properties()).environment(environment).load();
    CheckMetrics checks = CheckMetrics.builder()
        .registry(registry)
        .schema(CheckSchema.DEFAULT.toBuilder().layers("status", "runs").build()) // not a config key
        .build();
    MetricsServer server = MetricsServer.builder().config(config).registry(registry).buildAndStart();
    // --- end of block ---

    try (server) {
      // The default schema with the configured layers (layers were a CheckMetrics option).
      assertThat(checks.schema())
          .isEqualTo(CheckSchema.DEFAULT.toBuilder().layers("status", "runs").build());
      String body =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(body)
          .contains("check_series_rejected_total{env=\"prod\",service=\"orders\"} 0.0")
          .contains("jvm_threads_current{env=\"prod\",service=\"orders\"}");
    }
  }

  @Test
  void expiryAndCardinalityBlockShouldBuild() {
    PrometheusRegistry registry = new PrometheusRegistry();

    // --- README block ---
    CheckMetrics metrics = CheckMetrics.builder()
        .registry(registry)
        .expireAfter(Duration.ofMinutes(10))   // off by default
        .maxSeriesPerFamily(5_000)             // default 10,000
        .maxChecks(1_000)                      // default 20,000
        .maxTagsPerCheck(16)                   // default 64
        .maxTagsLength(1_024)                  // default 4,096 characters, joined with ','
        .build();
    // --- end of block ---

    metrics.close();
    assertThat(registry.scrape().size()).isZero();
  }
}

package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.testkit.Alert;
import io.github.checkmetrics.testkit.FreePorts;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The main job, end to end: the packaged demo jar as its own process, watched by a real Prometheus
 * that loads {@code examples/prometheus/prometheus.yml} and {@code alerts.yml} (pointed at the
 * demo's port, with short {@code for:} durations), asserted through Prometheus' HTTP API.
 */
class DemoIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void demoWatchedByPrometheusShouldReportEveryTargetAndFireCheckFailingForTheFailingOneOnly(
      PrometheusVersion version) throws Exception {
    version.requireOrSkip();
    Path jar = Path.of(System.getProperty("checkmetricsTest.demoJar", "target/checkmetrics-demo.jar"));
    assertThat(jar).as("the demo jar, built by mvn package").isRegularFile();
    int port = FreePorts.loopbackPort();
    Path console = dir.resolve("demo-console.txt");
    Process demo =
        new ProcessBuilder(
                javaBinary(),
                "-jar",
                jar.toString(),
                "--port",
                Integer.toString(port),
                // 3 s leaves each probe of a loopback target 3 s (the timeout is at most the
                // interval): a loaded CI machine must not turn the healthy target into a failure
                "--interval",
                "3s",
                "--timeout",
                "3s",
                "--region",
                "it-region")
            .redirectErrorStream(true)
            .redirectOutput(console.toFile())
            .start();
    try {
      awaitConsole(demo, console, "serving metrics at http://localhost:" + port + "/metrics");

      try (PrometheusServer prometheus =
          PrometheusServer.builder()
              .version(version)
              .scrapeConfigsYaml(PrometheusFiles.scrapeConfigs("127.0.0.1:" + port))
              .ruleFile("alerts.yml", PrometheusFiles.alertsWithShortFor("3s"))
              .start()) {
        prometheus.awaitTargetHealth("checkmetrics-demo", "up", WAIT);

        assertThat(value(prometheus, "check_status{check_id=\"demo-failing\"}", 0)).isZero();
        assertThat(value(prometheus, "check_status{check_id=\"demo-healthy\"}", 1)).isOne();
        assertThat(value(prometheus, "check_status{check_id=\"demo-slow\"}", 1)).isOne();
        assertThat(value(prometheus, "check_degraded{check_id=\"demo-slow\"}", 1)).isOne();
        assertThat(value(prometheus, "check_degraded{check_id=\"demo-healthy\"}", 0)).isZero();
        assertThat(
                prometheus.awaitQuery(
                    "check_runs_total{region=\"it-region\",status=\"failure\"} > 0",
                    samples -> !samples.isEmpty(),
                    WAIT))
            .extracting(s -> s.label("check_id"))
            .containsExactly("demo-failing");

        Alert firing = prometheus.awaitAlert("CheckFailing", "firing", WAIT);
        assertThat(firing.labels()).containsEntry("check_id", "demo-failing");
        assertThat(firing.annotations()).containsEntry("reasons", "it-region: unexpected_status; ");
        assertThat(prometheus.alerts())
            .filteredOn(alert -> alert.name().equals("CheckFailing"))
            .extracting(alert -> alert.labels().get("check_id"))
            .containsOnly("demo-failing");

        for (String expression : PrometheusFiles.dashboardExpressions()) {
          String promql = PrometheusFiles.withGrafanaVariables(expression);
          assertThat(prometheus.awaitQuery(promql, samples -> !samples.isEmpty(), WAIT))
              .as("dashboard expression %s", promql)
              .isNotEmpty();
        }
        // client_java's JVM and process metrics are served with the checks.
        assertThat(prometheus.query("jvm_memory_used_bytes{job=\"checkmetrics-demo\"}")).isNotEmpty();
        assertThat(prometheus.query("process_cpu_seconds_total{job=\"checkmetrics-demo\"}"))
            .isNotEmpty();
      }

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/healthy"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(read(console))
          .contains("3 checks: 1 passing, 1 degraded, 1 failing (demo-failing: unexpected_status)");
    } finally {
      // SIGTERM, as Ctrl-C would: the demo closes its runner, server and targets and says so.
      demo.destroy();
      if (!demo.waitFor(30, TimeUnit.SECONDS)) {
        demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    assertThat(read(console)).contains("Stopping...").endsWith("Stopped.\n");
  }

  private static double value(PrometheusServer prometheus, String promql, double expected) {
    List<Sample> samples =
        prometheus.awaitQuery(
            promql, s -> s.size() == 1 && s.get(0).value() == expected, WAIT);
    return samples.get(0).value();
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static void awaitConsole(Process demo, Path console, String expected)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!read(console).contains(expected)) {
      assertThat(demo.isAlive()).as("demo running; its console:%n%s", read(console)).isTrue();
      assertThat(System.nanoTime())
          .as("demo started within %s; its console:%n%s", WAIT, read(console))
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}

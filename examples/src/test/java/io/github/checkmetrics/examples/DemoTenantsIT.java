package io.github.checkmetrics.examples;

import static io.github.checkmetrics.examples.DemoIT.awaitConsole;
import static io.github.checkmetrics.examples.DemoIT.javaBinary;
import static io.github.checkmetrics.examples.DemoIT.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.checkmetrics.testkit.FreePorts;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.Sample;
import io.github.checkmetrics.testkit.Target;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tenant mode end to end: the packaged demo jar as its own process with {@code
 * examples/prometheus/tenants/tenants.txt} (its URLs moved to a loopback target of this test),
 * scraped by a real Prometheus running that directory's {@code prometheus.yml}: one job per tenant
 * in both shapes (bearer token on the tenant's path, basic auth on {@code /metrics}) and a job with
 * a token no tenant has. Each tenant job's {@code check_status} holds exactly that tenant's checks
 * and nothing else of the demo's registry; the wrong-token job is down.
 */
class DemoTenantsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Each tenant job and the check ids its tenant has in tenants.txt. */
  private static final Map<String, Set<String>> CHECKS_BY_JOB =
      Map.of(
          "tenant-acme", Set.of("acme-1", "acme-2"),
          "tenant-globex", Set.of("globex-1", "globex-2"),
          "tenant-initech", Set.of("initech-1"));

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void eachTenantJobShouldSeeExactlyItsTenantsChecksAndTheWrongTokenJobShouldBeDown(
      PrometheusVersion version) throws Exception {
    version.requireOrSkip();
    Path jar =
        Path.of(System.getProperty("checkmetricsTest.demoJar", "target/checkmetrics-demo.jar"));
    assertThat(jar).as("the demo jar, built by mvn package").isRegularFile();
    HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    target.start();
    String targetBase = "http://127.0.0.1:" + target.getAddress().getPort();
    Path tenants =
        Files.writeString(
            dir.resolve("tenants.txt"),
            read(PrometheusFiles.tenantsDirectory().resolve("tenants.txt"))
                .replace("http://localhost:9090", targetBase));
    int port = FreePorts.loopbackPort();
    Path console = dir.resolve("demo-console.txt");
    Process demo =
        new ProcessBuilder(
                javaBinary(),
                "-jar",
                jar.toString(),
                "--tenants-file",
                tenants.toString(),
                "--port",
                Integer.toString(port),
                "--interval",
                "3s",
                "--timeout",
                "3s")
            .redirectErrorStream(true)
            .redirectOutput(console.toFile())
            .start();
    try {
      awaitConsole(demo, console, "checkmetrics demo: serving");

      try (PrometheusServer prometheus =
          PrometheusServer.builder()
              .version(version)
              .scrapeConfigsYaml(
                  PrometheusFiles.scrapeConfigs(
                      PrometheusFiles.tenantsDirectory().resolve("prometheus.yml"),
                      "127.0.0.1:" + port))
              .start()) {
        for (Map.Entry<String, Set<String>> job : CHECKS_BY_JOB.entrySet()) {
          String name = job.getKey();
          assertThat(prometheus.awaitTargetHealth(name, "up", WAIT)).hasSize(1);
          List<Sample> statuses =
              prometheus.awaitQuery(
                  "check_status{job=\"" + name + "\"}",
                  samples -> checkIds(samples).equals(job.getValue()),
                  WAIT);
          assertThat(checkIds(statuses)).as(name).isEqualTo(job.getValue());
          // The tenant's view has no tenant label (it is the tenant's own endpoint) and nothing of
          // the platform: no JVM or process metrics of the demo.
          assertThat(statuses).allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("tenant"));
          assertThat(
                  prometheus.query(
                      "{job=\"" + name + "\",__name__=~\"jvm_.*|process_.*\"}"))
              .as("%s: JVM or process series", name)
              .isEmpty();
          assertThat(
                  prometheus.query(
                      "{job=\"" + name + "\",check_id!=\"\",check_id!~\"" + tenantOf(name)
                          + "-[0-9]+\"}"))
              .as("%s: series of another tenant's checks", name)
              .isEmpty();
        }
        // globex-2 checks a port nothing listens on: the failing check of the file.
        assertThat(
                prometheus.awaitQuery(
                    "check_status{job=\"tenant-globex\",check_id=\"globex-2\"} == 0",
                    samples -> samples.size() == 1,
                    WAIT))
            .hasSize(1);

        List<Target> wrong =
            prometheus.awaitTargetHealth(TenantPrometheusFilesTest.WRONG_TOKEN_JOB, "down", WAIT);
        assertThat(wrong).singleElement().satisfies(t -> assertThat(t.lastError()).contains("401"));
        assertThat(
                prometheus.awaitQuery(
                    "up{job=\"" + TenantPrometheusFilesTest.WRONG_TOKEN_JOB + "\"} == 0",
                    samples -> samples.size() == 1,
                    WAIT))
            .hasSize(1);
        assertThat(
                prometheus.query(
                    "check_status{job=\"" + TenantPrometheusFilesTest.WRONG_TOKEN_JOB + "\"}"))
            .isEmpty();
      }
    } finally {
      demo.destroy();
      if (!demo.waitFor(30, TimeUnit.SECONDS)) {
        demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      target.stop(0);
    }
    String output = read(console);
    assertThat(output).contains("Stopping...").endsWith("Stopped.\n");
    for (String token : List.of("acme-demo-token", "globex-demo-token", "initech-demo-token")) {
      assertThat(output).as("the console shows no token").doesNotContain(token);
    }
    assertThat(Files.readString(tenants, StandardCharsets.UTF_8)).contains(targetBase);
  }

  private static String tenantOf(String job) {
    return job.substring("tenant-".length());
  }

  private static Set<String> checkIds(List<Sample> samples) {
    return samples.stream().map(s -> s.label("check_id")).collect(Collectors.toCollection(TreeSet::new));
  }
}

package io.github.checkmetrics.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.Sample;
import io.github.checkmetrics.testkit.ScrapeJob;
import io.github.checkmetrics.testkit.Target;
import io.github.checkmetrics.testkit.TestCertificate;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Prometheus (2.42 and 3.5, see {@link PrometheusVersion}) scrapes secured {@link MetricsServer}s the way
 * the seed systems are scraped: a bearer token (Checkly), basic auth (Appclacks) and HTTPS
 * trusting the test certificate; a wrong token leaves its target down with a 401, and rotating the
 * token file moves Prometheus from one token to the next without a restart. Skipped locally when
 * the binary is missing; mandatory in CI ({@code -DcheckmetricsTest.requireTools=true}).
 */
class MetricsServerSecuredPrometheusTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String OLD_TOKEN = "old-token-7f3a9c";
  private static final String NEW_TOKEN = "new-token-52e1b8";
  private static final String USER = "org-42";
  private static final String PASSWORD = "p\u00e4ss-w\u00f6rd 42";

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void prometheusShouldScrapeWithTheRightCredentialsOnlyOverHttpAndHttps(
      PrometheusVersion version, @TempDir Path directory) throws Exception {
    PrometheusRegistry registry = CheckRegistries.checkRegistry();
    TestCertificate certificate = TestCertificate.generate(directory, "EC");
    Path tokenFile = Files.writeString(directory.resolve("tokens"), OLD_TOKEN + "\n");
    Map<String, String> environment = Map.of("METRICS_PASSWORD", PASSWORD);

    try (MetricsServer bearer = start(MetricsServer.builder().handler(ScrapeHandler.builder().registry(registry)
            .authentication(Authentication.bearerToken(Secret.file(tokenFile))).build()));
        MetricsServer basic = start(MetricsServer.builder().handler(ScrapeHandler.builder().registry(registry)
            .authentication(Authentication.basic(
                USER, Secret.environmentVariable("METRICS_PASSWORD", environment::get))).build()));
        MetricsServer https = start(MetricsServer.builder()
            .https(certificate.keystore(), Secret.value(certificate.password()))
            .handler(ScrapeHandler.builder().registry(registry)
                .authentication(Authentication.bearerToken(Secret.value(NEW_TOKEN))).build()));
        PrometheusServer prometheus = PrometheusServer.builder()
            .version(version)
            .scrapeJob(ScrapeJob.builder("bearer").target(bearer.address())
                .bearerToken(OLD_TOKEN).build())
            .scrapeJob(ScrapeJob.builder("rotated").target(bearer.address())
                .bearerToken(NEW_TOKEN).build())
            .scrapeJob(ScrapeJob.builder("basic").target(basic.address())
                .basicAuth(USER, PASSWORD).build())
            .scrapeJob(ScrapeJob.builder("https").target(https.address())
                .https(certificate.certificatePem()).bearerToken(NEW_TOKEN).build())
            .scrapeJob(ScrapeJob.builder("wrong-token").target(bearer.address())
                .bearerToken("wrong-token").build())
            .start()) {

      for (String job : List.of("bearer", "basic", "https")) {
        assertThat(prometheus.awaitTargetHealth(job, "up", WAIT)).hasSize(1);
        assertStatusQueryable(prometheus, job);
      }
      assertThat(prometheus.query("up{job=\"https\"}").get(0).labels())
          .containsEntry("instance", "127.0.0.1:" + https.port());
      assertRefused(prometheus, "wrong-token");
      assertRefused(prometheus, "rotated");

      // Rotation without restart: both tokens for a while, then only the new one.
      Files.writeString(tokenFile, OLD_TOKEN + "\n" + NEW_TOKEN + "\n");
      prometheus.awaitTargetHealth("rotated", "up", WAIT);
      assertThat(prometheus.awaitTargetHealth("bearer", "up", WAIT)).hasSize(1);
      Files.writeString(tokenFile, NEW_TOKEN + "\n");
      assertRefused(prometheus, "bearer");
      prometheus.awaitTargetHealth("rotated", "up", WAIT);
      assertStatusQueryable(prometheus, "rotated");
      // The target of the wrong token never produced a sample.
      assertThat(prometheus.query("check_status{job=\"wrong-token\"}")).isEmpty();
    }
  }

  private static void assertStatusQueryable(PrometheusServer prometheus, String job) {
    List<Sample> status =
        prometheus.awaitQuery(
            "check_status{job=\"" + job + "\"}", samples -> samples.size() == 2, WAIT);
    Map<String, Double> byCheck =
        status.stream().collect(Collectors.toMap(s -> s.label("check_id"), Sample::value));
    assertThat(byCheck).as(job).containsExactlyInAnyOrderEntriesOf(Map.of("db", 1.0, "api", 0.0));
  }

  private static void assertRefused(PrometheusServer prometheus, String job) {
    List<Target> targets = prometheus.awaitTargetHealth(job, "down", WAIT);
    assertThat(targets).hasSize(1);
    assertThat(targets.get(0).lastError()).as(job).contains("401 Unauthorized");
  }

  private static MetricsServer start(MetricsServer.Builder builder) {
    return builder.host("127.0.0.1").port(0).buildAndStart();
  }
}

package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.exposition.Authentication;
import io.github.checkmetrics.exposition.EndpointConfig;
import io.github.checkmetrics.exposition.ScrapeHandler;
import io.github.checkmetrics.exposition.Secret;
import io.github.checkmetrics.httpserver.MetricsServer;
import io.github.checkmetrics.testkit.CheckRegistries;
import io.github.checkmetrics.testkit.ProcessResult;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.Promtool;
import io.github.checkmetrics.testkit.TestCertificate;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code examples/prometheus/secured}: its {@code prometheus.yml} passes {@code promtool check
 * config}, its credential files are what the library reads, and a real Prometheus running its
 * three jobs (targets moved to free ports) scrapes {@link MetricsServer}s configured from those
 * files (bearer token, basic auth, HTTPS), and the demo started with them as {@code docs/demo.md} shows.
 */
class SecuredPrometheusFilesTest {

  private static final Path DIRECTORY = Path.of("prometheus/secured").toAbsolutePath();
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void configShouldPassPromtoolCheckConfig(@TempDir Path copy) throws IOException {
    for (String file : List.of("prometheus.yml", "demo-token", "demo-basic-auth")) {
      Files.copy(DIRECTORY.resolve(file), copy.resolve(file));
    }
    Files.copy(TestCertificate.generate(copy, "EC").certificatePem(), copy.resolve("demo-ca.pem"));

    ProcessResult result = Promtool.checkConfig(copy.resolve("prometheus.yml"));

    assertThat(result.succeeded()).as(result.output()).isTrue();
  }

  @Test
  void basicAuthJobShouldSendTheUserAndPasswordOfTheDemoFile() throws IOException {
    String yaml = Files.readString(DIRECTORY.resolve("prometheus.yml"));
    Matcher basic = Pattern.compile("username: (\\S+)\\n\\s+password: (\\S+)\\n").matcher(yaml);

    assertThat(basic.find()).isTrue();
    assertThat(Files.readString(DIRECTORY.resolve("demo-basic-auth")).strip())
        .isEqualTo(basic.group(1) + ":" + basic.group(2));
  }

  private static ScrapeHandler handler(
      PrometheusRegistry registry, Authentication authentication) {
    return ScrapeHandler.builder().registry(registry).authentication(authentication).build();
  }

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void prometheusShouldScrapeEveryJobWithTheDemoCredentials(
      PrometheusVersion version, @TempDir Path directory) throws IOException {
    PrometheusRegistry registry = CheckRegistries.checkRegistry();
    TestCertificate certificate = TestCertificate.generate(directory, "EC");
    Path token = DIRECTORY.resolve("demo-token");
    try (MetricsServer bearer = start(MetricsServer.builder()
            .handler(handler(registry, Authentication.bearerToken(Secret.file(token)))));
        MetricsServer basic = start(MetricsServer.builder()
            .handler(handler(registry,
                Authentication.basic(Secret.file(DIRECTORY.resolve("demo-basic-auth"))))));
        MetricsServer https = start(MetricsServer.builder()
            .https(certificate.keystore(), Secret.value(certificate.password()))
            .handler(handler(registry, Authentication.bearerToken(Secret.file(token)))));
        PrometheusServer prometheus = PrometheusServer.builder()
            .version(version)
            .scrapeConfigsYaml(scrapeConfigs()
                .replace("'localhost:9400'", "'127.0.0.1:" + bearer.port() + "'")
                .replace("'localhost:9401'", "'127.0.0.1:" + basic.port() + "'")
                .replace("'localhost:9443'", "'127.0.0.1:" + https.port() + "'")
                .replace("credentials_file: demo-token", "credentials_file: " + token)
                .replace("ca_file: demo-ca.pem", "ca_file: " + certificate.certificatePem()))
            .start()) {
      for (String job : List.of("checkmetrics-bearer", "checkmetrics-basic", "checkmetrics-https")) {
        assertThat(prometheus.awaitTargetHealth(job, "up", WAIT)).hasSize(1);
        prometheus.awaitQuery(
            "check_status{job=\"" + job + "\"}", samples -> samples.size() == 2, WAIT);
      }
    }
  }

  /**
   * The demo started as {@code docs/demo.md} says (the credential flags; HTTPS through {@code
   * CHECKMETRICS_TLS_*}), scraped by a real Prometheus running this directory's three jobs.
   */
  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void prometheusShouldScrapeTheDemoStartedWithItsCredentialFlags(
      PrometheusVersion version, @TempDir Path directory) {
    version.requireOrSkip();
    TestCertificate certificate = TestCertificate.generate(directory, "EC");
    String token = DIRECTORY.resolve("demo-token").toString();
    String basicAuth = DIRECTORY.resolve("demo-basic-auth").toString();
    DemoConsole https = new DemoConsole();

    withDemo(
        new DemoConsole(),
        DemoConsole.environment(),
        bearer ->
            withDemo(
                new DemoConsole(),
                DemoConsole.environment(),
                basic ->
                    withDemo(
                        https,
                        DemoConsole.environment(
                            "CHECKMETRICS_TLS_KEYSTORE", certificate.keystore().toString(),
                            "CHECKMETRICS_TLS_KEYSTORE_PASSWORD", certificate.password()),
                        secured -> scrape(version, certificate, bearer, basic, secured),
                        "--bearer-token-file", token),
                "--basic-auth-file", basicAuth),
        "--bearer-token-file", token);

    assertThat(https.out()).contains("serving metrics at https://localhost:");
  }

  /** Runs the demo on a free port with {@code options} around {@code body}; it must exit 0. */
  private static void withDemo(
      DemoConsole console, EndpointConfig.Loader config, Consumer<Demo> body, String... options) {
    List<String> args = new ArrayList<>(List.of("--port", "0", "--interval", "1s"));
    args.addAll(List.of(options));
    int code = console.run(args.toArray(String[]::new), config, body);
    assertThat(code).as("exit code; console:%n%s%s", console.out(), console.err()).isZero();
  }

  private static void scrape(
      PrometheusVersion version, TestCertificate certificate, Demo bearer, Demo basic, Demo https) {
    String configs;
    try {
      configs = scrapeConfigs();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (PrometheusServer prometheus =
        PrometheusServer.builder()
            .version(version)
            .scrapeConfigsYaml(
                configs
                    .replace("'localhost:9400'", "'127.0.0.1:" + bearer.port() + "'")
                    .replace("'localhost:9401'", "'127.0.0.1:" + basic.port() + "'")
                    .replace("'localhost:9443'", "'127.0.0.1:" + https.port() + "'")
                    .replace(
                        "credentials_file: demo-token",
                        "credentials_file: " + DIRECTORY.resolve("demo-token"))
                    .replace("ca_file: demo-ca.pem", "ca_file: " + certificate.certificatePem()))
            .start()) {
      for (String job : List.of("checkmetrics-bearer", "checkmetrics-basic", "checkmetrics-https")) {
        assertThat(prometheus.awaitTargetHealth(job, "up", WAIT)).hasSize(1);
        prometheus.awaitQuery(
            "check_status{job=\"" + job + "\",check_id=~\"demo-.*\"}",
            samples -> samples.size() == 3,
            WAIT);
      }
    }
  }

  /** The entries of {@code scrape_configs}, unindented, for {@code scrapeConfigsYaml}. */
  private static String scrapeConfigs() throws IOException {
    String yaml = Files.readString(DIRECTORY.resolve("prometheus.yml"));
    String entries = yaml.substring(yaml.indexOf("\nscrape_configs:\n") + "\nscrape_configs:\n".length());
    StringBuilder unindented = new StringBuilder();
    entries.lines().forEach(line -> unindented.append(line.startsWith("  ") ? line.substring(2) : line)
        .append('\n'));
    return unindented.toString();
  }

  private static MetricsServer start(MetricsServer.Builder builder) {
    return builder.host("127.0.0.1").port(0).buildAndStart();
  }
}

package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PrometheusVersion;
import io.github.checkmetrics.testkit.ProcessResult;
import io.github.checkmetrics.testkit.Promtool;
import io.github.checkmetrics.testkit.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code examples/prometheus/tenants}: its {@code prometheus.yml} passes {@code promtool check
 * config} and loads in a real Prometheus 2.42 and 3.5, and each job presents the credential of the
 * tenant it names in {@code tenants.txt} (the file the demo reads), in the shape it claims: the
 * tenant's path with its bearer token, or the fixed path with basic auth {@code TENANT:TOKEN}; the
 * wrong-token job a token no tenant has. {@code DemoTenantsIT} runs these jobs against the demo.
 */
class TenantPrometheusFilesTest {

  static final List<String> TENANT_JOBS = List.of("tenant-acme", "tenant-initech", "tenant-globex");
  static final String WRONG_TOKEN_JOB = "tenant-wrong-token";

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path DOCS = Path.of("../docs/tenants.md");
  private static final Path README = Path.of("../README.md");

  private final Path directory = PrometheusFiles.tenantsDirectory();

  @Test
  void configShouldPassPromtoolCheckConfig(@TempDir Path copy) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }

    ProcessResult result = Promtool.checkConfig(copy.resolve("prometheus.yml"));

    assertThat(result.succeeded()).as(result.output()).isTrue();
  }

  /** promtool is 2.42 here; Prometheus 3.5 checks the configuration when it loads it. */
  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void configShouldLoadInPrometheusWithEveryJob(PrometheusVersion version) {
    try (PrometheusServer prometheus =
        PrometheusServer.builder()
            .version(version)
            .scrapeConfigsYaml(
                PrometheusFiles.scrapeConfigs(directory.resolve("prometheus.yml"), "127.0.0.1:1"))
            .start()) {
      // Nothing listens on port 1: every job's one target is there, and down.
      for (String job : jobNames()) {
        assertThat(prometheus.awaitTargetHealth(job, "down", WAIT))
            .extracting(Target::scrapeUrl)
            .containsExactly("http://127.0.0.1:1" + job(job).get("metrics_path"));
      }
    }
  }

  @Test
  void everyTenantJobShouldPresentItsTenantsCredentialInTheShapeItClaims() throws Exception {
    Map<String, String> tokens = DemoTenants.read(directory.resolve("tenants.txt")).tokens();

    assertThat(jobNames()).containsExactlyInAnyOrder("tenant-acme", "tenant-initech",
        "tenant-globex", WRONG_TOKEN_JOB);
    // Checkly's shape: the tenant's own path and its bearer token, in either spelling.
    assertThat(job("tenant-acme"))
        .containsEntry("metrics_path", "/accounts/acme/metrics")
        .containsEntry("authorization", Map.of("type", "Bearer", "credentials_file", "acme-token"));
    assertThat(file("acme-token")).isEqualTo(tokens.get("acme"));
    assertThat(job("tenant-initech"))
        .containsEntry("metrics_path", "/accounts/initech/metrics")
        .containsEntry("bearer_token_file", "initech-token");
    assertThat(file("initech-token")).isEqualTo(tokens.get("initech"));
    // Appclacks' shape: the fixed path, the tenant id as the user, its token as the password.
    assertThat(job("tenant-globex"))
        .containsEntry("metrics_path", "/metrics")
        .containsEntry("basic_auth", Map.of("username", "globex", "password_file", "globex-token"));
    assertThat(file("globex-token")).isEqualTo(tokens.get("globex"));
    // A tenant's path with a token no tenant has.
    assertThat(job(WRONG_TOKEN_JOB))
        .containsEntry("metrics_path", "/accounts/acme/metrics")
        .containsEntry("authorization", Map.of("type", "Bearer", "credentials_file", "wrong-token"));
    assertThat(tokens).doesNotContainValue(file("wrong-token"));
  }

  /** docs/tenants.md shows these jobs; the tests above are what make its block true. */
  @Test
  void docsShouldShowTheJobsOfThisFile() throws IOException {
    String yaml = PrometheusFiles.read(directory.resolve("prometheus.yml"));
    String jobs = yaml.substring(yaml.indexOf("scrape_configs:\n"));

    assertThat(Files.readString(DOCS)).contains("```yaml\n" + jobs + "```\n");
  }

  /** The README's section shows two of these jobs, shortened; they pass promtool as written. */
  @Test
  void readmeJobsShouldPassPromtoolCheckConfig(@TempDir Path copy) throws IOException {
    String readme = Files.readString(README);
    String section = readme.substring(readme.indexOf("## Building a check platform endpoint"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String jobs = section.substring(start, section.indexOf("```\n", start));
    for (String file : List.of("acme-token", "globex-token")) {
      Files.copy(directory.resolve(file), copy.resolve(file));
    }
    Path config =
        Files.writeString(
            copy.resolve("prometheus.yml"),
            "scrape_configs:\n" + jobs.replaceAll("(?m)^", "  "));

    ProcessResult result = Promtool.checkConfig(config);

    assertThat(jobs).contains("job_name: tenant-acme", "job_name: tenant-globex");
    assertThat(result.succeeded()).as(result.output()).isTrue();
  }

  private String file(String name) throws IOException {
    return Files.readString(directory.resolve(name)).strip();
  }

  /** @return the job names of prometheus.yml, in its order */
  List<String> jobNames() {
    return jobs().stream().map(job -> (String) job.get("job_name")).toList();
  }

  private Map<String, Object> job(String name) {
    return jobs().stream()
        .filter(job -> name.equals(job.get("job_name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("prometheus.yml has no job " + name));
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> jobs() {
    Map<String, Object> config =
        (Map<String, Object>)
            new Load(LoadSettings.builder().build())
                .loadFromString(PrometheusFiles.read(directory.resolve("prometheus.yml")));
    return (List<Map<String, Object>>) config.get("scrape_configs");
  }
}

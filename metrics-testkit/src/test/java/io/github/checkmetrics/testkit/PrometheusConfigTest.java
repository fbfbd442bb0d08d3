package io.github.checkmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrometheusConfigTest {

  private static final String RULES = """
      groups:
        - name: checks
          rules:
            - alert: CheckFailing
              expr: check_status == 0
      """;

  private static PrometheusServer.Builder fullBuilder() {
    return PrometheusServer.builder()
        .scrapeInterval(Duration.ofMillis(500))
        .evaluationInterval(Duration.ofSeconds(2))
        .scrapeSelf("prometheus")
        .scrapeJob(ScrapeJob.builder("app").target("127.0.0.1:8080").bearerToken("t").build())
        .scrapeConfigsYaml("""
            - job_name: raw
              static_configs:
                - targets: ['127.0.0.1:9999']
            """)
        .ruleFile("checks.yml", RULES)
        .enableFeature("native-histograms");
  }

  @Test
  void renderShouldWriteGlobalsRulesAndJobsInOrder() {
    PrometheusConfig config = fullBuilder().config();

    assertThat(config.render("127.0.0.1:4242", Path.of("/tmp/x/rules"))).isEqualTo("""
        # Written by checkmetrics' PrometheusServer test kit.
        global:
          scrape_interval: 500ms
          evaluation_interval: 2000ms
        rule_files:
          - "/tmp/x/rules/checks.yml"
        scrape_configs:
          - job_name: "prometheus"
            static_configs:
              - targets: ["127.0.0.1:4242"]
          - job_name: "app"
            authorization:
              type: Bearer
              credentials: "t"
            static_configs:
              - targets: ["127.0.0.1:8080"]
          - job_name: raw
            static_configs:
              - targets: ['127.0.0.1:9999']
        """);
    assertThat(config.ruleFiles()).containsExactly(Map.entry("checks.yml", RULES));
    assertThat(config.features()).containsExactly("native-histograms");
    assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void renderWithoutJobsShouldWriteEmptyScrapeConfigs() {
    assertThat(PrometheusServer.builder().config().render("127.0.0.1:1", Path.of("/r")))
        .isEqualTo("""
            # Written by checkmetrics' PrometheusServer test kit.
            global:
              scrape_interval: 1000ms
              evaluation_interval: 1000ms
            scrape_configs: []
            """);
  }

  @Test
  void renderedConfigShouldPassPromtoolCheckConfig(@TempDir Path directory) throws IOException {
    Path rules = Files.createDirectory(directory.resolve("rules"));
    Files.writeString(rules.resolve("checks.yml"), RULES);
    Path file = Files.writeString(directory.resolve("prometheus.yml"),
        fullBuilder().config().render("127.0.0.1:4242", rules));

    ProcessResult result = Promtool.checkConfig(file);

    assertThat(result.succeeded()).as(result.output()).isTrue();
  }

  static Stream<Arguments> invalidOptions() {
    return Stream.of(
        invalid(IllegalArgumentException.class,
            "scrape interval must be a positive whole number of milliseconds: PT-1S",
            () -> PrometheusServer.builder().scrapeInterval(Duration.ofSeconds(-1))),
        invalid(IllegalStateException.class, "scrape interval was already set to PT1S",
            () -> PrometheusServer.builder().scrapeInterval(Duration.ofSeconds(1))
                .scrapeInterval(Duration.ofSeconds(1))),
        invalid(IllegalStateException.class, "evaluation interval was already set to PT1S",
            () -> PrometheusServer.builder().evaluationInterval(Duration.ofSeconds(1))
                .evaluationInterval(Duration.ofSeconds(1))),
        invalid(IllegalArgumentException.class,
            "start timeout must be a positive whole number of milliseconds: PT0S",
            () -> PrometheusServer.builder().startTimeout(Duration.ZERO)),
        invalid(IllegalStateException.class, "scrape job \"app\" was already added",
            () -> PrometheusServer.builder()
                .scrapeJob(ScrapeJob.builder("app").target("127.0.0.1:1").build())
                .scrapeJob(ScrapeJob.builder("app").target("127.0.0.1:2").build())),
        invalid(IllegalStateException.class, "scrape job \"app\" was already added",
            () -> PrometheusServer.builder().scrapeSelf("app")
                .scrapeJob(ScrapeJob.builder("app").target("127.0.0.1:1").build())),
        invalid(IllegalStateException.class, "self-scraping job was already set to \"a\"",
            () -> PrometheusServer.builder().scrapeSelf("a").scrapeSelf("b")),
        invalid(IllegalArgumentException.class,
            "job name must match [a-zA-Z0-9_.:-]{1,128}: \"\"",
            () -> PrometheusServer.builder().scrapeSelf("")),
        invalid(IllegalStateException.class, "raw scrape configs were already set",
            () -> PrometheusServer.builder().scrapeConfigsYaml("").scrapeConfigsYaml("")),
        invalid(IllegalArgumentException.class,
            "rule file name must match [a-zA-Z0-9_-]{1,64}\\.ya?ml: \"../rules.yml\"",
            () -> PrometheusServer.builder().ruleFile("../rules.yml", RULES)),
        invalid(IllegalStateException.class, "rule file \"r.yml\" was already added",
            () -> PrometheusServer.builder().ruleFile("r.yml", RULES).ruleFile("r.yml", RULES)),
        invalid(IllegalArgumentException.class,
            "feature must match [a-z0-9-]{1,64}: \"native histograms\"",
            () -> PrometheusServer.builder().enableFeature("native histograms")),
        invalid(IllegalStateException.class, "feature \"exemplar-storage\" was already enabled",
            () -> PrometheusServer.builder().enableFeature("exemplar-storage")
                .enableFeature("exemplar-storage")),
        invalid(NullPointerException.class, "job", () -> PrometheusServer.builder().scrapeJob(null)),
        invalid(NullPointerException.class, "yaml",
            () -> PrometheusServer.builder().ruleFile("r.yml", null)));
  }

  @ParameterizedTest
  @MethodSource("invalidOptions")
  void builderWithInvalidOptionShouldThrow(Class<? extends Throwable> type, String message,
      Runnable configuration) {
    assertThatThrownBy(configuration::run).isInstanceOf(type).hasMessage(message);
  }

  private static Arguments invalid(Class<? extends Throwable> type, String message,
      Runnable configuration) {
    return Arguments.of(type, message, configuration);
  }
}

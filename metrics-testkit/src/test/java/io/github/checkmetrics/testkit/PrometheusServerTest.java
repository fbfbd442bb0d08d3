package io.github.checkmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrometheusServerTest {

  /** Covers Prometheus 2.42's 5 s target discovery delay with room for a slow machine. */
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final String EXPOSITION = """
      # HELP check_status 1 when the latest run of the check passed, else 0.
      # TYPE check_status gauge
      check_status{check_id="login"} 0
      check_status{check_id="search"} 1
      """;

  private static final String RULES = """
      groups:
        - name: checks
          rules:
            - record: job:check_status:min
              expr: min by (job) (check_status)
            - alert: CheckFailing
              expr: check_status == 0
              labels:
                severity: page
              annotations:
                summary: "check {{ $labels.check_id }} is failing"
      """;

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void serverShouldScrapeItselfAndCloseShouldLeaveNothingBehind(PrometheusVersion version) {
    PrometheusServer prometheus =
        PrometheusServer.builder().version(version).scrapeSelf("prometheus").start();
    long pid = prometheus.pid();
    Path directory = prometheus.directory();
    try {
      assertThat(ProcessHandle.of(pid)).hasValueSatisfying(
          process -> assertThat(process.isAlive()).isTrue());
      assertThat(directory.resolve("prometheus.yml")).isRegularFile();

      List<Target> targets = prometheus.awaitTargetHealth("prometheus", "up", TIMEOUT);
      List<Sample> up = prometheus.awaitQuery("up", result -> !result.isEmpty(), TIMEOUT);

      assertThat(targets).singleElement().satisfies(target -> {
        assertThat(target.scrapeUrl()).isEqualTo(prometheus.baseUri().resolve("metrics").toString());
        assertThat(target.lastError()).isEmpty();
        assertThat(target.labels()).containsEntry("instance", prometheus.address());
      });
      assertThat(up).singleElement().satisfies(sample -> {
        assertThat(sample.name()).isEqualTo("up");
        assertThat(sample.value()).isEqualTo(1.0);
        assertThat(sample.label("job")).isEqualTo("prometheus");
        assertThat(sample.label("instance")).isEqualTo(prometheus.address());
      });
      assertThat(prometheus.version()).isEqualTo(version);
      assertThat(prometheus.logTail(100)).contains("Server is ready to receive web requests.")
          .contains("version=" + version);
    } finally {
      prometheus.close();
    }

    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(directory).doesNotExist();
    prometheus.close(); // a second close does nothing
    assertThat(prometheus.logTail(5)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PrometheusVersion.class)
  void scrapeJobsShouldSendPathParamsAndCredentialsAndRulesShouldEvaluate(PrometheusVersion version)
      throws IOException {
    List<String> queries = new CopyOnWriteArrayList<>();
    HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/prometheus", exchange -> {
      queries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
      boolean authorized =
          "Bearer s3cret".equals(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = (authorized ? EXPOSITION : "unauthorized\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type",
          authorized ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain");
      exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    app.start();
    try (PrometheusServer prometheus = PrometheusServer.builder()
        .version(version)
        .scrapeJob(ScrapeJob.builder("app").target(app.getAddress()).metricsPath("/prometheus")
            .param("format", "prometheus").bearerToken("s3cret").build())
        .scrapeJob(ScrapeJob.builder("intruder").target(app.getAddress())
            .metricsPath("/prometheus").bearerToken("wrong").build())
        .ruleFile("checks.yml", RULES)
        .start()) {

      prometheus.awaitTargetHealth("app", "up", TIMEOUT);
      List<Target> denied = prometheus.awaitTargetHealth("intruder", "down", TIMEOUT);
      Alert alert = prometheus.awaitAlert("CheckFailing", "firing", TIMEOUT);
      List<Sample> recorded =
          prometheus.awaitQuery("job:check_status:min", result -> !result.isEmpty(), TIMEOUT);

      assertThat(queries).contains("format=prometheus");
      assertThat(denied).singleElement()
          .satisfies(target -> assertThat(target.lastError()).contains("401"));
      assertThat(alert.labels()).containsEntry("check_id", "login").containsEntry("job", "app")
          .containsEntry("severity", "page");
      assertThat(alert.annotations()).containsEntry("summary", "check login is failing");
      assertThat(recorded).singleElement().satisfies(sample -> {
        assertThat(sample.labels()).containsOnlyKeys("__name__", "job");
        assertThat(sample.value()).isEqualTo(0.0);
      });
      assertThat(prometheus.rules())
          .extracting(Rule::name, Rule::type, Rule::health, Rule::file)
          .containsExactly(
              tuple("job:check_status:min", "recording", "ok",
                  prometheus.directory().resolve("rules/checks.yml").toString()),
              tuple("CheckFailing", "alerting", "ok",
                  prometheus.directory().resolve("rules/checks.yml").toString()));
      assertThat(prometheus.alerts()).extracting(Alert::name).containsOnly("CheckFailing");
    } finally {
      app.stop(0);
    }
  }

  @Test
  void queryShouldReturnScalarsAndSpecialValuesAndRejectBadQueries() {
    try (PrometheusServer prometheus = PrometheusServer.builder().start()) {
      assertThat(prometheus.query("time()")).singleElement()
          .satisfies(sample -> assertThat(sample.labels()).isEmpty());
      assertThat(prometheus.query("vector(1) / 0")).extracting(Sample::value)
          .containsExactly(Double.POSITIVE_INFINITY);
      assertThat(prometheus.query("absent(nothing_here)")).singleElement()
          .satisfies(sample -> assertThat(sample.labels()).isEmpty());

      assertThatThrownBy(() -> prometheus.query("up{"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Prometheus API error bad_data: ")
          .hasMessageEndingWith(": query \"up{\"");
      assertThatThrownBy(() -> prometheus.query("up[1m]"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("query result must be a vector or a scalar, got matrix: ");
    }
  }

  @Test
  void awaitMethodsShouldFailWithWhatTheyLastSaw() {
    try (PrometheusServer prometheus = PrometheusServer.builder().start()) {
      assertThatThrownBy(() -> prometheus.awaitQuery("vector(2)",
          result -> result.get(0).value() == 3, Duration.ofMillis(300)))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("query \"vector(2)\" did not satisfy the condition within PT0.3S;"
              + " last result: [Sample[labels={}, value=2.0, timestampSeconds=")
          .hasMessageContaining("prometheus log:\n");
      assertThatThrownBy(() -> prometheus.awaitTargetHealth("none", "up", Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("targets of job \"none\" did not all report health \"up\" "
              + "within PT0.2S; targets: []");
      assertThatThrownBy(() -> prometheus.awaitTargetHealth("none", "Up", TIMEOUT))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("health must be one of [up, down, unknown]: \"Up\"");
    }
  }

  @Test
  void startWithInvalidConfigShouldFailWithLogAndLeaveNothingBehind() {
    Tools.requireOrSkip(Tools.PROMETHEUS); // else the skip would be caught as the failure below

    assertThatThrownBy(() -> PrometheusServer.start("""
        - job_name: broken
          scrape_interval: soon
        """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("prometheus exited with status 2 during start-up")
        .hasMessageContaining("scrape_interval: soon\nprometheus log:\n")
        .hasMessageContaining("not a valid duration string")
        .satisfies(failure -> {
          Matcher directory = Pattern.compile("\\(directory (\\S+) deleted\\)")
              .matcher(failure.getMessage());
          assertThat(directory.find()).as(failure.getMessage()).isTrue();
          assertThat(Path.of(directory.group(1))).doesNotExist();
        });
  }
}

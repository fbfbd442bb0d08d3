package io.github.checkmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromtoolTest {

  private static final String VALID = """
      # HELP check_status 1 when the latest run of the check passed, else 0.
      # TYPE check_status gauge
      check_status{check_id="login",check_name="Email login",tags="auth,public"} 1
      # HELP check_runs_total Runs of the check.
      # TYPE check_runs_total counter
      check_runs_total{check_id="login",region="eu-west-2",status="success"} 12
      # HELP check_duration_seconds Duration of every run.
      # TYPE check_duration_seconds histogram
      check_duration_seconds_bucket{check_id="login",le="0.5"} 3
      check_duration_seconds_bucket{check_id="login",le="+Inf"} 4
      check_duration_seconds_sum{check_id="login"} 1.75
      check_duration_seconds_count{check_id="login"} 4
      """;

  @Test
  void checkMetricsWithValidExpositionShouldReportNothing() {
    assertThat(Promtool.checkMetrics(VALID)).isEmpty();
  }

  @Test
  void checkMetricsWithEmptyExpositionShouldReportNothing() {
    assertThat(Promtool.checkMetrics("")).isEmpty();
  }

  @Test
  void checkMetricsWithMissingCommaBetweenLabelsShouldReportParseError() {
    // The sample of seed 000 (Checkly): no comma before tags=.
    String exposition = """
        # HELP checkly_check_status The status of the last check. 1 is passing, 0 is failing
        # TYPE checkly_check_status gauge
        checkly_check_status{check_name="Alerts fetch",check_type="api",muted="false",\
        activated="true" tags="alerts,public"} 1
        """;

    assertThat(Promtool.checkMetrics(exposition))
        .singleElement()
        .asString()
        .contains("text format parsing error in line 3");
  }

  @Test
  void checkMetricsWithLintProblemsShouldReportEachOne() {
    String exposition = """
        # HELP checks A counter without the _total suffix.
        # TYPE checks counter
        checks 3
        # TYPE undocumented gauge
        undocumented 1
        """;

    assertThat(Promtool.checkMetrics(exposition)).containsExactlyInAnyOrder(
        "checks counter metrics should have \"_total\" suffix",
        "undocumented no help text");
  }

  @Test
  void checkMetricsWithErrorBeforeLargeInputShouldReturnWithoutHanging() {
    // promtool stops reading at the first error; the rest of stdin must not block the kit.
    StringBuilder exposition = new StringBuilder("broken{a=\"b\" c=\"d\"} 1\n");
    for (int i = 0; i < 200_000; i++) {
      exposition.append("filler_").append(i).append(" 1\n");
    }

    assertThat(Promtool.checkMetrics(exposition.toString()))
        .anySatisfy(problem -> assertThat(problem).contains("text format parsing error in line 1"));
  }

  @Test
  void checkConfigShouldAcceptValidAndRejectInvalidConfig(@TempDir Path directory)
      throws IOException {
    Path valid = Files.writeString(directory.resolve("valid.yml"), """
        global:
          scrape_interval: 15s
        scrape_configs:
          - job_name: app
            static_configs:
              - targets: ["127.0.0.1:8080"]
        """);
    Path invalid = Files.writeString(directory.resolve("invalid.yml"), """
        scrape_configs:
          - job_name: app
            scrape_interval: soon
        """);

    ProcessResult accepted = Promtool.checkConfig(valid);
    ProcessResult rejected = Promtool.checkConfig(invalid);

    assertThat(accepted.succeeded()).as(accepted.output()).isTrue();
    assertThat(rejected.exitCode()).isNotZero();
    assertThat(rejected.output()).contains("soon");
  }

  @Test
  void checkRulesShouldAcceptValidAndRejectInvalidRules(@TempDir Path directory)
      throws IOException {
    Path valid = Files.writeString(directory.resolve("valid.yml"), """
        groups:
          - name: checks
            rules:
              - record: job:check_status:min
                expr: min by (job) (check_status)
              - alert: CheckFailing
                expr: check_status == 0
                for: 1m
        """);
    Path invalid = Files.writeString(directory.resolve("invalid.yml"), """
        groups:
          - name: checks
            rules:
              - record: "not a metric name"
                expr: check_status{
        """);

    ProcessResult accepted = Promtool.checkRules(valid);
    ProcessResult rejected = Promtool.checkRules(invalid);

    assertThat(accepted.succeeded()).as(accepted.output()).isTrue();
    assertThat(accepted.output()).contains("SUCCESS: 2 rules found");
    assertThat(rejected.exitCode()).isEqualTo(1);
    assertThat(rejected.lines()).anySatisfy(line -> assertThat(line)
        .contains("invalid recording rule name: not a metric name"));
  }

  @Test
  void checkRulesWithoutFilesShouldThrow() {
    assertThatThrownBy(Promtool::checkRules)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ruleFiles must name at least one file: []");
  }

  @Test
  void checkMetricsWithNullShouldThrow() {
    assertThatThrownBy(() -> Promtool.checkMetrics(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("exposition");
  }
}

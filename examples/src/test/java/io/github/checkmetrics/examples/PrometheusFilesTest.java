package io.github.checkmetrics.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.testkit.ProcessResult;
import io.github.checkmetrics.testkit.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The files of {@code examples/prometheus}, checked by the real {@code promtool}. */
class PrometheusFilesTest {

  @Test
  void prometheusConfigShouldPassPromtoolCheckConfig() {
    ProcessResult result = Promtool.checkConfig(PrometheusFiles.prometheusYml());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void alertsShouldPassPromtoolCheckRules() {
    ProcessResult result = Promtool.checkRules(PrometheusFiles.alertsYml());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: 4 rules found");
  }

  @Test
  void alertsShouldFireAsDocumentedInPromtoolRuleTests(@TempDir Path dir) throws IOException {
    // The rules with their real "for:" durations, against synthetic series, in promtool's
    // rule-test engine: a failing check, a muted failing one, a passing one; a check that stops
    // running; a slow and a fast check.
    Files.copy(PrometheusFiles.alertsYml(), dir.resolve("alerts.yml"));
    String labels = "check_name=\"%s\",check_type=\"http\",muted=\"%s\",activated=\"true\",tags=\"\"";
    String tests =
        """
        rule_files:
          - alerts.yml
        evaluation_interval: 5s
        tests:
          - interval: 5s
            input_series:
              - series: 'check_status{check_id="down",%s}'
                values: '0x40'
              - series: 'check_status{check_id="muted",%s}'
                values: '0x40'
              - series: 'check_status{check_id="up",%s}'
                values: '1x40'
              - series: 'check_failure_reason{check_id="down",check_name="Down",region="eu",reason="timeout"}'
                values: '1x40'
              - series: 'check_failure_reason{check_id="down",check_name="Down",region="us",reason="dns"}'
                values: '0x40'
            alert_rule_test:
              - eval_time: 55s
                alertname: CheckFailing
                exp_alerts: []
              - eval_time: 2m
                alertname: CheckFailing
                exp_alerts:
                  - exp_labels:
                      severity: critical
                      check_id: down
                      check_name: Down
                      check_type: http
                      muted: 'false'
                      activated: 'true'
                    exp_annotations:
                      summary: 'Check Down is failing'
                      description: 'The latest run of check down (http) failed in at least one region for 1 minute.'
                      reasons: 'eu: timeout; '
          - interval: 5s
            input_series:
              - series: 'check_last_run_timestamp_seconds{check_id="stuck",check_name="Stuck",region="local"}'
                values: '0x40'
              - series: 'check_last_run_timestamp_seconds{check_id="running",check_name="Running",region="local"}'
                values: '0+5x40'
            alert_rule_test:
              - eval_time: 15s
                alertname: CheckStale
                exp_alerts: []
              - eval_time: 20s
                alertname: CheckStale
                exp_alerts:
                  - exp_labels:
                      severity: warning
                      check_id: stuck
                      check_name: Stuck
                      region: local
                    exp_annotations:
                      summary: 'Check Stuck has not run in local'
                      description: 'No run of check stuck ended in region local for 20s.'
          - interval: 5s
            input_series:
              - series: 'check_duration_seconds_bucket{check_id="slow",check_name="Slow",region="local",le="1"}'
                values: '0x200'
              - series: 'check_duration_seconds_bucket{check_id="slow",check_name="Slow",region="local",le="2.5"}'
                values: '0+1x200'
              - series: 'check_duration_seconds_bucket{check_id="slow",check_name="Slow",region="local",le="+Inf"}'
                values: '0+1x200'
              - series: 'check_duration_seconds_bucket{check_id="fast",check_name="Fast",region="local",le="1"}'
                values: '0+1x200'
              - series: 'check_duration_seconds_bucket{check_id="fast",check_name="Fast",region="local",le="2.5"}'
                values: '0+1x200'
              - series: 'check_duration_seconds_bucket{check_id="fast",check_name="Fast",region="local",le="+Inf"}'
                values: '0+1x200'
            alert_rule_test:
              - eval_time: 10m
                alertname: CheckSlow
                exp_alerts:
                  - exp_labels:
                      severity: warning
                      check_id: slow
                      check_name: Slow
                      region: local
                    exp_annotations:
                      summary: 'Check Slow is slow in local'
                      description: 'The 90th percentile duration of check slow in region local is 2.35s (threshold 1 s).'
          - interval: 1m
            input_series:
              # At time 0: expiring in 10 days and in 100 days.
              - series: 'check_tls_cert_expiry_timestamp_seconds{check_id="soon",region="local"}'
                values: '864000x30'
              - series: 'check_tls_cert_expiry_timestamp_seconds{check_id="later",region="local"}'
                values: '8640000x30'
            alert_rule_test:
              - eval_time: 5m
                alertname: CheckCertificateExpiresSoon
                exp_alerts: []
              - eval_time: 15m
                alertname: CheckCertificateExpiresSoon
                exp_alerts:
                  - exp_labels:
                      severity: warning
                      check_id: soon
                      region: local
                    exp_annotations:
                      summary: 'The certificate of check soon expires soon'
                      description: 'The certificate chain presented to check soon in region local expires in 9d 23h 45m 0s.'
        """
            .formatted(
                labels.formatted("Down", "false"),
                labels.formatted("Muted", "true"),
                labels.formatted("Up", "false"));
    Path testFile = dir.resolve("alerts-test.yml");
    Files.writeString(testFile, tests);

    ProcessResult result = Promtool.run(List.of("test", "rules", testFile.toString()), "");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void dashboardShouldQueryEveryFamilyTheIssueAsksFor() {
    JsonNode dashboard =
        JsonMapper.shared().readTree(PrometheusFiles.read(PrometheusFiles.dashboardJson()));
    List<String> titles =
        dashboard.required("panels").valueStream()
            .map(panel -> panel.required("title").stringValue())
            .toList();
    assertThat(titles)
        .contains(
            "Status per check",
            "Duration p50 / p90 per region",
            "Failure ratio",
            "Runs per minute");
    assertThat(PrometheusFiles.dashboardExpressions())
        .contains("check_status")
        .anyMatch(e -> e.startsWith("histogram_quantile(0.5,") && e.contains("region"))
        .anyMatch(e -> e.startsWith("histogram_quantile(0.9,") && e.contains("region"))
        .anyMatch(e -> e.contains("status=\"failure\"") && e.contains(" / "))
        .anyMatch(e -> e.contains("rate(check_runs_total") && e.endsWith("* 60"));
  }

  @Test
  void rewrittenFilesShouldKeepTheirMeaning() {
    assertThat(PrometheusFiles.scrapeConfigs("127.0.0.1:12345"))
        .startsWith("- job_name: checkmetrics-demo\n")
        .contains("- targets: ['127.0.0.1:12345']");
    assertThat(PrometheusFiles.alertsWithShortFor("2s"))
        .contains("        for: 2s\n")
        .doesNotContain("for: 1m")
        .doesNotContain("for: 5m");
    assertThat(PrometheusFiles.withGrafanaVariables("rate(x{region=~\"$region\"}[$__rate_interval])"))
        .isEqualTo("rate(x{region=~\".*\"}[1m])");
  }
}

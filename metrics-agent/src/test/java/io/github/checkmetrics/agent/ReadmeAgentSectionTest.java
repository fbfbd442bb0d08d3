package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.checkmetrics.testkit.ProcessResult;
import io.github.checkmetrics.testkit.Promtool;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent guide ({@code docs/agent.md}), the example files of {@code examples/prometheus/agent} and the
 * documented schema, against the agent and the real {@code promtool}.
 */
class ReadmeAgentSectionTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path AGENT_FILES = ROOT.resolve("examples/prometheus/agent");

  private static String readmeChecksBlock() throws IOException {
    String readme = Files.readString(ROOT.resolve("docs/agent.md"));
    int marker = readme.indexOf("<!-- agent-checks-yml -->\n```yaml\n");
    assertThat(marker).as("the agent guide's checks block").isPositive();
    int start = readme.indexOf("```yaml\n", marker) + "```yaml\n".length();
    return readme.substring(start, readme.indexOf("```\n", start));
  }

  @Test
  void readmeBlockShouldBeTheExampleFile() throws IOException {
    String example = Files.readString(AGENT_FILES.resolve("checks.yml"));
    String withoutComments = String.join("\n", example.lines()
        .filter(line -> !line.startsWith("#")).toList()) + "\n";
    assertThat(withoutComments).isEqualTo(readmeChecksBlock());
  }

  @Test
  void readmeSampleShouldRunAsWrittenAgainstLoopbackTargets() throws IOException {
    HttpServer target;
    try {
      target = HttpServer.create(
          new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080), 0);
    } catch (BindException e) {
      Assumptions.abort("127.0.0.1:8080, the README sample's target, is taken on this machine");
      return;
    }
    target.createContext("/ok.txt", exchange -> {
      try (exchange) {
        byte[] body = "OK\n".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    target.start();
    try {
      // The sample's timeout is 1 s; on a loaded machine a first HTTP request can take longer,
      // so the sample gets three tries to pass; each try must run each check exactly once.
      AgentRun run = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        run = AgentRun.run(
            List.of("--config", AGENT_FILES.resolve("checks.yml").toString(), "--once"),
            Map.of(),
            agent -> {
              throw new AssertionError("--once started a server");
            });
        // The closed port fails by design: exit 1, and both checks ran once.
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(Http.value(run.out(), "check_runs_total", "check_id=\"port-closed\"",
            "status=\"failure\"")).isEqualTo(1.0);
        double passed = Http.value(run.out(), "check_runs_total", "check_id=\"web-ok\"",
            "region=\"local\"", "status=\"success\"");
        double failed = Http.value(run.out(), "check_runs_total", "check_id=\"web-ok\"",
            "status=\"failure\"");
        assertThat(passed + failed).isEqualTo(1.0);
        if (passed == 1.0) {
          break;
        }
      }
      assertThat(Http.value(run.out(), "check_status", "check_id=\"web-ok\"",
          "tags=\"team:web\"")).isEqualTo(1.0);
    } finally {
      target.stop(0);
    }
  }

  @Test
  void agentPrometheusFilesShouldPassPromtool() {
    ProcessResult config = Promtool.checkConfig(AGENT_FILES.resolve("prometheus.yml"));
    assertThat(config.exitCode()).as(config.output()).isZero();
    assertThat(config.output()).contains("SUCCESS: 2 rule files found");
    ProcessResult rules = Promtool.checkRules(
        AGENT_FILES.resolve("agent-alerts.yml"), ROOT.resolve("examples/prometheus/alerts.yml"));
    assertThat(rules.exitCode()).as(rules.output()).isZero();
    assertThat(rules.output()).contains("SUCCESS: 3 rules found");
  }

  @Test
  void agentAlertsShouldFireAsDocumentedInPromtoolRuleTests(@TempDir Path dir) throws IOException {
    Files.copy(AGENT_FILES.resolve("agent-alerts.yml"), dir.resolve("agent-alerts.yml"));
    String tests =
        """
        rule_files:
          - agent-alerts.yml
        evaluation_interval: 15s
        tests:
          - interval: 15s
            input_series:
              - series: 'checkmetrics_config_last_reload_successful{job="checkmetrics-agent",instance="agent-0:9400"}'
                values: '1 1 0x40'
              - series: 'checkmetrics_config_last_reload_successful{job="checkmetrics-agent",instance="agent-1:9400"}'
                values: '1x40'
              - series: 'up{job="checkmetrics-agent",instance="agent-1:9400"}'
                values: '1 1 0x40'
              - series: 'probe_success{job="checkmetrics-probe",instance="https://shop.example/health"}'
                values: '0x40'
            alert_rule_test:
              - eval_time: 4m
                alertname: CheckAgentReloadFailed
                exp_alerts: []
              - eval_time: 6m
                alertname: CheckAgentReloadFailed
                exp_alerts:
                  - exp_labels:
                      severity: warning
                      job: checkmetrics-agent
                      instance: agent-0:9400
                    exp_annotations:
                      summary: 'Agent agent-0:9400 cannot reload its checks file'
                      description: 'The last reload failed (its log names the line); the agent runs the checks of the file it read before.'
              - eval_time: 2m
                alertname: CheckAgentDown
                exp_alerts:
                  - exp_labels:
                      severity: critical
                      job: checkmetrics-agent
                      instance: agent-1:9400
                    exp_annotations:
                      summary: 'Agent agent-1:9400 is down'
                      description: 'The checks of agent agent-1:9400 run nowhere while it is down.'
              - eval_time: 2m
                alertname: CheckProbeFailing
                exp_alerts:
                  - exp_labels:
                      severity: critical
                      job: checkmetrics-probe
                      instance: https://shop.example/health
                    exp_annotations:
                      summary: 'Probe of https://shop.example/health is failing'
                      description: 'The /probe of https://shop.example/health failed for 1 minute.'
        """;
    Path testFile = dir.resolve("agent-alerts-test.yml");
    Files.writeString(testFile, tests);

    ProcessResult result = Promtool.run(List.of("test", "rules", testFile.toString()), "");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void jsonSchemaShouldKnowExactlyTheKeysOfTheReader() throws IOException {
    JsonNode schema =
        JsonMapper.shared().readTree(Files.readString(ROOT.resolve("docs/checks-file.schema.json")));
    JsonNode definitions = schema.required("definitions");
    assertThat(keys(schema)).containsExactlyElementsOf(ChecksFileReader.TOP_KEYS);
    assertThat(keys(schema.required("properties").required("defaults")))
        .containsExactlyElementsOf(ChecksFileReader.DEFAULTS_KEYS);
    assertThat(keys(definitions.required("check")))
        .containsExactlyElementsOf(ChecksFileReader.CHECK_KEYS);
    JsonNode http = definitions.required("http");
    assertThat(keys(http)).containsExactlyInAnyOrderElementsOf(ChecksFileReader.HTTP_KEYS);
    assertThat(keys(http.required("properties").required("tls")))
        .containsExactlyElementsOf(ChecksFileReader.TLS_KEYS);
    assertThat(keys(http.required("properties").required("auth")))
        .containsExactlyElementsOf(ChecksFileReader.AUTH_KEYS);
    assertThat(keys(definitions.required("tcp")))
        .containsExactlyElementsOf(ChecksFileReader.TCP_KEYS);
    // tcp modules are refused with their own message; the schema leaves them out.
    assertThat(keys(definitions.required("module")))
        .containsExactlyElementsOf(
            ChecksFileReader.MODULE_KEYS.stream().filter(k -> !k.equals("tcp")).toList());
  }

  private static List<String> keys(JsonNode object) {
    return List.copyOf(object.required("properties").propertyNames());
  }
}

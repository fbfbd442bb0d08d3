package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.PushgatewayServer;
import io.github.checkmetrics.testkit.Sample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOnceTest {

  @TempDir Path directory;
  private LoopbackTargets targets;
  private Path checks;

  @BeforeEach
  void start() throws IOException {
    targets = new LoopbackTargets();
    checks = directory.resolve("checks.yml");
    Files.writeString(checks, "checks:\n"
        + "  - {id: web-ok, name: Web OK, interval: 1m, timeout: 10s, http: {url: \""
        + targets.url("/ok.txt") + "\"}}\n");
  }

  @AfterEach
  void stop() {
    targets.close();
  }

  private void addFailingCheck() throws IOException {
    Files.writeString(checks, "  - {id: port-closed, timeout: 2s, tcp: {host: 127.0.0.1, port: "
        + AgentTest.closedPort() + "}}\n", java.nio.file.StandardOpenOption.APPEND);
  }

  private AgentRun once(String... extra) {
    List<String> args = new ArrayList<>(List.of("--config", checks.toString(), "--once"));
    args.addAll(List.of(extra));
    return AgentRun.run(args, Map.of(), agent -> {
      throw new AssertionError("--once started a server");
    });
  }

  @Test
  void onceShouldPrintOneRunOfEachCheckAndExitZeroWhenAllPassed() {
    AgentRun run = once();

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Http.value(run.out(), "check_runs_total", "check_id=\"web-ok\"",
        "status=\"success\"")).isEqualTo(1.0);
    assertThat(Http.value(run.out(), "check_runs_total", "check_id=\"web-ok\"",
        "status=\"failure\"")).isEqualTo(0.0);
    assertThat(run.out()).startsWith("# HELP ").doesNotContain("jvm_");
  }

  @Test
  void onceShouldExitOneWhenAnyCheckFailed() throws IOException {
    addFailingCheck();

    AgentRun run = once("--format", "openmetrics");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(Http.value(run.out(), "check_runs_total", "check_id=\"port-closed\"",
        "status=\"failure\"")).isEqualTo(1.0);
    assertThat(run.out()).endsWith("# EOF\n");
  }

  @Test
  void onceShouldRunOnlyItsShard() throws IOException {
    addFailingCheck();

    // web-ok hashes into shard 0 of 2, port-closed into 1.
    AgentRun run = once("--shard", "0/2");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("check_id=\"web-ok\"").doesNotContain("port-closed");
  }

  @Test
  void onceWithABadFileShouldExitTwo() throws IOException {
    Files.writeString(checks, "checks:\n  - id: a\n    http: {url: \"ftp://x/\"}\n");

    AgentRun run = once();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: " + checks
        + ":3:17: url must be an absolute http or https URL with a host: \"ftp://x/\"\n");
  }

  @Test
  void pushShouldSendCredentialsAndFailWithThreeWhenRefused() throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer gateway =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    gateway.createContext("/", exchange -> {
      try (exchange) {
        seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
            + exchange.getRequestHeaders().getFirst("Authorization") + " "
            + exchange.getRequestHeaders().getFirst("Content-Type"));
        byte[] body = "pushed metrics are invalid or inconsistent\n"
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(seen.size() == 1 ? 200 : 400, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    gateway.start();
    try {
      String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
      Path token = directory.resolve("token");
      Files.writeString(token, "push-token\n");
      Path basic = directory.resolve("basic");
      Files.writeString(basic, "cron:pa55\n");

      AgentRun bearer = once("--push", url, "--push-job", "nightly/checks",
          "--push-instance", "ci-1", "--push-bearer-token-file", token.toString());
      AgentRun refused = once("--push", url, "--push-instance", "ci-1",
          "--push-basic-auth-file", basic.toString());

      assertThat(bearer.exitCode()).as(bearer.err()).isZero();
      assertThat(bearer.out()).isEmpty();
      assertThat(refused.exitCode()).isEqualTo(3);
      String group = "/metrics/job@base64/"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(
              "checkmetrics-agent".getBytes(StandardCharsets.UTF_8))
          + "/instance@base64/Y2ktMQ";
      assertThat(refused.err()).isEqualTo("error: push to " + url + group
          + " failed: the Pushgateway answered 400: pushed metrics are invalid or"
          + " inconsistent\n");
      assertThat(seen).containsExactly(
          "PUT /metrics/job@base64/bmlnaHRseS9jaGVja3M/instance@base64/Y2ktMQ Bearer push-token"
              + " text/plain; version=0.0.4; charset=utf-8",
          "PUT " + group + " Basic " + Base64.getEncoder().encodeToString(
              "cron:pa55".getBytes(StandardCharsets.UTF_8))
              + " text/plain; version=0.0.4; charset=utf-8");
    } finally {
      gateway.stop(0);
    }
  }

  @Test
  void pushShouldReachPrometheusThroughARealPushgateway() throws IOException {
    addFailingCheck();
    try (PushgatewayServer pushgateway = PushgatewayServer.start()) {
      AgentRun run = once("--push", pushgateway.baseUri().toString(), "--push-job", "agent-once",
          "--push-instance", "ci-1");
      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(pushgateway.metrics()).contains("check_runs_total{check_id=\"web-ok\"");

      try (PrometheusServer prometheus = PrometheusServer.builder()
          .scrapeConfigsYaml("""
              - job_name: pushgateway
                honor_labels: true
                static_configs:
                  - targets: ['%s']
              """.formatted(pushgateway.address()))
          .start()) {
        List<Sample> ok = prometheus.awaitQuery(
            "check_runs_total{job=\"agent-once\",instance=\"ci-1\",check_id=\"web-ok\","
                + "status=\"success\"}",
            result -> !result.isEmpty(), Duration.ofSeconds(60));
        assertThat(ok).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1.0));
        List<Sample> failed = prometheus.query(
            "check_status{job=\"agent-once\",instance=\"ci-1\",check_id=\"port-closed\"}");
        assertThat(failed).singleElement().satisfies(s -> assertThat(s.value()).isZero());
      }
    }
  }
}

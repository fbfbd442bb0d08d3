package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.testkit.PrometheusServer;
import io.github.checkmetrics.testkit.Sample;
import io.github.checkmetrics.testkit.ScrapeJob;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two agents on one checks file, driven and read by a real Prometheus. */
class AgentPrometheusTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path directory;
  private LoopbackTargets targets;

  @BeforeEach
  void start() {
    targets = new LoopbackTargets();
  }

  @AfterEach
  void stop() {
    targets.close();
  }

  /** Runs two agents with their own extra arguments, and {@code body} with both ports. */
  private void twoAgents(Path checks, List<String> first, List<String> second,
      BiConsumer<Integer, Integer> body) {
    List<String> firstArgs = new ArrayList<>(List.of("--config", checks.toString(), "--no-watch"));
    firstArgs.addAll(first);
    List<String> secondArgs =
        new ArrayList<>(List.of("--config", checks.toString(), "--no-watch"));
    secondArgs.addAll(second);
    AgentRun outer = AgentRun.serve(firstArgs, Map.of(), a -> {
      AgentRun inner = AgentRun.serve(secondArgs, Map.of(), b -> body.accept(a.port(), b.port()));
      assertThat(inner.exitCode()).as(inner.err()).isZero();
    });
    assertThat(outer.exitCode()).as(outer.err()).isZero();
  }

  @Test
  void twoShardsShouldRunEveryCheckOnExactlyOneInstance() throws IOException {
    Path checks = directory.resolve("checks.yml");
    StringBuilder yaml = new StringBuilder("checks:\n");
    List<String> ids = List.of("web-ok", "port-closed", "web-failing", "web-slow", "api-health",
        "db-port");
    for (String id : ids) {
      yaml.append("  - {id: ").append(id).append(", interval: 1s, timeout: 500ms, http: {url: \"")
          .append(targets.url("/ok.txt")).append("\"}}\n");
    }
    Files.writeString(checks, yaml);

    twoAgents(checks, List.of("--shard", "0/2"), List.of("--shard", "1/2"), (first, second) -> {
      try (PrometheusServer prometheus = PrometheusServer.builder()
          .scrapeJob(ScrapeJob.builder("agents")
              .target("127.0.0.1:" + first).target("127.0.0.1:" + second).build())
          .start()) {
        prometheus.awaitTargetHealth("agents", "up", WAIT);
        List<Sample> series = prometheus.awaitQuery(
            "group by (check_id, instance) (check_runs_total{status=\"success\"} > 0)",
            result -> result.size() >= ids.size(), WAIT);
        Map<String, Set<String>> instances = new HashMap<>();
        for (Sample sample : series) {
          instances.computeIfAbsent(sample.label("check_id"), id -> new HashSet<>())
              .add(sample.label("instance"));
        }
        assertThat(instances).containsOnlyKeys(ids);
        for (String id : ids) {
          String expected = "127.0.0.1:" + (Shard.parse("0/2").contains(id) ? first : second);
          assertThat(instances.get(id)).as(id).containsExactly(expected);
        }
        // Both shards hold checks, and nothing ran twice.
        assertThat(prometheus.query("count(group by (instance) (check_runs_total))"))
            .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(2.0));
        assertThat(prometheus.query(
            "count by (check_id) (check_runs_total{status=\"success\"}) > 1")).isEmpty();
      }
    });
  }

  /** Prometheus' {@code hashmod}: the last 8 bytes of the MD5 of the value, modulo. */
  static long hashmod(String value, int modulus) {
    try {
      byte[] sum = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
      return Long.remainderUnsigned(ByteBuffer.wrap(sum, 8, 8).getLong(), modulus);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void prometheusShouldDriveProbesOverTwoAgentsByHashmod() throws IOException {
    Path checks = directory.resolve("checks.yml");
    Files.writeString(checks, "modules:\n  http_2xx: {timeout: 5s, http: {}}\n");
    // Targets until both agents have one: a failing one and passing ones.
    List<String> urls = new ArrayList<>(List.of(targets.url("/failing")));
    for (int i = 0; urls.stream().map(u -> hashmod(u, 2)).distinct().count() < 2 || i < 3; i++) {
      urls.add(targets.url("/ok.txt?n=" + i));
    }

    twoAgents(checks, List.of(), List.of(), (first, second) -> {
      String yaml = """
          - job_name: blackbox
            metrics_path: /probe
            params:
              module: [http_2xx]
            static_configs:
              - targets: [%s]
            relabel_configs:
              - source_labels: [__address__]
                target_label: __param_target
              - source_labels: [__param_target]
                target_label: instance
              - source_labels: [__param_target]
                modulus: 2
                target_label: __tmp_agent
                action: hashmod
              - source_labels: [__tmp_agent]
                target_label: agent
              - source_labels: [__tmp_agent]
                regex: '0'
                target_label: __address__
                replacement: '127.0.0.1:%d'
              - source_labels: [__tmp_agent]
                regex: '1'
                target_label: __address__
                replacement: '127.0.0.1:%d'
          """.formatted(String.join(", ", urls.stream().map(u -> "'" + u + "'").toList()),
          first, second);
      try (PrometheusServer prometheus = PrometheusServer.builder()
          .scrapeConfigsYaml(yaml).start()) {
        List<Sample> success = prometheus.awaitQuery("probe_success{job=\"blackbox\"}",
            result -> result.size() == urls.size(), WAIT);
        for (Sample sample : success) {
          String url = sample.label("instance");
          assertThat(sample.label("agent")).as(url).isEqualTo(Long.toString(hashmod(url, 2)));
          assertThat(sample.value()).as(url).isEqualTo(url.endsWith("/failing") ? 0.0 : 1.0);
        }
        assertThat(success.stream().map(s -> s.label("agent")).distinct()).hasSize(2);
        List<Sample> runs = prometheus.query(
            "check_runs_total{job=\"blackbox\",check_id=\"http_2xx\",status=\"success\"}");
        assertThat(runs).hasSize(urls.size());
        assertThat(runs).allSatisfy(s -> assertThat(s.label("check_name"))
            .isEqualTo(s.label("instance")));
      }
    });
  }
}

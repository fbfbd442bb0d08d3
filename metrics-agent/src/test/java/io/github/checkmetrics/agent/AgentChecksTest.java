package io.github.checkmetrics.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.checkmetrics.model.CheckMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentChecksTest {

  @Test
  void aProbeThatCannotBeBuiltShouldLeaveTheRunningChecksAsTheyWere(@TempDir Path directory)
      throws Exception {
    Path token = Files.writeString(directory.resolve("token"), "t\n");
    ChecksFile first =
        ChecksFileReader.parse(
            "checks.yml",
            "checks:\n  - {id: a, interval: 1h, tcp: {host: 127.0.0.1, port: 9}}\n"
                + "  - {id: b, interval: 1h, tcp: {host: 127.0.0.1, port: 9}}\n");
    ChecksFile second =
        ChecksFileReader.parse(
            "checks.yml",
            "checks:\n  - {id: a, interval: 1h, tcp: {host: 127.0.0.1, port: 9}}\n"
                + "  - {id: c, interval: 1h, http: {url: \"http://127.0.0.1:9/\","
                + " auth: {bearer_token_file: \"" + token + "\"}}}\n");
    Files.delete(token);
    CheckMetrics metrics = CheckMetrics.builder().registry(new PrometheusRegistry()).build();
    try (AgentChecks checks =
        new AgentChecks(metrics, CheckSpec::scheduled, null, Duration.ofSeconds(5))) {
      checks.apply(first);

      assertThatThrownBy(() -> checks.apply(second))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("bearer token file must exist: \"" + token + "\"");
      assertThat(checks.ids()).isEqualTo(List.of("a", "b"));
      assertThat(checks.apply(first)).isEqualTo(new AgentChecks.Change(0, 0, 0, 2));
    }
  }
}

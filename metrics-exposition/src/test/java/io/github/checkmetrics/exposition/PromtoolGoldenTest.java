package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.testkit.Promtool;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden scenario's text exposition, written to a file, passes {@code promtool check
 * metrics} (the real parser and linter of the Prometheus project) without an error or a lint
 * problem.
 */
class PromtoolGoldenTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.checkmetrics.exposition.GoldenExpositionTest#scenarios")
  void promtoolShouldAcceptTheTextExposition(String name, Supplier<PrometheusRegistry> registry)
      throws IOException {
    Path file = dir.resolve(name + ".prom");
    Files.writeString(
        file,
        ExpositionWriter.of(registry.get()).toString(ExpositionFormat.PROMETHEUS_TEXT),
        StandardCharsets.UTF_8);

    assertThat(Promtool.checkMetrics(Files.readString(file, StandardCharsets.UTF_8))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.checkmetrics.exposition.GoldenExpositionTest#scenarios")
  void promtoolShouldAcceptTheExpositionWithConstantLabels(
      String name, Supplier<PrometheusRegistry> registry) {
    ExpositionWriter writer =
        ExpositionWriter.builder()
            .registry(registry.get())
            .constantLabel("type", "gateway")
            .constantLabel("ip", "192.168.3.23")
            .build();

    assertThat(Promtool.checkMetrics(writer.toString(ExpositionFormat.PROMETHEUS_TEXT))).isEmpty();
  }
}

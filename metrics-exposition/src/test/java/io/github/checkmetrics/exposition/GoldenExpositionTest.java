package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole-scrape goldens of each check scenario, in both text formats, under {@code
 * src/test/resources/golden}. Run with {@code -DcheckmetricsTest.updateGoldens=true} to rewrite them
 * after an intended change, then review the diff.
 */
class GoldenExpositionTest {

  static Stream<Arguments> scenarios() {
    return Stream.of(
        scenario("passing", GoldenScenarios::passing),
        scenario("failing-two-regions", GoldenScenarios::failingInTwoRegions),
        scenario("degraded", GoldenScenarios::degraded),
        scenario("tagged", GoldenScenarios::tagged),
        scenario("awkward-label-values", GoldenScenarios::awkwardLabelValues),
        scenario("updated-and-removed", GoldenScenarios::updatedAndRemoved),
        scenario("checkly-v2", GoldenScenarios::checklyV2),
        scenario("tag-labels-region-status", GoldenScenarios::tagLabelsAndRegionStatus));
  }

  private static Arguments scenario(String name, Supplier<PrometheusRegistry> registry) {
    return Arguments.of(name, registry);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void prometheusTextMatchesGolden(String name, Supplier<PrometheusRegistry> registry)
      throws IOException {
    String actual = ExpositionWriter.of(registry.get()).toString(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(actual).isEqualTo(golden(name + ".prom", actual));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void openMetricsTextMatchesGolden(String name, Supplier<PrometheusRegistry> registry)
      throws IOException {
    String actual = ExpositionWriter.of(registry.get()).toString(ExpositionFormat.OPENMETRICS);
    assertThat(actual).isEqualTo(golden(name + ".om", actual));
  }

  static String golden(String file, String actual) throws IOException {
    if (Boolean.getBoolean("checkmetricsTest.updateGoldens")) {
      Path path = Path.of("src/test/resources/golden", file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, actual, StandardCharsets.UTF_8);
    }
    try (InputStream in = GoldenExpositionTest.class.getResourceAsStream("/golden/" + file)) {
      assertThat(in).as("golden file %s", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package io.github.checkmetrics.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checkmetrics.testkit.Promtool;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The profiles of the seed systems reproduce their published sample exposition: every sample of
 * the sample ({@code src/test/resources/seeds}) appears in ours with the same name, label names,
 * label values and value; ours adds only what the sample left out (listed per seed). Ordering,
 * HELP text and the spelling of numbers may differ. The whole output is also a golden of its own
 * and passes {@code promtool check metrics}.
 */
class SeedGoldenTest {

  private static final Map<String, String> APPCLACKS_SERIES =
      Map.of(
          "id", "cc145703-af98-4c0b-96da-8e06dc934fc7", "name", "mcorbin-blog", "zone", "fr-par-1");

  static Stream<Arguments> seeds() {
    return Stream.of(
        Arguments.of(
            "000-checkly",
            (Supplier<PrometheusRegistry>) SeedScenarios::checkly,
            withRejectionCounters("checkly", List.of())),
        Arguments.of(
            "001-appclacks",
            (Supplier<PrometheusRegistry>) SeedScenarios::appclacks,
            withRejectionCounters(
                "healthcheck",
                List.of(
                    // The sample shows the buckets only; a histogram always has its count and sum.
                    new TextSamples.Sample(
                        "healthcheck_duration_seconds_count", APPCLACKS_SERIES, 3),
                    new TextSamples.Sample(
                        "healthcheck_duration_seconds_sum", APPCLACKS_SERIES, 0.1875)))));
  }

  /** The counters of what the limits refuse, which every schema adds, at 0. */
  private static List<TextSamples.Sample> withRejectionCounters(
      String namespace, List<TextSamples.Sample> extras) {
    List<TextSamples.Sample> result = new ArrayList<>(extras);
    result.add(new TextSamples.Sample(namespace + "_series_rejected_total", Map.of(), 0));
    for (String limit : List.of("max_checks", "max_tags_per_check", "max_tags_length")) {
      result.add(
          new TextSamples.Sample(
              namespace + "_registrations_rejected_total", Map.of("limit", limit), 0));
    }
    return result;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void outputShouldHoldEverySampleOfTheSeedAndOnlyTheListedExtras(
      String seed, Supplier<PrometheusRegistry> registry, List<TextSamples.Sample> extras)
      throws IOException {
    List<TextSamples.Sample> theirs = TextSamples.parse(resource("/seeds/" + seed + ".prom"));
    List<TextSamples.Sample> ours =
        TextSamples.parse(
            ExpositionWriter.of(registry.get()).toString(ExpositionFormat.PROMETHEUS_TEXT));

    List<TextSamples.Sample> expected = new ArrayList<>(theirs);
    expected.addAll(extras);
    assertThat(ours).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void prometheusTextShouldMatchGolden(String seed, Supplier<PrometheusRegistry> registry)
      throws IOException {
    String actual = ExpositionWriter.of(registry.get()).toString(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(actual).isEqualTo(GoldenExpositionTest.golden("seed-" + seed + ".prom", actual));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void openMetricsTextShouldMatchGolden(String seed, Supplier<PrometheusRegistry> registry)
      throws IOException {
    String actual = ExpositionWriter.of(registry.get()).toString(ExpositionFormat.OPENMETRICS);
    assertThat(actual).isEqualTo(GoldenExpositionTest.golden("seed-" + seed + ".om", actual));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void promtoolShouldAcceptTheOutput(String seed, Supplier<PrometheusRegistry> registry) {
    String text = ExpositionWriter.of(registry.get()).toString(ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(Promtool.checkMetrics(text)).isEmpty();
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = SeedGoldenTest.class.getResourceAsStream(path)) {
      assertThat(in).as("resource %s", path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

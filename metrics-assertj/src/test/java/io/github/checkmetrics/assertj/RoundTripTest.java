package io.github.checkmetrics.assertj;

import static io.github.checkmetrics.assertj.ExpositionAssertions.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.model.Check;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for seeded random registries, whatever {@code ExpositionWriter} writes in either text
 * format, the parser reads back with the same families, label sets and values; and the domain
 * assertions find every check's series.
 */
class RoundTripTest {
  static final int SEEDS = 300;

  static LongStream seeds() {
    return LongStream.range(0, SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void whatTheWriterEmitsShouldParseBackToTheSameFamiliesLabelsAndValues(long seed) throws IOException {
    RandomRegistry random = new RandomRegistry(seed);
    for (ExpositionFormat format : new ExpositionFormat[] {ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.OPENMETRICS}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      random.writer.write(out, format);
      Exposition parsed = Exposition.parse(out.toByteArray(), format);

      assertThat(ExpectedExposition.of(parsed))
          .as("seed %d, %s:%n%s", seed, format, out.toString(java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(ExpectedExposition.of(random.writer.collect(null), format));
      assertThat(Exposition.parse(out.toString(java.nio.charset.StandardCharsets.UTF_8)).format())
          .as("detected format, seed %d", seed).isEqualTo(format);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void domainAssertionsShouldFindEveryCheckSeries(long seed) {
    RandomRegistry random = new RandomRegistry(seed);
    String ns = random.namespace;
    for (ExpositionFormat format : new ExpositionFormat[] {ExpositionFormat.PROMETHEUS_TEXT, ExpositionFormat.OPENMETRICS}) {
      ExpositionAssert exposition = ExpositionAssertions.assertThat(random.writer, format).as("seed %d, %s", seed, format);
      exposition.isValidExposition();
      random.constantLabels.keySet().forEach(exposition::everySeriesHasLabel);
      for (Map.Entry<Check, Map<String, double[]>> entry : random.runs.entrySet()) {
        Check check = entry.getKey();
        if (entry.getValue().isEmpty()) {
          exposition.doesNotHaveSeries(ns + "_status", labels("check_id", check.id()));
          continue;
        }
        exposition.hasGauge(ns + "_status", labels("check_id", check.id(), "check_name", check.name(),
            "tags", String.join(",", check.tags()), "muted", String.valueOf(check.muted())));
        for (Map.Entry<String, double[]> region : entry.getValue().entrySet()) {
          double[] totals = region.getValue();
          String[] series = {"check_id", check.id(), "check_name", check.name(), "region", region.getKey()};
          exposition
              .hasCounter(ns + "_runs_total", labels(append(series, "status", "success"))).withValue(totals[0]).and()
              .hasCounter(ns + "_runs", labels(append(series, "status", "failure"))).withValue(totals[1]);
          (random.constantLabels.isEmpty() ? exposition.matchingLabelsExactly() : exposition)
              .hasHistogram(ns + "_duration_seconds", labels(series))
              .withCount((long) (totals[0] + totals[1]))
              .withSum(totals[2], within(1e-6))
              .withBucket(Double.POSITIVE_INFINITY, (long) (totals[0] + totals[1]));
        }
      }
      for (String removed : random.removed) {
        exposition.doesNotHaveSeries(ns + "_status", labels("check_id", removed))
            .doesNotHaveSeries(ns + "_runs_total", labels("check_id", removed))
            .doesNotHaveSeries(ns + "_duration_seconds", labels("check_id", removed));
      }
    }
  }

  private static String[] append(String[] pairs, String name, String value) {
    String[] all = java.util.Arrays.copyOf(pairs, pairs.length + 2);
    all[pairs.length] = name;
    all[pairs.length + 1] = value;
    return all;
  }

  @ParameterizedTest
  @EnumSource(value = ExpositionFormat.class, names = {"PROMETHEUS_TEXT", "OPENMETRICS"})
  void theSeedsShouldCoverAwkwardCharactersInBothFormats(ExpositionFormat format) {
    // Guards the generator: the property above means little if no seed produced these.
    StringBuilder all = new StringBuilder();
    seeds().limit(50).forEach(seed -> all.append(new RandomRegistry(seed).writer.toString(format)));
    assertThat(all).contains("\\\"", "\\\\", "\\n", "\r", "\t", "日本", "🚀", "NaN", "+Inf", "-Inf", "-0.0");
    if (format == ExpositionFormat.OPENMETRICS) {
      assertThat(all).contains("# UNIT", " info\n", " stateset\n", " # {span_id=");
    }
  }
}

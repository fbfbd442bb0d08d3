package io.github.checkmetrics.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.testkit.ProcessResult;
import io.github.checkmetrics.testkit.Promtool;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the written specification of the Prometheus text format and Prometheus' own parser part,
 * this parser follows the specification: an assertion library must fail what a scraper of the
 * format may refuse, even where today's Prometheus reads it. Each row shows the real {@code
 * promtool} (Prometheus 2.42's parser) on the same text, so the difference is a measured one.
 */
class StrictnessTest {

  static Stream<Arguments> specificationOverPrometheus() {
    return Stream.of(
        // "Only one HELP line may exist for any given metric name"; the TYPE line "must appear
        // before the first sample": checkmetrics takes both metadata lines to precede the samples
        Arguments.of("# TYPE a gauge\na 1\n# HELP a late help\n", 0, 3,
            "# HELP line for \"a\" must come before its samples (first sample at line 2)"),
        // "All lines for a given metric must be provided as one single group"
        Arguments.of("# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b gauge\nb 1\na{x=\"2\"} 1\n", 3, 5,
            "\"a\" belongs to family \"a\", which started at line 1; families must not be"
                + " interleaved"),
        // the text format's types are counter, gauge, histogram, summary and untyped
        Arguments.of("# TYPE a gaugehistogram\na_bucket{le=\"+Inf\"} 1\na_gcount 1\na_gsum 1\n", 1,
            1, "metric type must be one of counter, gauge, histogram, summary, untyped:"
                + " \"gaugehistogram\""));
  }

  @ParameterizedTest
  @MethodSource("specificationOverPrometheus")
  void prometheusTextShouldBeReadAsItsSpecificationIsWritten(String text, int promtoolExitCode,
      int line, String reason) {
    ProcessResult promtool = Promtool.run(List.of("check", "metrics"), text);

    // 0: parses, 3: parses with lint findings (no HELP), 1: refused
    assertThat(promtool.exitCode()).as(promtool.toString()).isEqualTo(promtoolExitCode);
    assertThat(catchThrowable(() -> Exposition.parse(text, ExpositionFormat.PROMETHEUS_TEXT)))
        .isInstanceOf(ExpositionParseException.class)
        .hasMessage("line " + line + ": " + reason);
  }
}

package io.github.checkmetrics.assertj;

import io.github.checkmetrics.exposition.ExpositionFormat;
import io.github.checkmetrics.exposition.ExpositionWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Entry points of the exposition assertions: parse text or scrape a registry, then assert on
 * families, series and samples; {@link #labels(String...)} names the series.
 *
 * <pre>{@code
 * import static io.github.checkmetrics.assertj.ExpositionAssertions.*;
 * import static org.assertj.core.api.Assertions.within;
 *
 * ExpositionAssertions.assertThat(registry)
 *     .hasSample("check_status", labels("check_id", "db"), 1.0)
 *     .hasCounter("check_runs_total", labels("check_id", "db", "status", "success")).withValue(3).and()
 *     .hasHistogram("check_duration_seconds", labels("check_id", "db")).withSum(0.6, within(1e-9));
 * }</pre>
 *
 * <p>{@link #assertThat(String)} has the same signature as AssertJ's {@code
 * Assertions.assertThat(String)}: in a class that static-imports both, call it as {@code
 * ExpositionAssertions.assertThat(text)} (the registry and writer overloads do not clash).
 *
 * <p>Stateless and thread-safe; the assertion objects returned are not (as in AssertJ).
 */
public final class ExpositionAssertions {
  private ExpositionAssertions() {}

  /**
   * Parses an exposition, detecting its format (OpenMetrics when a line reads exactly {@code # EOF},
   * Prometheus text 0.0.4 otherwise). State the format ({@link #assertThat(String, ExpositionFormat)})
   * to check that OpenMetrics text has its {@code # EOF}.
   *
   * @param exposition the whole text
   * @return assertions on it; they fail with the parse error if the text is invalid
   * @throws NullPointerException if exposition is null
   */
  public static ExpositionAssert assertThat(String exposition) {
    Objects.requireNonNull(exposition, "exposition");
    boolean openMetrics = ExpositionParser.looksLikeOpenMetrics(exposition);
    return assertThat(exposition, openMetrics ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT);
  }

  /**
   * Parses an exposition in the stated format.
   *
   * @param exposition the whole text
   * @param format {@link ExpositionFormat#PROMETHEUS_TEXT} or {@link ExpositionFormat#OPENMETRICS}
   * @return assertions on it; they fail with the parse error if the text is invalid
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the format is not a text format
   */
  public static ExpositionAssert assertThat(String exposition, ExpositionFormat format) {
    Objects.requireNonNull(exposition, "exposition");
    return ExpositionAssert.parse(exposition, checkText(format));
  }

  /**
   * Parses a response body as UTF-8 bytes in the stated format; invalid UTF-8 is a parse error of the
   * line it is on.
   *
   * @param utf8 the whole exposition, UTF-8 encoded, such as an HTTP response body
   * @param format {@link ExpositionFormat#PROMETHEUS_TEXT} or {@link ExpositionFormat#OPENMETRICS}
   * @return assertions on it; they fail with the parse error if the bytes are invalid
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the format is not a text format
   */
  public static ExpositionAssert assertThat(byte[] utf8, ExpositionFormat format) {
    Objects.requireNonNull(utf8, "utf8");
    return ExpositionAssert.parse(utf8, checkText(format));
  }

  /**
   * Scrapes a registry through {@link ExpositionWriter} in OpenMetrics (which keeps the types info
   * and stateset, units and exemplars) and parses the result.
   *
   * @param registry the registry to scrape
   * @return assertions on the scrape
   * @throws NullPointerException if registry is null
   */
  public static ExpositionAssert assertThat(PrometheusRegistry registry) {
    return assertThat(registry, ExpositionFormat.OPENMETRICS);
  }

  /**
   * Scrapes a registry through {@link ExpositionWriter} in the given text format and parses the result.
   *
   * @param registry the registry to scrape
   * @param format {@link ExpositionFormat#PROMETHEUS_TEXT} or {@link ExpositionFormat#OPENMETRICS}
   * @return assertions on the scrape
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the format is not a text format
   */
  public static ExpositionAssert assertThat(PrometheusRegistry registry, ExpositionFormat format) {
    Objects.requireNonNull(registry, "registry");
    return assertThat(ExpositionWriter.of(registry), format);
  }

  /**
   * Scrapes through a configured writer (constant labels included) in OpenMetrics and parses the result.
   *
   * @param writer the writer to scrape
   * @return assertions on the scrape
   * @throws NullPointerException if writer is null
   * @throws IllegalStateException if a constant label collides with a family's label
   */
  public static ExpositionAssert assertThat(ExpositionWriter writer) {
    return assertThat(writer, ExpositionFormat.OPENMETRICS);
  }

  /**
   * Scrapes through a configured writer in the given text format and parses the result.
   *
   * @param writer the writer to scrape
   * @param format {@link ExpositionFormat#PROMETHEUS_TEXT} or {@link ExpositionFormat#OPENMETRICS}
   * @return assertions on the scrape
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the format is not a text format
   * @throws IllegalStateException if a constant label collides with a family's label
   */
  public static ExpositionAssert assertThat(ExpositionWriter writer, ExpositionFormat format) {
    Objects.requireNonNull(writer, "writer");
    checkText(format);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return ExpositionAssert.parse(out.toByteArray(), format);
  }

  private static ExpositionFormat checkText(ExpositionFormat format) {
    Objects.requireNonNull(format, "format");
    if (!format.isText()) {
      throw new IllegalArgumentException("format must be PROMETHEUS_TEXT or OPENMETRICS: " + format);
    }
    return format;
  }

  /**
   * Labels that pick series: a series matches when it has these labels, and possibly more ({@link
   * ExpositionAssert#matchingLabelsExactly()} for no more).
   *
   * @param namesAndValues {@code name1, value1, name2, value2, ...}; names match {@code
   *     [a-zA-Z_][a-zA-Z0-9_]*} and do not repeat
   * @return client_java labels (sorted by name, as client_java keeps them); with no arguments,
   *     {@link Labels#EMPTY}, which every series matches
   * @throws NullPointerException if the array or an element is null
   * @throws IllegalArgumentException if the count is odd, a name is invalid or repeats
   */
  public static Labels labels(String... namesAndValues) {
    LabelText.pairs(namesAndValues); // the messages of the text formats' rules, before client_java's
    return Labels.of(namesAndValues);
  }
}

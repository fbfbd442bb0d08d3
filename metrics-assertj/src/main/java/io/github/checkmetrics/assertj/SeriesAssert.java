package io.github.checkmetrics.assertj;

import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one counter or gauge series, from {@link ExpositionAssert#hasCounter} or {@link
 * ExpositionAssert#hasGauge}.
 *
 * <pre>{@code
 * assertThat(registry)
 *     .hasCounter("check_runs_total", labels("check_id", "db", "status", "success"))
 *     .withValue(3);
 * }</pre>
 *
 * <p>Not thread-safe, like every AssertJ assertion object.
 */
public final class SeriesAssert extends AbstractAssert<SeriesAssert, Sample> {
  private final String kind;
  private final ExpositionAssert parent;

  SeriesAssert(Sample sample, String kind, ExpositionAssert parent) {
    super(sample, SeriesAssert.class);
    this.kind = kind;
    this.parent = parent;
    describedAs(parent.info.description());
  }

  /**
   * Verifies the series' value.
   *
   * @param expected the value; NaN matches NaN
   * @return this assertion
   * @throws AssertionError if the value differs
   */
  public SeriesAssert withValue(double expected) {
    return withValue(ValueMatcher.exactly(expected));
  }

  /**
   * Verifies the series' value.
   *
   * @param expected the value matcher, for example {@code closeTo(0.042, 1e-9)}
   * @return this assertion
   * @throws AssertionError if the value does not match
   */
  public SeriesAssert withValue(ValueMatcher expected) {
    Objects.requireNonNull(expected, "expected");
    if (!expected.matches(actual.value())) {
      throw failure("%s", "Expecting " + kind + " " + actual.name() + actual.labels() + " to have value "
          + expected + "\nbut it was " + Labels.formatValue(actual.value()) + " (line "
          + actual.lineNumber() + ")");
    }
    return this;
  }

  /**
   * Verifies that the series carries an exemplar with these labels (OpenMetrics only).
   *
   * @param labels the exemplar labels to match, for example {@code labels("trace_id", "abc")}
   * @return this assertion
   * @throws AssertionError if there is no exemplar or its labels do not match
   */
  public SeriesAssert withExemplar(LabelMatcher labels) {
    Objects.requireNonNull(labels, "labels");
    String expectation = "Expecting " + kind + " " + actual.name() + actual.labels()
        + " to have an exemplar " + labels;
    Exemplar exemplar = actual.exemplar().orElseThrow(() -> failure("%s", expectation
        + "\nbut it has none (line " + actual.lineNumber() + ")"));
    if (!labels.matches(exemplar.labels())) {
      throw failure("%s", expectation + "\nbut it has " + exemplar + " (line " + actual.lineNumber() + ")");
    }
    return this;
  }

  /**
   * Returns to the exposition, to chain further assertions.
   *
   * @return the exposition's assertions
   */
  public ExpositionAssert and() {
    return parent;
  }
}

package io.github.checkmetrics.assertj;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one metric family, from {@link ExpositionAssert#hasFamily(String)}.
 *
 * <pre>{@code
 * assertThat(registry)
 *     .hasFamily("check_duration_seconds")
 *     .ofType(HISTOGRAM)
 *     .withUnit("seconds")
 *     .withSeriesCount(1);
 * }</pre>
 *
 * <p>Not thread-safe, like every AssertJ assertion object.
 */
public final class MetricFamilyAssert extends AbstractAssert<MetricFamilyAssert, MetricFamily> {
  private final ExpositionAssert parent;

  MetricFamilyAssert(MetricFamily family, ExpositionAssert parent) {
    super(family, MetricFamilyAssert.class);
    this.parent = parent;
    describedAs(parent.info.description());
  }

  private AssertionError mismatch(String what, Object expected, Object found) {
    return failure("%s", "Expecting family " + actual.name() + " (line " + actual.lineNumber() + ") to have "
        + what + " " + expected + "\nbut it was " + found);
  }

  /**
   * Verifies the family's type.
   *
   * @param expected the type; Prometheus text has no info, stateset or gaugehistogram (client_java
   *     writes those as gauges there)
   * @return this assertion
   * @throws AssertionError if the type differs
   */
  public MetricFamilyAssert ofType(MetricType expected) {
    Objects.requireNonNull(expected, "expected");
    if (actual.type() != expected) {
      throw mismatch("type", expected, actual.type());
    }
    return this;
  }

  /**
   * Verifies the family's help text.
   *
   * @param expected the unescaped help text; empty for none
   * @return this assertion
   * @throws AssertionError if the help text differs
   */
  public MetricFamilyAssert withHelp(String expected) {
    Objects.requireNonNull(expected, "expected");
    if (!actual.help().equals(expected)) {
      throw mismatch("help", Labels.quote(expected), Labels.quote(actual.help()));
    }
    return this;
  }

  /**
   * Verifies the family's unit (OpenMetrics {@code # UNIT}).
   *
   * @param expected the unit, such as {@code seconds}; empty for none
   * @return this assertion
   * @throws AssertionError if the unit differs
   */
  public MetricFamilyAssert withUnit(String expected) {
    Objects.requireNonNull(expected, "expected");
    if (!actual.unit().equals(expected)) {
      throw mismatch("unit", Labels.quote(expected), Labels.quote(actual.unit()));
    }
    return this;
  }

  /**
   * Verifies how many series the family has: distinct label sets, a histogram's or summary's samples
   * counting once per series (without {@code le} or {@code quantile}).
   *
   * @param expected the series count
   * @return this assertion
   * @throws AssertionError if the count differs
   */
  public MetricFamilyAssert withSeriesCount(int expected) {
    Set<LabelSet> series = new HashSet<>();
    for (Sample sample : actual.samples()) {
      LabelSet labels = sample.labels();
      if (actual.type() == MetricType.HISTOGRAM || actual.type() == MetricType.GAUGE_HISTOGRAM) {
        labels = labels.without("le");
      } else if (actual.type() == MetricType.SUMMARY) {
        labels = labels.without("quantile");
      }
      series.add(labels);
    }
    if (series.size() != expected) {
      throw mismatch("series count", expected, series.size() + Messages.lines(actual.samples()));
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

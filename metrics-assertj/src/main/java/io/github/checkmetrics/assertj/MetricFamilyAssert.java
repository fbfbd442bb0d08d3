package io.github.checkmetrics.assertj;

import io.prometheus.metrics.model.registry.MetricType;
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
 * <p>The type is client_java's {@link MetricType}, so {@code HISTOGRAM} also matches an OpenMetrics
 * {@code gaugehistogram}, which client_java models as a histogram. The actual value ({@link #actual()})
 * is the family name as declared. Not thread-safe, like every AssertJ assertion object.
 */
public final class MetricFamilyAssert extends AbstractAssert<MetricFamilyAssert, String> {
  private final MetricFamily family;
  private final ExpositionAssert parent;

  MetricFamilyAssert(MetricFamily family, ExpositionAssert parent) {
    super(family.name(), MetricFamilyAssert.class);
    this.family = family;
    this.parent = parent;
    describedAs(parent.info.description());
  }

  private AssertionError mismatch(String what, Object expected, Object found) {
    return failure("%s", "Expecting family " + family.name() + " (line " + family.lineNumber() + ") to have "
        + what + " " + expected + "\nbut it was " + found);
  }

  /**
   * Verifies the family's type.
   *
   * @param expected client_java's type; Prometheus text has no info, stateset or gaugehistogram
   *     (client_java writes the first two as gauges there, the last as a histogram)
   * @return this assertion
   * @throws AssertionError if the type differs
   * @throws NullPointerException if expected is null
   */
  public MetricFamilyAssert ofType(MetricType expected) {
    Objects.requireNonNull(expected, "expected");
    if (family.type().metricType() != expected) {
      throw mismatch("type", expected, family.type());
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
    if (!family.help().equals(expected)) {
      throw mismatch("help", LabelText.quote(expected), LabelText.quote(family.help()));
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
    if (!family.unit().equals(expected)) {
      throw mismatch("unit", LabelText.quote(expected), LabelText.quote(family.unit()));
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
    for (Sample sample : family.samples()) {
      LabelSet labels = sample.labels();
      if (family.type() == FamilyType.HISTOGRAM || family.type() == FamilyType.GAUGE_HISTOGRAM) {
        labels = labels.without("le");
      } else if (family.type() == FamilyType.SUMMARY) {
        labels = labels.without("quantile");
      }
      series.add(labels);
    }
    if (series.size() != expected) {
      throw mismatch("series count", expected, series.size() + Messages.lines(family.samples()));
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

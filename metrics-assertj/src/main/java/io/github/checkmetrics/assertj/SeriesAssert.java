package io.github.checkmetrics.assertj;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.data.Offset;

/**
 * Assertions on one series: a counter's or gauge's value and exemplar, from {@link
 * ExpositionAssert#hasCounter} or {@link ExpositionAssert#hasGauge}, or a histogram's count, sum and
 * buckets (its {@code _bucket}, {@code _count} and {@code _sum} samples), from {@link
 * ExpositionAssert#hasHistogram}.
 *
 * <pre>{@code
 * assertThat(registry)
 *     .hasCounter("check_runs_total", labels("check_id", "db", "status", "success"))
 *     .withValue(3).and()
 *     .hasHistogram("check_duration_seconds", labels("check_id", "db"))
 *     .withCount(3)
 *     .withSum(0.6, within(1e-9))
 *     .withBucket(0.5, 2);
 * }</pre>
 *
 * <p>Bucket counts are cumulative, as exposed: {@code withBucket(0.5, 2)} means two observations were
 * at most 0.5. A value belongs to a counter or gauge, a count, sum and buckets to a histogram: asking a
 * series for what its type does not have fails. The actual value ({@link #actual()}) is the series as
 * {@code name{labels}}. Not thread-safe, like every AssertJ assertion object.
 */
public final class SeriesAssert extends AbstractAssert<SeriesAssert, String> {
  private final MetricFamily family;
  private final LabelSet labels;
  private final List<Sample> samples;
  private final String kind;
  private final ExpositionAssert parent;

  SeriesAssert(MetricFamily family, LabelSet labels, List<Sample> samples, ExpositionAssert parent) {
    super((family.type() == FamilyType.HISTOGRAM ? family.name() : samples.get(0).name()) + labels,
        SeriesAssert.class);
    this.family = family;
    this.labels = labels;
    this.samples = List.copyOf(samples);
    this.kind = family.type().openMetricsName();
    this.parent = parent;
    describedAs(parent.info.description());
  }

  /** The one sample of a counter or gauge series; fails for a histogram. */
  private Sample single(String what) {
    if (family.type() == FamilyType.HISTOGRAM) {
      throw failure("%s", "Expecting histogram " + actual + " to have " + what
          + "\nbut a histogram has none; assert its count, sum or buckets");
    }
    return samples.get(0);
  }

  /** Fails unless this is a histogram series. */
  private String histogram(String what) {
    if (family.type() != FamilyType.HISTOGRAM) {
      throw failure("%s", "Expecting " + kind + " " + actual + " to have " + what
          + "\nbut a " + kind + " has no count, sum or buckets");
    }
    return "Expecting histogram " + actual;
  }

  /**
   * Verifies a counter's or gauge's value.
   *
   * @param expected the value; NaN matches NaN, 0.0 matches -0.0
   * @return this assertion
   * @throws AssertionError if the value differs, or the series is a histogram
   */
  public SeriesAssert withValue(double expected) {
    return withValue(ValueMatcher.exactly(expected));
  }

  /**
   * Verifies a counter's or gauge's value within an offset.
   *
   * @param expected the value, finite
   * @param offset the accepted difference, for example AssertJ's {@code within(1e-9)}
   * @return this assertion
   * @throws AssertionError if the value is farther than the offset, or the series is a histogram
   * @throws NullPointerException if offset is null
   * @throws IllegalArgumentException if expected is not finite
   */
  public SeriesAssert withValue(double expected, Offset<Double> offset) {
    return withValue(ValueMatcher.closeTo(expected, offset));
  }

  private SeriesAssert withValue(ValueMatcher expected) {
    Sample sample = single("value " + expected);
    if (!expected.matches(sample.value())) {
      throw failure("%s", "Expecting " + kind + " " + sample.name() + sample.labels() + " to have value "
          + expected + "\nbut it was " + LabelText.formatValue(sample.value()) + " (line "
          + sample.lineNumber() + ")");
    }
    return this;
  }

  /**
   * Verifies that a counter or gauge series carries an exemplar with these labels (OpenMetrics only).
   *
   * @param labels the exemplar labels to match (a subset), for example {@code labels("trace_id", "abc")}
   * @return this assertion
   * @throws AssertionError if there is no exemplar or its labels do not match, or the series is a
   *     histogram
   * @throws NullPointerException if labels is null
   */
  public SeriesAssert withExemplar(Labels labels) {
    LabelMatcher matcher = LabelMatcher.of(labels, false);
    Sample sample = single("an exemplar " + matcher);
    String expectation = "Expecting " + kind + " " + sample.name() + sample.labels()
        + " to have an exemplar " + matcher;
    Exemplar exemplar = sample.exemplar().orElseThrow(() -> failure("%s", expectation
        + "\nbut it has none (line " + sample.lineNumber() + ")"));
    if (!matcher.matches(exemplar.labels())) {
      throw failure("%s", expectation + "\nbut it has " + exemplar + " (line " + sample.lineNumber() + ")");
    }
    return this;
  }

  private Sample sample(String suffix) {
    for (Sample sample : samples) {
      if (sample.name().equals(family.name() + suffix)) {
        return sample;
      }
    }
    return null;
  }

  /** The bucket whose {@code le} parses to this bound, or null. */
  private Sample bucket(double upperBound) {
    for (Sample sample : samples) {
      if (sample.name().equals(family.name() + "_bucket")) {
        Double le = Numbers.parse(sample.labels().get("le").orElse(""));
        if (le != null && le == upperBound) {
          return sample;
        }
      }
    }
    return null;
  }

  /**
   * Verifies a histogram's number of observations (the {@code le="+Inf"} bucket, equal to {@code
   * _count}).
   *
   * @param expected the observation count
   * @return this assertion
   * @throws AssertionError if the count differs, or the series is not a histogram
   */
  public SeriesAssert withCount(long expected) {
    String subject = histogram("count " + expected);
    Sample inf = bucket(Double.POSITIVE_INFINITY); // the parser guarantees it exists
    if (inf.value() != expected) {
      throw failure("%s", subject + " to have count " + expected + "\nbut it was "
          + LabelText.formatValue(inf.value()) + ":\n" + Messages.line(inf));
    }
    return this;
  }

  /**
   * Verifies a histogram's sum of observations.
   *
   * @param expected the sum in the family's unit; NaN matches NaN
   * @return this assertion
   * @throws AssertionError if the sum differs or there is no {@code _sum}, or the series is not a
   *     histogram
   */
  public SeriesAssert withSum(double expected) {
    return withSum(ValueMatcher.exactly(expected));
  }

  /**
   * Verifies a histogram's sum of observations within an offset.
   *
   * @param expected the sum in the family's unit, finite
   * @param offset the accepted difference, for example AssertJ's {@code within(1e-9)}
   * @return this assertion
   * @throws AssertionError if the sum is farther than the offset or there is no {@code _sum}, or the
   *     series is not a histogram
   * @throws NullPointerException if offset is null
   * @throws IllegalArgumentException if expected is not finite
   */
  public SeriesAssert withSum(double expected, Offset<Double> offset) {
    return withSum(ValueMatcher.closeTo(expected, offset));
  }

  private SeriesAssert withSum(ValueMatcher expected) {
    String subject = histogram("sum " + expected);
    Sample sum = sample("_sum");
    if (sum == null) {
      throw failure("%s", subject + " to have sum " + expected + "\nbut it has no "
          + family.name() + "_sum sample");
    }
    if (!expected.matches(sum.value())) {
      throw failure("%s", subject + " to have sum " + expected + "\nbut it was "
          + LabelText.formatValue(sum.value()) + ":\n" + Messages.line(sum));
    }
    return this;
  }

  /**
   * Verifies one histogram bucket's cumulative count.
   *
   * @param upperBound the bucket's {@code le}, for example {@code 0.5} or {@code
   *     Double.POSITIVE_INFINITY}
   * @param cumulativeCount the number of observations at most {@code upperBound}
   * @return this assertion
   * @throws AssertionError if there is no such bucket (listing the bounds) or its count differs, or
   *     the series is not a histogram
   */
  public SeriesAssert withBucket(double upperBound, long cumulativeCount) {
    String expectation = histogram("bucket le=\"" + LabelText.formatValue(upperBound) + "\"")
        + " to have bucket le=\"" + LabelText.formatValue(upperBound)
        + "\" with cumulative count " + cumulativeCount;
    Sample bucket = bucket(upperBound);
    if (bucket == null) {
      List<String> bounds = new ArrayList<>();
      for (Sample sample : samples) {
        sample.labels().get("le").ifPresent(bounds::add);
      }
      throw failure("%s", expectation + "\nbut it has no such bucket; its buckets are le="
          + String.join(", ", bounds));
    }
    if (bucket.value() != cumulativeCount) {
      throw failure("%s", expectation + "\nbut it was " + LabelText.formatValue(bucket.value()) + ":\n"
          + Messages.line(bucket));
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

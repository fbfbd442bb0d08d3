package io.github.checkmetrics.assertj;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one histogram series (its {@code _bucket}, {@code _count} and {@code _sum} samples),
 * from {@link ExpositionAssert#hasHistogram}.
 *
 * <pre>{@code
 * assertThat(registry)
 *     .hasHistogram("check_duration_seconds", labels("check_id", "db"))
 *     .withCount(3)
 *     .withSum(closeTo(0.6, 1e-9))
 *     .withBucket(0.5, 2);
 * }</pre>
 *
 * <p>Bucket counts are cumulative, as exposed: {@code withBucket(0.5, 2)} means two observations were
 * at most 0.5. Not thread-safe, like every AssertJ assertion object.
 */
public final class HistogramAssert extends AbstractAssert<HistogramAssert, List<Sample>> {
  private final MetricFamily family;
  private final LabelSet labels;
  private final ExpositionAssert parent;

  HistogramAssert(MetricFamily family, LabelSet labels, List<Sample> samples, ExpositionAssert parent) {
    super(List.copyOf(samples), HistogramAssert.class);
    this.family = family;
    this.labels = labels;
    this.parent = parent;
    describedAs(parent.info.description());
  }

  private String subject() {
    return "Expecting histogram " + family.name() + labels;
  }

  private Sample sample(String suffix) {
    for (Sample sample : actual) {
      if (sample.name().equals(family.name() + suffix)) {
        return sample;
      }
    }
    return null;
  }

  /** The bucket whose {@code le} parses to this bound, or null. */
  private Sample bucket(double upperBound) {
    for (Sample sample : actual) {
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
   * Verifies the number of observations (the {@code le="+Inf"} bucket, equal to {@code _count}).
   *
   * @param expected the observation count
   * @return this assertion
   * @throws AssertionError if the count differs
   */
  public HistogramAssert withCount(long expected) {
    Sample inf = bucket(Double.POSITIVE_INFINITY); // the parser guarantees it exists
    if (inf.value() != expected) {
      throw failure("%s", subject() + " to have count " + expected + "\nbut it was "
          + Labels.formatValue(inf.value()) + ":\n" + Messages.line(inf));
    }
    return this;
  }

  /**
   * Verifies the sum of observations.
   *
   * @param expected the sum in the family's unit; NaN matches NaN
   * @return this assertion
   * @throws AssertionError if the sum differs or there is no {@code _sum}
   */
  public HistogramAssert withSum(double expected) {
    return withSum(ValueMatcher.exactly(expected));
  }

  /**
   * Verifies the sum of observations.
   *
   * @param expected the sum matcher, for example {@code closeTo(0.6, 1e-9)}
   * @return this assertion
   * @throws AssertionError if the sum does not match or there is no {@code _sum}
   */
  public HistogramAssert withSum(ValueMatcher expected) {
    Objects.requireNonNull(expected, "expected");
    Sample sum = sample("_sum");
    if (sum == null) {
      throw failure("%s", subject() + " to have sum " + expected + "\nbut it has no "
          + family.name() + "_sum sample");
    }
    if (!expected.matches(sum.value())) {
      throw failure("%s", subject() + " to have sum " + expected + "\nbut it was "
          + Labels.formatValue(sum.value()) + ":\n" + Messages.line(sum));
    }
    return this;
  }

  /**
   * Verifies one bucket's cumulative count.
   *
   * @param upperBound the bucket's {@code le}, for example {@code 0.5} or {@code
   *     Double.POSITIVE_INFINITY}
   * @param cumulativeCount the number of observations at most {@code upperBound}
   * @return this assertion
   * @throws AssertionError if there is no such bucket (listing the bounds) or its count differs
   */
  public HistogramAssert withBucket(double upperBound, long cumulativeCount) {
    String expectation = subject() + " to have bucket le=\"" + Labels.formatValue(upperBound)
        + "\" with cumulative count " + cumulativeCount;
    Sample bucket = bucket(upperBound);
    if (bucket == null) {
      List<String> bounds = new ArrayList<>();
      for (Sample sample : actual) {
        sample.labels().get("le").ifPresent(bounds::add);
      }
      throw failure("%s", expectation + "\nbut it has no such bucket; its buckets are le="
          + String.join(", ", bounds));
    }
    if (bucket.value() != cumulativeCount) {
      throw failure("%s", expectation + "\nbut it was " + Labels.formatValue(bucket.value()) + ":\n"
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

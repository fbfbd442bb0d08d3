package io.github.checkmetrics.assertj;

import java.util.Objects;
import org.assertj.core.data.Offset;

/**
 * The expected value of a sample: exactly a number, or within a tolerance of it, behind the {@code
 * double} and AssertJ {@code Offset} overloads of the assertions.
 *
 * <p>{@link #exactly(double)} treats {@code NaN} as equal to {@code NaN} and {@code 0.0} as equal to
 * {@code -0.0}; {@link #closeTo(double, Offset)} serves sums of floating-point observations:
 *
 * <pre>{@code
 * assertThat(registry)
 *     .hasHistogram("check_duration_seconds", labels("check_id", "db"))
 *     .withSum(0.6, within(1e-9));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
final class ValueMatcher {
  private final double expected;
  private final double tolerance;
  private final boolean strict;

  private ValueMatcher(double expected, double tolerance, boolean strict) {
    this.expected = expected;
    this.tolerance = tolerance;
    this.strict = strict;
  }

  /**
   * Matches exactly this value.
   *
   * @param expected the value; may be NaN or infinite
   * @return the matcher
   */
  static ValueMatcher exactly(double expected) {
    return new ValueMatcher(expected, 0, false);
  }

  /**
   * Matches values within {@code tolerance} of {@code expected}, bounds included.
   *
   * @param expected a finite value
   * @param tolerance the largest accepted difference, finite and {@code >= 0}
   * @return the matcher
   * @throws IllegalArgumentException if expected is not finite or tolerance is negative or not finite
   */
  static ValueMatcher closeTo(double expected, double tolerance) {
    if (!Double.isFinite(expected)) {
      throw new IllegalArgumentException("expected value must be finite: " + expected);
    }
    if (!Double.isFinite(tolerance) || tolerance < 0) {
      throw new IllegalArgumentException("tolerance must be a finite number >= 0: " + tolerance);
    }
    return new ValueMatcher(expected, tolerance, false);
  }

  /**
   * Matches values within an AssertJ offset of {@code expected}: bounds included for {@code
   * within(..)} and {@code offset(..)}, excluded for {@code strictOffset(..)}.
   *
   * @param expected a finite value
   * @param offset the accepted difference, for example {@code within(1e-9)}
   * @return the matcher
   * @throws NullPointerException if offset is null
   * @throws IllegalArgumentException if expected is not finite or the offset not finite
   */
  static ValueMatcher closeTo(double expected, Offset<Double> offset) {
    Objects.requireNonNull(offset, "offset");
    ValueMatcher checked = closeTo(expected, offset.value);
    return offset.strict ? new ValueMatcher(expected, offset.value, true) : checked;
  }

  /**
   * Whether a value matches.
   *
   * @param actual the sample value
   * @return true when equal (or within the tolerance)
   */
  boolean matches(double actual) {
    if (tolerance == 0) {
      return actual == expected || (Double.isNaN(actual) && Double.isNaN(expected));
    }
    double difference = Math.abs(actual - expected);
    return strict ? difference < tolerance : difference <= tolerance;
  }

  /** {@code 1.0}, {@code 0.6 ± 1.0E-9} with a tolerance, {@code 0.6 ± 1.0E-9 (strict)} for a strict one. */
  @Override
  public String toString() {
    return LabelText.formatValue(expected) + (tolerance == 0 && !strict ? "" : " ± " + tolerance)
        + (strict ? " (strict)" : "");
  }
}

package io.github.checkmetrics.assertj;

/**
 * The expected value of a sample: exactly a number, or within a tolerance of it.
 *
 * <p>{@link #exactly(double)} treats {@code NaN} as equal to {@code NaN} and {@code 0.0} as equal to
 * {@code -0.0}. Use {@link #closeTo(double, double)} for sums of floating-point observations.
 *
 * <pre>{@code
 * assertThat(registry)
 *     .hasHistogram("check_duration_seconds", labels("check_id", "db"))
 *     .withSum(closeTo(0.6, 1e-9));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ValueMatcher {
  private final double expected;
  private final double tolerance;

  private ValueMatcher(double expected, double tolerance) {
    this.expected = expected;
    this.tolerance = tolerance;
  }

  /**
   * Matches exactly this value.
   *
   * @param expected the value; may be NaN or infinite
   * @return the matcher
   */
  public static ValueMatcher exactly(double expected) {
    return new ValueMatcher(expected, 0);
  }

  /**
   * Matches values within {@code tolerance} of {@code expected}, bounds included.
   *
   * @param expected a finite value
   * @param tolerance the largest accepted difference, finite and {@code >= 0}
   * @return the matcher
   * @throws IllegalArgumentException if expected is not finite or tolerance is negative or not finite
   */
  public static ValueMatcher closeTo(double expected, double tolerance) {
    if (!Double.isFinite(expected)) {
      throw new IllegalArgumentException("expected value must be finite: " + expected);
    }
    if (!Double.isFinite(tolerance) || tolerance < 0) {
      throw new IllegalArgumentException("tolerance must be a finite number >= 0: " + tolerance);
    }
    return new ValueMatcher(expected, tolerance);
  }

  /**
   * Whether a value matches.
   *
   * @param actual the sample value
   * @return true when equal (or within the tolerance)
   */
  public boolean matches(double actual) {
    if (tolerance == 0) {
      return actual == expected || (Double.isNaN(actual) && Double.isNaN(expected));
    }
    return Math.abs(actual - expected) <= tolerance;
  }

  /** {@code 1.0}, or {@code 0.6 ± 1.0E-9} with a tolerance. */
  @Override
  public String toString() {
    return Labels.formatValue(expected) + (tolerance == 0 ? "" : " ± " + tolerance);
  }
}

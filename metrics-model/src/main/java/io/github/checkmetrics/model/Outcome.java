package io.github.checkmetrics.model;

/**
 * The outcome of one run of a check.
 *
 * <p>{@link #DEGRADED} counts as passing for {@code check_status} and as {@code success} for {@code
 * check_runs_total}; it is reported on its own by {@code check_degraded}.
 */
public enum Outcome {
  /** The check passed. */
  PASSED,
  /** The check passed, but slower or weaker than expected. */
  DEGRADED,
  /** The check failed. */
  FAILED;

  /**
   * Whether this outcome counts as a success.
   *
   * @return {@code true} for {@link #PASSED} and {@link #DEGRADED}
   */
  public boolean isSuccess() {
    return this != FAILED;
  }
}

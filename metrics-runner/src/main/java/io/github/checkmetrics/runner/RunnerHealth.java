package io.github.checkmetrics.runner;

/**
 * The readiness of a {@link CheckRunner}, behind {@link CheckRunner#isHealthy()}.
 *
 * <p>Not public: a health endpoint needs the answer, {@code runner::isHealthy}; the counts serve the
 * runner's tests. Instances are immutable and thread-safe.
 *
 * @param alive whether the runner is started and not closed
 * @param checks how many activated checks the runner has
 * @param checksWithResult how many of them have recorded at least one result
 * @param checksOverdue how many of them have recorded no result for 3 of their intervals (since
 *     their latest result, or since they were scheduled): a stuck probe, a runner that fell
 *     behind
 */
record RunnerHealth(boolean alive, int checks, int checksWithResult, int checksOverdue) {

  /**
   * Creates a health without overdue checks (the shape before {@code checksOverdue} existed).
   *
   * @param alive whether the runner is started and not closed
   * @param checks how many activated checks the runner has
   * @param checksWithResult how many of them have recorded at least one result
   */
  RunnerHealth(boolean alive, int checks, int checksWithResult) {
    this(alive, checks, checksWithResult, 0);
  }

  /**
   * Returns whether the runner is alive, every activated check has recorded a result, and none
   * is overdue.
   *
   * @return {@code true} when alive, every activated check has recorded a result, and none is
   *     overdue
   */
  boolean healthy() {
    return alive && checksWithResult == checks && checksOverdue == 0;
  }
}

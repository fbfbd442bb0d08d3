package io.github.checkmetrics.runner;

/**
 * The readiness of a {@link CheckRunner}, for a health endpoint.
 *
 * <pre>{@code
 * RunnerHealth health = runner.health();
 * String body = health.healthy()
 *     ? "OK"
 *     : health.checksWithResult() + " of " + health.checks() + " checks have run";
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param alive whether the runner is started and not closed
 * @param checks how many activated checks the runner has
 * @param checksWithResult how many of them have recorded at least one result
 */
public record RunnerHealth(boolean alive, int checks, int checksWithResult) {

  /**
   * Returns whether the runner is alive and every activated check has recorded a result.
   *
   * @return {@code true} when alive and every activated check has recorded a result
   */
  public boolean healthy() {
    return alive && checksWithResult == checks;
  }
}

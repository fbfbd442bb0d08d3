package io.github.checkmetrics.spring;

import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.runner.Probe;
import io.github.checkmetrics.runner.ProbeException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * One call of a Spring Boot {@link HealthIndicator}, as a check run: its status becomes the
 * outcome through the status-to-outcome table, a failed status the failure reason (its code in
 * lower case, such as {@code down} or {@code out_of_service}). An indicator that throws is left to
 * the runner, which records the exception's class name as the reason; one that hangs is cut by the
 * runner's timeout (reason {@code timeout}). The indicator is called without details, as a
 * health endpoint hiding details calls it.
 */
final class HealthIndicatorProbe implements Probe {

  private final HealthIndicator indicator;
  private final StatusOutcomes outcomes;

  HealthIndicatorProbe(HealthIndicator indicator, StatusOutcomes outcomes) {
    this.indicator = indicator;
    this.outcomes = outcomes;
  }

  @Override
  public Outcome run(Duration timeout) throws ProbeException {
    Health health = indicator.health(false);
    if (health == null || health.getStatus() == null) {
      throw new ProbeException("no_status", "the health indicator returned no status");
    }
    Status status = health.getStatus();
    Outcome outcome = outcomes.outcome(status.getCode());
    if (outcome == Outcome.FAILED) {
      throw new ProbeException(reason(status.getCode()), "health status " + status.getCode());
    }
    return outcome;
  }

  /** A status code as a failure reason: lower case, other characters {@code _}, bounded. */
  static String reason(String code) {
    String reason = code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.:$-]", "_");
    if (reason.isEmpty()) {
      return "empty_status";
    }
    return reason.length() > 128 ? reason.substring(0, 128) : reason;
  }

  @Override
  public String toString() {
    return "HealthIndicatorProbe{" + indicator.getClass().getName() + '}';
  }

  /**
   * The outcome of each health status code: the defaults, replaced per code by the configured
   * table. Codes compare without case and without the characters Spring's map binding drops
   * (so {@code OUT_OF_SERVICE}, {@code out-of-service} and {@code outofservice} are one code).
   */
  static final class StatusOutcomes {
    private final Map<String, Outcome> outcomes = new java.util.HashMap<>();

    StatusOutcomes(Map<String, Outcome> configured) {
      put(Status.UP.getCode(), Outcome.PASSED);
      put(Status.DOWN.getCode(), Outcome.FAILED);
      put(Status.OUT_OF_SERVICE.getCode(), Outcome.FAILED);
      put(Status.UNKNOWN.getCode(), Outcome.DEGRADED);
      if (configured != null) {
        configured.forEach(this::put);
      }
    }

    private void put(String code, Outcome outcome) {
      outcomes.put(normalized(code), outcome);
    }

    /** The outcome of a status code; a code mapped nowhere is failed. */
    Outcome outcome(String code) {
      return outcomes.getOrDefault(normalized(code), Outcome.FAILED);
    }

    private static String normalized(String code) {
      return code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
  }
}

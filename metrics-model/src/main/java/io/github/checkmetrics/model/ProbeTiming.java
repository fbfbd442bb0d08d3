package io.github.checkmetrics.model;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Runs and times the probes of {@link CheckMetrics#measure}, turning each run into a result. */
final class ProbeTiming {

  private ProbeTiming() {}

  /**
   * Runs a probe and completes its result: its outcome ({@link Outcome#FAILED} for {@code null},
   * with the reason {@code null_outcome}, or for an exception, with the exception's simple class
   * name as the reason, never rethrown) and its duration.
   */
  static CheckResult time(CheckResult.Builder result, Callable<Outcome> probe) {
    long start = System.nanoTime();
    try {
      Outcome outcome = probe.call();
      result.outcome(outcome == null ? Outcome.FAILED : outcome);
      if (outcome == null) {
        result.failureReason("null_outcome");
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      result.outcome(Outcome.FAILED).failureReason(reasonOf(e));
    }
    return result.duration(Duration.ofNanos(System.nanoTime() - start)).build();
  }

  /** A probe that passes when {@code work} returns. */
  static Callable<Outcome> passing(Runnable work) {
    return () -> {
      work.run();
      return Outcome.PASSED;
    };
  }

  static String reasonOf(Throwable e) {
    String name = e.getClass().getSimpleName();
    return name.isEmpty() ? e.getClass().getName() : name;
  }
}

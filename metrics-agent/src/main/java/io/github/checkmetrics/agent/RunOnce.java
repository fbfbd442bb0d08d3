package io.github.checkmetrics.agent;

import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.runner.Probe;
import io.github.checkmetrics.runner.ScheduledCheck;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs every check of a file one time, through the same runners as the long-running agent (so
 * timeouts, failure reasons and the recorded series are the same), and waits for every result.
 * Each check is scheduled with its interval set to its timeout, which starts its first run at
 * once; its probe runs only the first time (a second run, which could start when the first took
 * its whole timeout, waits to be cut by the close and is never recorded). Stateless.
 */
final class RunOnce {

  /** Time beyond the longest timeout for the results to be recorded, on a loaded machine. */
  private static final Duration SLACK = Duration.ofSeconds(10);

  /**
   * How long the close waits for probes: every first run has ended by then, so this only lets the
   * idle probe threads end (a grace of zero logs a warning whenever one is still ending).
   */
  private static final Duration CLOSE_GRACE = Duration.ofMillis(100);

  private RunOnce() {}

  /**
   * Runs the checks and records their results into {@code metrics}.
   *
   * @return whether every activated check passed (degraded counts as passing)
   * @throws InterruptedException if interrupted while waiting
   */
  static boolean run(ChecksFile file, CheckMetrics metrics) throws InterruptedException {
    Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    long activated = file.checks().stream().filter(CheckSpec::activated).count();
    CountDownLatch done = new CountDownLatch((int) activated);
    Duration longest = Duration.ZERO;
    for (CheckSpec spec : file.checks()) {
      Duration timeout = spec.scheduled().timeout();
      longest = timeout.compareTo(longest) > 0 ? timeout : longest;
    }
    try (AgentChecks checks =
        new AgentChecks(metrics, RunOnce::once, result -> record(result, outcomes, done),
            CLOSE_GRACE)) {
      checks.apply(file);
      checks.start();
      if (!done.await(longest.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "checks did not all record a result within " + longest.plus(SLACK));
      }
    }
    return outcomes.values().stream().noneMatch(outcome -> outcome == Outcome.FAILED);
  }

  private static void record(
      CheckResult result, Map<String, Outcome> outcomes, CountDownLatch done) {
    if (outcomes.putIfAbsent(result.checkId(), result.outcome()) == null) {
      done.countDown();
    }
  }

  /** The check scheduled to run at once, its probe to run one time. */
  private static ScheduledCheck once(CheckSpec spec) {
    ScheduledCheck scheduled = spec.scheduled();
    Probe probe = scheduled.probe();
    AtomicBoolean ran = new AtomicBoolean();
    Probe first =
        timeout -> {
          if (ran.compareAndSet(false, true)) {
            return probe.run(timeout);
          }
          // A second run (it starts only when the first took its whole timeout): it waits to be
          // cut by the close, which follows the first runs at once, and is never recorded.
          Thread.sleep(Long.MAX_VALUE);
          return Outcome.FAILED;
        };
    return ScheduledCheck.builder(scheduled.check(), first)
        .interval(scheduled.timeout())
        .timeout(scheduled.timeout())
        .build();
  }
}

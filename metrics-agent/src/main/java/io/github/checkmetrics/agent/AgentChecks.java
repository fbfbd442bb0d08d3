package io.github.checkmetrics.agent;

import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.runner.CheckRunner;
import io.github.checkmetrics.runner.ScheduledCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The running checks of the agent: one {@link CheckRunner} per region, all recording into one
 * {@link CheckMetrics}, and the spec each check runs with. {@link #apply(ChecksFile)} moves from
 * the checks running to those of a file by their difference: a check whose spec is unchanged keeps
 * running with its schedule and series; a new one starts, a removed one stops and its series go,
 * a changed one is removed and added again (its counters start from zero, as for any changed
 * series in Prometheus). Thread-safe: every method is synchronized.
 */
final class AgentChecks implements AutoCloseable {

  /**
   * What a reload did, for the log and the reload endpoint's answer.
   *
   * @param added checks that started
   * @param removed checks that stopped, series gone
   * @param replaced checks whose spec changed, stopped and started again
   * @param unchanged checks left running as they were
   */
  record Change(int added, int removed, int replaced, int unchanged) {
    @Override
    public String toString() {
      return added + " added, " + removed + " removed, " + replaced + " replaced, " + unchanged
          + " unchanged";
    }
  }

  private final CheckMetrics metrics;
  private final Function<CheckSpec, ScheduledCheck> scheduling;
  private final Consumer<CheckResult> onResult;
  private final Duration closeGracePeriod;
  /** By region; the key {@code null} is the runner's default region. */
  private final Map<String, CheckRunner> runners = new HashMap<>();
  private final Map<String, CheckSpec> running = new LinkedHashMap<>();
  private boolean started;
  private boolean closed;

  /**
   * Checks recording into {@code metrics}.
   *
   * @param scheduling turns a spec into what a runner runs: {@link CheckSpec#scheduled()}, or a
   *     run-once variant
   * @param onResult called with every result, or null
   * @param closeGracePeriod how long {@link #close()} waits for running probes
   */
  AgentChecks(
      CheckMetrics metrics,
      Function<CheckSpec, ScheduledCheck> scheduling,
      Consumer<CheckResult> onResult,
      Duration closeGracePeriod) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.scheduling = scheduling;
    this.onResult = onResult;
    this.closeGracePeriod = closeGracePeriod;
  }

  /**
   * Runs the checks of {@code file} instead of those running now, by their difference.
   *
   * @param file a file read whole, already cut to this agent's shard
   * @return what changed
   * @throws IllegalStateException if closed
   * @throws IllegalArgumentException if a probe cannot be built (a credential or trust store file
   *     or variable went missing since the file was read); nothing changed
   */
  synchronized Change apply(ChecksFile file) {
    if (closed) {
      throw new IllegalStateException("the agent's checks are closed");
    }
    Map<String, CheckSpec> wanted = new LinkedHashMap<>();
    for (CheckSpec spec : file.checks()) {
      wanted.put(spec.id(), spec);
    }
    int removed = 0;
    int replaced = 0;
    int unchanged = 0;
    List<CheckSpec> toRemove = new ArrayList<>();
    List<CheckSpec> toAdd = new ArrayList<>();
    for (CheckSpec old : running.values()) {
      CheckSpec now = wanted.get(old.id());
      if (old.equals(now)) {
        unchanged++;
        continue;
      }
      toRemove.add(old);
      if (now == null) {
        removed++;
      } else {
        replaced++;
        toAdd.add(now);
      }
    }
    int added = 0;
    for (CheckSpec spec : wanted.values()) {
      if (!running.containsKey(spec.id())) {
        toAdd.add(spec);
        added++;
      }
    }
    // Built before anything changes: a probe reads its credential files and variables now, and
    // one gone since the file was read leaves the running checks as they were.
    List<ScheduledCheck> scheduled = new ArrayList<>();
    for (CheckSpec spec : toAdd) {
      scheduled.add(scheduling.apply(spec));
    }
    for (CheckSpec old : toRemove) {
      runner(old.region()).remove(old.id());
      running.remove(old.id());
    }
    for (int i = 0; i < toAdd.size(); i++) {
      CheckSpec spec = toAdd.get(i);
      runner(spec.region()).add(scheduled.get(i));
      running.put(spec.id(), spec);
    }
    return new Change(added, removed, replaced, unchanged);
  }

  /** Starts every runner, and every one a later region brings. */
  synchronized void start() {
    started = true;
    runners.values().forEach(CheckRunner::start);
  }

  /** Whether every runner is started and every activated check has a result. */
  synchronized boolean isHealthy() {
    return started && !closed && runners.values().stream().allMatch(CheckRunner::isHealthy);
  }

  /** The region of results when the checks file names none: the runner's default. */
  synchronized String defaultRegion() {
    return runner(null).region();
  }

  /** The ids of the running checks, in file order. */
  synchronized List<String> ids() {
    return List.copyOf(running.keySet());
  }

  private CheckRunner runner(String region) {
    return runners.computeIfAbsent(
        region,
        r -> {
          CheckRunner.Builder builder =
              CheckRunner.builder(metrics).closeGracePeriod(closeGracePeriod);
          if (r != null) {
            builder.region(r);
          }
          if (onResult != null) {
            builder.onResult(onResult);
          }
          CheckRunner runner = builder.build();
          if (started) {
            runner.start();
          }
          return runner;
        });
  }

  /** Stops every runner (waiting up to the grace period for running probes); idempotent. */
  @Override
  public void close() {
    List<CheckRunner> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = List.copyOf(runners.values());
    }
    toClose.forEach(CheckRunner::close);
  }
}

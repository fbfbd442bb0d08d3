package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.Outcome;
import io.github.checkmetrics.model.internal.SetOnce;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks on a schedule and records every result into {@link CheckMetrics}.
 *
 * <pre>{@code
 * PrometheusRegistry registry = new PrometheusRegistry();
 * CheckMetrics metrics = CheckMetrics.builder().registry(registry).build();
 * try (CheckRunner runner = CheckRunner.builder(metrics).region("eu-west-1").build()) {
 *   runner.add(
 *       Check.builder("orders-api").type("http").build(),
 *       HttpProbe.builder("http://127.0.0.1:8080/health").build(),
 *       Duration.ofSeconds(30),
 *       Duration.ofSeconds(5));
 *   runner.start();
 *   // ... serve registry; runner::isHealthy can back a health endpoint
 * }
 * }</pre>
 *
 * <p>Each check runs once per interval, the first time after a random delay between zero and
 * its interval minus its timeout, so that checks added together do not fire in lock-step and the
 * first result is in within one interval. A run that takes longer than its timeout is recorded as
 * {@link Outcome#FAILED} with reason {@code timeout} and cut; a probe that throws is recorded as
 * failed with a reason from a fixed set (see {@link Probe}). Every result is recorded in the
 * runner's region.
 *
 * <p>Threads and limits: one scheduler thread starts every run and cuts every run at its timeout.
 * The built-in {@link HttpProbe} and {@link TcpProbe} hold no thread while they wait (a shared
 * non-blocking client does their I/O), so thousands of them can wait at once; at most {@link
 * Builder#maxInFlight(int)} runs of them are in flight (default 512),
 * and a run beyond the limit waits for a slot, first in first out. Any other {@link Probe} is
 * blocking: it runs on a pool of its own, at most {@link Builder#threads(int)} at once (default
 * 8). At its timeout a blocking probe's thread is interrupted and
 * its slot freed, so a probe that ignores the interruption holds its own thread and nothing the
 * other checks need; its check starts no new run until it returns. Threads are named {@code
 * checkmetrics-runner-<n>-...} and daemon; idle blocking threads end after 30 s.
 *
 * <p>Falling behind is visible: a run not started because the check's previous run is still
 * going, or still waiting for a slot, is counted in {@code <ns>_runner_skipped_runs_total{reason}}
 * ({@code still_running}, {@code saturated}); how late each run started is the histogram {@code
 * <ns>_runner_schedule_lag_seconds}; and {@link #isHealthy()} turns false when a check has not
 * recorded a result for 3 of its intervals. HTTPS runs record {@code
 * <ns>_tls_cert_expiry_timestamp_seconds{check_id,region}} and HTTP runs {@code
 * <ns>_http_duration_seconds{check_id,region,phase}} (phases {@code headers} and {@code body}).
 *
 * <p>This class is thread-safe: checks may be added and removed from any thread, before or after
 * {@link #start()}.
 */
public final class CheckRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

  /** A check that recorded nothing for this many of its intervals makes the runner unhealthy. */
  static final int OVERDUE_INTERVALS = 3;

  private final CheckMetrics metrics;
  private final String region;
  private final Duration closeGracePeriod;
  private final Consumer<CheckResult> onResult;
  private final ScheduledThreadPoolExecutor scheduler;
  private final ThreadPoolExecutor blockingPool;
  private final RunLimiter inFlight;
  private final RunLimiter blockingSlots;
  private final RunnerMetrics runnerMetrics;
  private final Map<String, CheckTask> tasks = new ConcurrentHashMap<>();
  private final Object lifecycle = new Object();
  private volatile boolean started;
  private volatile boolean closed;
  private volatile boolean stopped;

  private CheckRunner(Builder builder) {
    this.metrics = builder.metrics;
    this.region = builder.region == null ? Builder.DEFAULT_REGION : builder.region;
    this.closeGracePeriod =
        builder.closeGracePeriod == null
            ? Builder.DEFAULT_CLOSE_GRACE_PERIOD
            : builder.closeGracePeriod;
    this.onResult = builder.onResult;
    int threads = builder.threads == 0 ? Builder.DEFAULT_THREADS : builder.threads;
    int maxInFlight =
        builder.maxInFlight == 0 ? Builder.DEFAULT_MAX_IN_FLIGHT : builder.maxInFlight;
    int number = RunnerThreads.nextRunnerNumber();
    this.scheduler = new ScheduledThreadPoolExecutor(1, RunnerThreads.named(number, "scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    // Threads: at most `threads` probes within their timeout, plus one per check whose probe
    // ignored its interruption (such a check starts no new run until its probe returns).
    this.blockingPool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            RunnerThreads.named(number, "probe"));
    this.inFlight = new RunLimiter(maxInFlight, scheduler);
    this.blockingSlots = new RunLimiter(threads, scheduler);
    this.runnerMetrics = RunnerMetrics.of(metrics);
  }

  /**
   * Starts a runner that records into the given check metrics.
   *
   * @param metrics where results are recorded; the runner registers its checks there
   * @return a builder: region {@code local}, at most 512 runs of built-in probes and 8 of
   *     blocking probes at once, a close grace period of 5 s
   * @throws IllegalStateException if the runner's metric families cannot be registered in the
   *     metrics' registry (another family has one of their names)
   */
  public static Builder builder(CheckMetrics metrics) {
    return new Builder(metrics);
  }

  /**
   * Registers a check with the runner's {@link CheckMetrics} and schedules it (at once if the
   * runner is started, else at {@link #start()}). A check that is not {@linkplain
   * Check#activated() activated} is registered but never run. A check of a {@linkplain
   * Check#tenant() tenant} records its results as that tenant's; check ids are unique within one
   * runner, across tenants (a platform whose tenants reuse ids runs one runner per tenant, or
   * gives each check a platform-wide id).
   *
   * @param check what is checked; no check with its id may be registered in the metrics yet
   * @param probe how it is checked
   * @param interval the time between the starts of two runs, positive
   * @param timeout how long a run may take at most: positive, not longer than {@code interval}
   * @throws IllegalArgumentException if the interval or timeout breaks its rule
   * @throws IllegalStateException if the runner is closed or a check with that id is registered
   */
  public void add(Check check, Probe probe, Duration interval, Duration timeout) {
    add(ScheduledCheck.builder(check, probe).interval(interval).timeout(timeout).build());
  }

  /**
   * Registers a check with the runner's {@link CheckMetrics} and schedules it.
   *
   * @param scheduled the check, its probe, interval and timeout
   * @throws IllegalStateException if the runner is closed or a check with that id is registered
   * @see #add(Check, Probe, Duration, Duration)
   */
  public void add(ScheduledCheck scheduled) {
    Objects.requireNonNull(scheduled, "scheduled");
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("runner is closed");
      }
      String id = scheduled.check().id();
      if (tasks.containsKey(id)) {
        throw new IllegalStateException("check is already scheduled: \"" + id + "\"");
      }
      metrics.register(scheduled.check());
      CheckTask task = new CheckTask(scheduled, this);
      tasks.put(id, task);
      if (started) {
        schedule(task);
      }
    }
  }

  /**
   * Stops running a check, cuts its running run without recording it, and removes it and its
   * series from the {@link CheckMetrics}.
   *
   * @param checkId the id of a check added to this runner
   * @return {@code true} if the check was added to this runner (and not removed yet)
   */
  public boolean remove(String checkId) {
    Objects.requireNonNull(checkId, "checkId");
    CheckTask task;
    synchronized (lifecycle) {
      task = tasks.remove(checkId);
      if (task == null) {
        return false;
      }
      synchronized (task) { // waits for a record in progress (see record)
        task.removed = true;
      }
      task.cancel();
      // Under the lock: an add of the same id must find the old check gone from the metrics too.
      metrics.remove(task.tenant, checkId);
      runnerMetrics.remove(checkId, region);
    }
    return true;
  }

  /**
   * Starts running the added checks, and every check added later.
   *
   * @throws IllegalStateException if the runner is already started or closed
   */
  public void start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("runner is closed");
      }
      if (started) {
        throw new IllegalStateException("runner is already started");
      }
      started = true;
      for (CheckTask task : tasks.values()) {
        schedule(task);
      }
    }
  }

  /** The runner's readiness, counted: alive once started and until closed. */
  RunnerHealth health() {
    int checks = 0;
    int withResult = 0;
    int overdue = 0;
    long now = System.nanoTime();
    for (CheckTask task : tasks.values()) {
      if (task.scheduled.check().activated()) {
        checks++;
        if (task.hasResult) {
          withResult++;
        }
        if (started && isOverdue(task, now)) {
          overdue++;
        }
      }
    }
    boolean alive = started && !closed && !scheduler.isShutdown();
    return new RunnerHealth(alive, checks, withResult, overdue);
  }

  private static boolean isOverdue(CheckTask task, long now) {
    long interval = task.intervalNanos();
    long limit = interval > Long.MAX_VALUE / OVERDUE_INTERVALS ? Long.MAX_VALUE : interval * OVERDUE_INTERVALS;
    return task.schedule != null && now - task.lastRecordedNanos > limit;
  }

  /**
   * Whether the runner is started, not closed, every activated check has a result, and none has
   * gone 3 of its intervals without one: the test of a runner-aware health endpoint ({@code
   * runner::isHealthy} is a {@code BooleanSupplier}).
   *
   * @return {@code true} when healthy
   */
  public boolean isHealthy() {
    return health().healthy();
  }

  /**
   * Returns the region every result of this runner is recorded in.
   *
   * @return the region every result of this runner is recorded in
   */
  public String region() {
    return region;
  }

  /**
   * Stops scheduling runs, waits up to the close grace period for running probes to finish (their
   * results are recorded), then interrupts those still running and drops their results. The checks
   * and their series stay in the {@link CheckMetrics}. Calling it again does nothing.
   */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      for (CheckTask task : tasks.values()) {
        ScheduledFuture<?> schedule = task.schedule;
        if (schedule != null) {
          schedule.cancel(false);
        }
      }
    }
    // Runs still waiting for a slot never start; running ones get the grace period.
    inFlight.drain();
    blockingSlots.drain();
    long deadline = System.nanoTime() + Durations.nanos(closeGracePeriod);
    try {
      while (anyRunning()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn("probes still running after the close grace period of {}", closeGracePeriod);
          break;
        }
        Thread.sleep(Math.max(1, Math.min(10, TimeUnit.NANOSECONDS.toMillis(left))));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopped = true;
      for (CheckTask task : tasks.values()) {
        task.cut();
      }
      blockingPool.shutdownNow();
      scheduler.shutdownNow();
    }
  }

  private boolean anyRunning() {
    for (CheckTask task : tasks.values()) {
      if (task.running()) {
        return true;
      }
    }
    return false;
  }

  boolean isClosed() {
    return closed;
  }

  ExecutorService blockingPool() {
    return blockingPool;
  }

  RunLimiter limiter(boolean blocking) {
    return blocking ? blockingSlots : inFlight;
  }

  RunnerMetrics runnerMetrics() {
    return runnerMetrics;
  }

  ScheduledThreadPoolExecutor scheduler() {
    return scheduler;
  }

  /** Records one run of a task; called exactly once per run, from a probe or scheduler thread. */
  void record(
      CheckTask task, Outcome outcome, String reason, long durationNanos, ProbeReport report) {
    if (stopped || task.removed) {
      return;
    }
    CheckResult.Builder builder =
        CheckResult.builder(task.id, region)
            .outcome(outcome)
            .duration(Duration.ofNanos(Math.max(0, durationNanos)))
            .finishedAt(Instant.now());
    if (reason != null) {
      builder.failureReason(reason);
    }
    if (!task.tenant.isEmpty()) {
      builder.tenant(task.tenant);
    }
    CheckResult result = builder.build();
    // Checked again with the record under the lock remove(id) sets it under: a run removed while
    // ending is dropped, never recorded into a check added again with the same id.
    synchronized (task) {
      if (task.removed) {
        return;
      }
      metrics.record(result);
      if (report != null) {
        runnerMetrics.report(task.id, region, report);
      }
    }
    task.hasResult = true;
    task.lastRecordedNanos = System.nanoTime();
    if (onResult != null) {
      try {
        onResult.accept(result);
      } catch (RuntimeException e) {
        LOG.warn("the result listener failed for check {}", task.id, e);
      }
    }
  }

  private void schedule(CheckTask task) {
    if (!task.scheduled.check().activated()) {
      return;
    }
    Duration interval = task.scheduled.interval();
    long delay =
        initialDelayNanos(interval, task.scheduled.timeout(), ThreadLocalRandom.current());
    task.scheduledAt(System.nanoTime() + delay);
    task.schedule =
        scheduler.scheduleAtFixedRate(
            task::trigger, delay, Durations.nanos(interval), TimeUnit.NANOSECONDS);
  }

  /**
   * A random first delay, so that checks do not fire in lock-step, short enough that the first
   * run ends within one interval.
   *
   * @return nanoseconds between 0 and {@code interval - timeout}, both included
   */
  static long initialDelayNanos(Duration interval, Duration timeout, RandomGenerator random) {
    long spread = Durations.nanos(interval) - Durations.nanos(timeout);
    return spread <= 0 ? 0 : random.nextLong(spread == Long.MAX_VALUE ? spread : spread + 1);
  }

  /** Builds a {@link CheckRunner}; not thread-safe. */
  public static final class Builder {
    static final String DEFAULT_REGION = "local";
    static final int DEFAULT_THREADS = 8;
    static final int MAX_THREADS = 1024;
    static final int DEFAULT_MAX_IN_FLIGHT = 512;
    static final int MAX_IN_FLIGHT = 100_000;
    static final Duration DEFAULT_CLOSE_GRACE_PERIOD = Duration.ofSeconds(5);

    private final CheckMetrics metrics;
    private String region;
    private int threads;
    private int maxInFlight;
    private Duration closeGracePeriod;
    private Consumer<CheckResult> onResult;

    private Builder(CheckMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Sets the region every result is recorded in.
     *
     * @param region where the runner runs, such as {@code eu-west-1}: 1 to 128 characters, no
     *     lone UTF-16 surrogate (the rule of {@link CheckResult#builder(String, String)}); the
     *     {@code region} label of every result; default {@code local}
     * @return this builder
     * @throws IllegalArgumentException if empty, too long or holding a lone surrogate
     * @throws IllegalStateException if the region is already set
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      // The model's own rule, with its message: a region it refuses would make every run fail.
      CheckResult.builder("region-check", region);
      this.region = SetOnce.set("region", this.region, region);
      return this;
    }

    /**
     * Sets how many runs of built-in probes ({@link HttpProbe}, {@link TcpProbe}) may be in
     * flight at once; more wait for a slot, first in first out (and a check whose run still
     * waits when its next run is due skips that run, counted as {@code saturated}).
     *
     * @param maxInFlight 1 to 100,000; default 512 (each run in flight holds a socket: 512 stays
     *     under the usual soft limit of 1,024 file descriptors, and covers 10,000 checks every 10
     *     s at 250 ms a run, spread over half the interval). A waiting run
     *     holds no thread, so this bounds the connections and the memory of the runs in flight,
     *     not threads.
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
        throw new IllegalArgumentException(
            "max in flight must be between 1 and " + MAX_IN_FLIGHT + ": " + maxInFlight);
      }
      if (this.maxInFlight != 0) {
        throw SetOnce.alreadySet("maxInFlight", this.maxInFlight, maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /**
     * Sets how many blocking probes (any {@link Probe} but the built-in ones) may run at once.
     *
     * @param threads how many blocking probes may run at once within their timeout, 1 to 1024;
     *     default 8. A probe past its timeout that ignores its
     *     interruption keeps its thread but frees its slot.
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if the number of threads is already set
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > MAX_THREADS) {
        throw new IllegalArgumentException(
            "threads must be between 1 and " + MAX_THREADS + ": " + threads);
      }
      if (this.threads != 0) {
        throw SetOnce.alreadySet("threads", this.threads, threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets how long {@link CheckRunner#close()} waits for running probes.
     *
     * @param closeGracePeriod how long {@link CheckRunner#close()} waits for running probes,
     *     zero or positive; default 5 s
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if the grace period is already set
     */
    public Builder closeGracePeriod(Duration closeGracePeriod) {
      Objects.requireNonNull(closeGracePeriod, "closeGracePeriod");
      Durations.notNegative("close grace period", closeGracePeriod);
      this.closeGracePeriod = SetOnce.set("closeGracePeriod", this.closeGracePeriod, closeGracePeriod);
      return this;
    }

    /**
     * Sets a listener of every result.
     *
     * @param onResult called with every result after it is recorded, on a runner thread; it
     *     should return quickly, and what it throws is logged and ignored
     * @return this builder
     * @throws IllegalStateException if a listener is already set
     */
    public Builder onResult(Consumer<CheckResult> onResult) {
      Objects.requireNonNull(onResult, "onResult");
      if (this.onResult != null) {
        // a lambda's toString names no listener; show the kind, the same on every run
        throw SetOnce.alreadySet("onResult", "a listener", "a listener");
      }
      this.onResult = onResult;
      return this;
    }

    /**
     * Builds the runner.
     *
     * @return a runner, not started yet
     */
    public CheckRunner build() {
      return new CheckRunner(this);
    }
  }
}

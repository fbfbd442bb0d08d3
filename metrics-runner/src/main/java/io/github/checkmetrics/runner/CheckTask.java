package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of one scheduled check: at most one at a time (waiting for a slot, or running), each
 * cut at its timeout by the runner's scheduler, each recorded exactly once (by the probe's end or
 * by the timeout, whichever comes first).
 *
 * <p>A built-in probe ({@link HttpProbe}, {@link TcpProbe}) runs without a thread: the run is a
 * future, cancelled at the timeout. Any other {@link Probe} runs on a thread of the runner's
 * blocking pool; at the timeout its thread is interrupted and its slot freed, so a probe that
 * ignores the interruption holds that thread, not a slot other checks need, and its check starts
 * no new run until it returns.
 */
final class CheckTask {

  private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

  final ScheduledCheck scheduled;
  final String id;
  /** The tenant of the check, {@code ""} for none: its results carry it. */
  final String tenant;
  final boolean blocking;
  private final long intervalNanos;
  private final long timeoutNanos;
  private final CheckRunner runner;
  private final AtomicReference<Run> current = new AtomicReference<>();
  volatile ScheduledFuture<?> schedule;
  volatile boolean removed;
  volatile boolean hasResult;
  /** When the latest run was recorded, or the check scheduled: for the health's staleness. */
  volatile long lastRecordedNanos;
  /** When the next run is due; read and written by the scheduler thread only. */
  private long dueNanos;
  private volatile boolean warnedStuck;

  CheckTask(ScheduledCheck scheduled, CheckRunner runner) {
    this.scheduled = scheduled;
    this.id = scheduled.check().id();
    this.tenant = scheduled.check().tenant();
    this.runner = runner;
    Probe probe = scheduled.probe();
    this.blocking = !(probe instanceof HttpProbe || probe instanceof TcpProbe);
    this.intervalNanos = Durations.nanos(scheduled.interval());
    this.timeoutNanos = Durations.nanos(scheduled.timeout());
  }

  /** Called when the check is scheduled, before its first trigger. */
  void scheduledAt(long firstDueNanos) {
    dueNanos = firstDueNanos;
    lastRecordedNanos = System.nanoTime();
  }

  long intervalNanos() {
    return intervalNanos;
  }

  /** Runs on the scheduler thread at every interval; never throws, so the schedule goes on. */
  void trigger() {
    try {
      long due = dueNanos;
      dueNanos = due + intervalNanos;
      if (removed || runner.isClosed()) {
        return;
      }
      Run run = new Run(due);
      Run previous = current.get();
      if (previous != null || !current.compareAndSet(null, run)) {
        // Start no second run: a stuck probe holds one thread, not a growing number of them.
        boolean running = previous == null || previous.started;
        runner.runnerMetrics().skipped(running ? RunnerMetrics.STILL_RUNNING : RunnerMetrics.SATURATED);
        boolean pastTimeout =
            previous != null && running && System.nanoTime() - previous.startNanos > timeoutNanos;
        if (pastTimeout && !warnedStuck) {
          warnedStuck = true;
          LOG.warn(
              "check {}: a run is still going past its timeout of {}; skipping runs until it"
                  + " returns",
              id,
              scheduled.timeout());
        }
        return;
      }
      warnedStuck = false;
      runner.limiter(blocking).submit(() -> start(run));
    } catch (RuntimeException | Error e) {
      LOG.error("check {}: could not start a run", id, e);
    }
  }

  /** Starts a run that holds a slot; on the scheduler thread. */
  private void start(Run run) {
    if (removed || runner.isClosed() || !run.begin()) {
      run.releaseSlot();
      current.compareAndSet(run, null);
      return;
    }
    try {
      runner.runnerMetrics().lag(run.startNanos - run.dueNanos);
    } catch (RuntimeException | Error e) {
      // The run holds its slot now: a failing measurement must not leave it started for good.
      LOG.warn("check {}: could not record the schedule lag of a run", id, e);
    }
    try {
      run.timer =
          runner.scheduler().schedule(() -> expire(run), timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the grace period bounds this run instead
    }
    Probe probe = scheduled.probe();
    if (blocking) {
      try {
        runner.blockingPool().execute(() -> runBlocking(run));
      } catch (RejectedExecutionException e) {
        finish(run, null, e); // closing
      }
      return;
    }
    CompletableFuture<ProbeReport> future;
    try {
      future =
          probe instanceof HttpProbe http
              ? http.start(scheduled.timeout())
              : ((TcpProbe) probe).start();
    } catch (RuntimeException e) {
      finish(run, null, e);
      return;
    }
    run.future = future;
    future.whenComplete((report, failure) -> finish(run, report, failure));
    if (run.isCancelled()) {
      future.cancel(true); // cut (timeout, removal) before the future was known
    }
  }

  private void runBlocking(Run run) {
    ProbeReport report = null;
    Throwable failure = null;
    if (!run.attach()) {
      finish(run, null, null);
      return;
    }
    try {
      report = ProbeReport.of(scheduled.probe().run(scheduled.timeout()));
    } catch (Throwable t) { // every failure of a probe is its result, Errors included
      failure = t;
    } finally {
      run.detach();
    }
    finish(run, report, failure);
    if (failure instanceof VirtualMachineError) {
      throw (VirtualMachineError) failure;
    }
  }

  /** The probe ended (or was cut): record it unless the timeout did, free its slot. */
  private void finish(Run run, ProbeReport report, Throwable failure) {
    try {
      ScheduledFuture<?> timer = run.timer;
      if (timer != null) {
        timer.cancel(false);
      }
      if (run.claim()) {
        long nanos = System.nanoTime() - run.startNanos;
        if (failure != null) {
          String reason = FailureReasons.of(failure);
          LOG.debug("check {}: failed with {}", id, reason, failure);
          runner.record(this, Outcome.FAILED, reason, nanos, null);
        } else if (report == null || report.outcome() == null) {
          runner.record(this, Outcome.FAILED, "null_outcome", nanos, null);
        } else {
          runner.record(this, report.outcome(), null, nanos, report);
        }
      } else {
        LOG.debug("check {}: a run returned after its timeout or removal; not recorded", id);
      }
    } catch (RuntimeException e) {
      LOG.error("check {}: could not record a run", id, e);
    } finally {
      run.releaseSlot();
      current.compareAndSet(run, null);
    }
  }

  /** Runs on the scheduler thread when a run reaches its timeout. */
  private void expire(Run run) {
    try {
      if (run.claim()) {
        runner.record(
            this,
            Outcome.FAILED,
            ProbeException.TIMEOUT,
            System.nanoTime() - run.startNanos,
            null);
      }
    } catch (RuntimeException e) {
      LOG.error("check {}: could not record a timeout", id, e);
    } finally {
      run.cancel();
      // A blocking probe that ignores its interruption keeps its thread, not its slot.
      run.releaseSlot();
    }
  }

  /** Stops the schedule and cuts a running or waiting run without recording it. */
  void cancel() {
    ScheduledFuture<?> s = schedule;
    if (s != null) {
      s.cancel(false);
    }
    cut();
  }

  /** Cuts a running or waiting run without recording it. */
  void cut() {
    Run run = current.get();
    if (run != null) {
      run.claim();
      run.cancel();
    }
  }

  /** Whether a run has started and not ended. */
  boolean running() {
    Run run = current.get();
    return run != null && run.started;
  }

  /** One run: its slot, its future or thread while it runs, and whether it was recorded. */
  private final class Run {
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicBoolean slotReleased = new AtomicBoolean();
    final long dueNanos;
    volatile long startNanos;
    volatile boolean started;
    volatile ScheduledFuture<?> timer;
    volatile CompletableFuture<ProbeReport> future;
    private Thread thread;
    private boolean cancelled;

    Run(long dueNanos) {
      this.dueNanos = dueNanos;
    }

    synchronized boolean begin() {
      if (cancelled) {
        return false;
      }
      startNanos = System.nanoTime();
      started = true;
      return true;
    }

    synchronized boolean attach() {
      if (cancelled) {
        return false;
      }
      thread = Thread.currentThread();
      return true;
    }

    void detach() {
      synchronized (this) {
        thread = null;
      }
      // A cut that raced with the probe's return must not leak into the pool's next task.
      Thread.interrupted();
    }

    synchronized boolean isCancelled() {
      return cancelled;
    }

    void cancel() {
      CompletableFuture<ProbeReport> f;
      synchronized (this) {
        cancelled = true;
        if (thread != null) {
          thread.interrupt();
        }
        f = future;
      }
      if (f != null) {
        f.cancel(true);
      }
    }

    /** Frees the slot this run was started with; called only once it was started, once. */
    void releaseSlot() {
      if (slotReleased.compareAndSet(false, true)) {
        runner.limiter(blocking).release();
      }
    }

    /** @return {@code true} for the one caller that may record this run */
    boolean claim() {
      return claimed.compareAndSet(false, true);
    }
  }
}

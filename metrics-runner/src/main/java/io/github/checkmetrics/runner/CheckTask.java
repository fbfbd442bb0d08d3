package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Outcome;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs of one scheduled check: at most one at a time, each cut at its timeout, each recorded
 * exactly once (by the probe's return or by the timeout, whichever comes first).
 */
final class CheckTask {

  private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

  final ScheduledCheck scheduled;
  final String id;
  private final CheckRunner runner;
  private final AtomicReference<Run> inFlight = new AtomicReference<>();
  volatile ScheduledFuture<?> schedule;
  volatile boolean removed;
  volatile boolean hasResult;
  private volatile boolean warnedStuck;

  CheckTask(ScheduledCheck scheduled, CheckRunner runner) {
    this.scheduled = scheduled;
    this.id = scheduled.check().id();
    this.runner = runner;
  }

  /** Runs on the scheduler thread at every interval; never throws, so the schedule goes on. */
  void trigger() {
    try {
      if (removed || runner.isClosed()) {
        return;
      }
      Run run = new Run();
      if (!inFlight.compareAndSet(null, run)) {
        // The previous run ignored its interruption and is still running: start no second one,
        // so a stuck probe holds one thread, not a growing number of them.
        if (!warnedStuck) {
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
      try {
        runner.workers().execute(() -> execute(run));
      } catch (RejectedExecutionException e) {
        inFlight.compareAndSet(run, null); // closing
      }
    } catch (RuntimeException | Error e) {
      LOG.error("check {}: could not start a run", id, e);
    }
  }

  private void execute(Run run) {
    if (runner.isClosed() || !run.start()) {
      inFlight.compareAndSet(run, null);
      return;
    }
    Duration timeout = scheduled.timeout();
    ScheduledFuture<?> timer = null;
    try {
      timer =
          runner
              .scheduler()
              .schedule(() -> expire(run), Durations.nanos(timeout), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the grace period bounds this run instead
    }
    Outcome outcome = null;
    Throwable failure = null;
    try {
      outcome = scheduled.probe().run(timeout);
    } catch (Throwable t) { // every failure of a probe is its result, Errors included
      failure = t;
    } finally {
      run.end();
      if (timer != null) {
        timer.cancel(false);
      }
    }
    try {
      if (run.claim()) {
        long nanos = System.nanoTime() - run.startNanos;
        if (failure != null) {
          String reason = FailureReasons.of(failure);
          LOG.debug("check {}: failed with {}", id, reason, failure);
          runner.record(this, Outcome.FAILED, reason, nanos);
        } else if (outcome == null) {
          runner.record(this, Outcome.FAILED, "null_outcome", nanos);
        } else {
          runner.record(this, outcome, null, nanos);
        }
      } else {
        LOG.debug("check {}: a run returned after its timeout or removal; not recorded", id);
      }
    } finally {
      inFlight.compareAndSet(run, null);
    }
    if (failure instanceof VirtualMachineError) {
      throw (VirtualMachineError) failure;
    }
  }

  /** Runs on the scheduler thread when a run reaches its timeout. */
  private void expire(Run run) {
    try {
      if (run.claim()) {
        runner.record(
            this, Outcome.FAILED, ProbeException.TIMEOUT, System.nanoTime() - run.startNanos);
        run.cancel();
      }
    } catch (RuntimeException e) {
      LOG.error("check {}: could not record a timeout", id, e);
    }
  }

  /** Stops the schedule and cuts a running run without recording it. */
  void cancel() {
    ScheduledFuture<?> s = schedule;
    if (s != null) {
      s.cancel(false);
    }
    Run run = inFlight.get();
    if (run != null) {
      run.claim();
      run.cancel();
    }
  }

  /** One run: the thread it runs on while it runs, and whether its result was recorded. */
  private static final class Run {
    private final AtomicBoolean claimed = new AtomicBoolean();
    private Thread thread;
    private boolean cancelled;
    private long startNanos;

    synchronized boolean start() {
      if (cancelled) {
        return false;
      }
      thread = Thread.currentThread();
      startNanos = System.nanoTime();
      return true;
    }

    void end() {
      synchronized (this) {
        thread = null;
      }
      // A cut that raced with the probe's return must not leak into the pool's next task.
      Thread.interrupted();
    }

    synchronized void cancel() {
      cancelled = true;
      if (thread != null) {
        thread.interrupt();
      }
    }

    /** @return {@code true} for the one caller that may record this run */
    boolean claim() {
      return claimed.compareAndSet(false, true);
    }
  }
}

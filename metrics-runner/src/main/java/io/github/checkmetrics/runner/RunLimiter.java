package io.github.checkmetrics.runner;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Bounds how many runs are in flight: a run beyond the limit waits, first in first out, and
 * starts (through the dispatcher) when a run ends. Thread-safe.
 */
final class RunLimiter {

  private final int max;
  private final Executor dispatcher;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int active;

  RunLimiter(int max, Executor dispatcher) {
    this.max = max;
    this.dispatcher = dispatcher;
  }

  /** Runs {@code start} now (on this thread) if a slot is free, else when one frees. */
  void submit(Runnable start) {
    synchronized (this) {
      if (active >= max) {
        waiting.add(start);
        return;
      }
      active++;
    }
    start.run();
  }

  /** Frees the slot of an ended run, or hands it to the longest waiting run. */
  void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        active--;
        return;
      }
    }
    try {
      dispatcher.execute(next);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        active--; // closing: the waiting run is dropped
      }
    }
  }

  /** Drops every waiting run (closing). */
  synchronized List<Runnable> drain() {
    List<Runnable> dropped = List.copyOf(waiting);
    waiting.clear();
    return dropped;
  }

  synchronized int active() {
    return active;
  }
}

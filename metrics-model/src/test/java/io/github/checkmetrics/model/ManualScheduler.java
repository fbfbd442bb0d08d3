package io.github.checkmetrics.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose periodic tasks run only when the test says so: it keeps each task and its
 * period, and hands back a real future (of a task far in the future) that can be cancelled.
 */
final class ManualScheduler extends ScheduledThreadPoolExecutor {

  final List<Runnable> tasks = new ArrayList<>();
  final List<ScheduledFuture<?>> futures = new ArrayList<>();
  long delayNanos;

  ManualScheduler() {
    super(1);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    tasks.add(command);
    delayNanos = unit.toNanos(delay);
    ScheduledFuture<?> future = super.schedule(() -> { }, 365, TimeUnit.DAYS);
    futures.add(future);
    return future;
  }

  /** Runs every task once, as the scheduler would when its period has passed. */
  void tick() {
    tasks.forEach(Runnable::run);
  }
}

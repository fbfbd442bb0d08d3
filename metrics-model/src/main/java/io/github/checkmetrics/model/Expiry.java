package io.github.checkmetrics.model;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the expiry of idle series in the background, so that no scrape waits for it: on a
 * scheduler of the caller's (never shut down here) or on a daemon thread of its own.
 */
final class Expiry {

  private static final Logger LOG = LoggerFactory.getLogger(CheckMetrics.class);
  private static final Duration MIN_PERIOD = Duration.ofSeconds(1);
  private static final Duration MAX_PERIOD = Duration.ofMinutes(1);

  final long afterNanos;
  final LongSupplier ticker;
  private final String name;
  private ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private ScheduledFuture<?> task;

  /**
   * The expiry a {@link CheckMetrics.Builder} asks for.
   *
   * @param after null when expiry is off, then the result is null
   * @param ticker null for {@link System#nanoTime()}
   * @param scheduler null for a daemon thread of its own
   */
  static Expiry of(
      Duration after, LongSupplier ticker, ScheduledExecutorService scheduler, String name) {
    if (after == null) {
      return null;
    }
    return new Expiry(after, ticker != null ? ticker : System::nanoTime, scheduler, name);
  }

  private Expiry(
      Duration after, LongSupplier ticker, ScheduledExecutorService scheduler, String name) {
    // Durations past 292 years do not fit in nanoseconds; they never expire anyway.
    this.afterNanos = after.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0
        ? Long.MAX_VALUE
        : after.toNanos();
    this.ticker = ticker;
    this.ownScheduler = scheduler == null;
    this.scheduler = scheduler;
    this.name = name;
  }

  /**
   * How often idle series are looked for: a quarter of the expiry time, within 1 s to 1 min, so
   * that a series goes between {@code expireAfter} and {@code expireAfter} plus this period after
   * its latest result.
   */
  static Duration period(Duration after) {
    Duration quarter = after.dividedBy(4);
    if (quarter.compareTo(MIN_PERIOD) < 0) {
      return MIN_PERIOD;
    }
    return quarter.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : quarter;
  }

  void start(Duration after, Runnable sweep) {
    if (ownScheduler) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "checkmetrics-expiry-" + name);
                thread.setDaemon(true);
                return thread;
              });
    }
    long periodNanos = period(after).toNanos();
    task =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                sweep.run();
              } catch (RuntimeException e) {
                // A scheduled task that throws is never run again; log and keep expiring.
                LOG.warn("expiring idle check series failed", e);
              }
            },
            periodNanos,
            periodNanos,
            TimeUnit.NANOSECONDS);
  }

  /** Whether a series last recorded at {@code lastRecordNanos} is idle at {@code nowNanos}. */
  boolean isIdle(long lastRecordNanos, long nowNanos) {
    return nowNanos - lastRecordNanos >= afterNanos;
  }

  void close() {
    if (task != null) {
      task.cancel(false);
    }
    if (ownScheduler && scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}

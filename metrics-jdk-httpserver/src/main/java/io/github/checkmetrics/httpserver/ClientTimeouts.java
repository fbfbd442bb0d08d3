package io.github.checkmetrics.httpserver;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every exchange of a {@link MetricsServer} under an {@link ExchangeGuard}, on the connection
 * threads, and cuts the exchanges whose client is late: one daemon watchdog thread per server looks
 * at the exchanges in flight a few times a second.
 *
 * <p>What an exchange throws past the JDK server (an {@link Error}: the JDK rethrows those) is
 * logged here through SLF4J once, instead of going to standard error from an uncaught thread.
 */
final class ClientTimeouts implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

  private final Executor threads;
  private final long limitNanos;
  private final Set<ExchangeGuard> inFlight = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService watchdog;

  ClientTimeouts(Executor threads, long limitNanos) {
    this.threads = threads;
    this.limitNanos = limitNanos;
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1, ConnectionThreads.daemonThreads("checkmetrics-watchdog-"));
    timer.setRemoveOnCancelPolicy(true);
    // A tenth of the limit, between 10 ms and 250 ms: a cut comes at most that late.
    long tick = Math.max(10_000_000L, Math.min(250_000_000L, limitNanos / 10));
    timer.scheduleWithFixedDelay(this::cutLate, tick, tick, TimeUnit.NANOSECONDS);
    this.watchdog = timer;
  }

  @Override
  public void execute(Runnable exchange) {
    threads.execute(() -> run(exchange));
  }

  private void run(Runnable exchange) {
    ExchangeGuard guard = ExchangeGuard.begin(limitNanos);
    inFlight.add(guard);
    try {
      exchange.run();
    } catch (Throwable e) {
      LOG.error("An exchange of the metrics server failed; its connection was closed", e);
    } finally {
      inFlight.remove(guard);
      guard.end();
    }
  }

  private void cutLate() {
    long now = System.nanoTime();
    for (ExchangeGuard guard : inFlight) {
      guard.cutIfLate(now);
    }
  }

  void shutdown() {
    watchdog.shutdownNow();
  }
}

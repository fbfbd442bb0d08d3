package io.github.checkmetrics.httpserver;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of {@link MetricsServer}: a few workers behind a bounded queue, and one
 * overflow thread that answers 503 when both are full.
 *
 * <p>The JDK dispatcher hands every exchange to {@link #execute(Runnable)}; when that throws, it
 * drops the connection without a word, and when it blocks, the whole server stops accepting. So a
 * rejected exchange runs on the overflow thread instead, where {@link #saturated()} is true and the
 * handler answers 503 at once. Only when that thread's own small queue is full too is the connection
 * dropped.
 */
final class WorkerPool implements Executor {

  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  private static final ThreadLocal<Boolean> OVERFLOW = new ThreadLocal<>();
  private static final int OVERFLOW_QUEUE = 16;

  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor overflow;

  WorkerPool(int threads, int queueCapacity) {
    this.workers = pool(threads, queueCapacity);
    this.overflow = pool(1, OVERFLOW_QUEUE);
  }

  /** Whether the current thread is the overflow thread, that is: the pool is saturated. */
  static boolean saturated() {
    return OVERFLOW.get() != null;
  }

  @Override
  public void execute(Runnable exchange) {
    try {
      workers.execute(exchange);
    } catch (RejectedExecutionException e) {
      overflow.execute(
          () -> {
            OVERFLOW.set(Boolean.TRUE);
            try {
              exchange.run();
            } finally {
              OVERFLOW.remove();
            }
          });
    }
  }

  void shutdown() {
    workers.shutdown();
    overflow.shutdown();
  }

  private static ThreadPoolExecutor pool(int threads, int queueCapacity) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            daemonThreads(),
            new ThreadPoolExecutor.AbortPolicy());
    // An idle server holds no threads.
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  static ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "checkmetrics-http-" + THREAD_NUMBER.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}

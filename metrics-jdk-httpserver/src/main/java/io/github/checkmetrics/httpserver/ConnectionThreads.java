package io.github.checkmetrics.httpserver;

import com.sun.net.httpserver.HttpServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a {@link MetricsServer} reads and answers its connections on: one per connection
 * with a request in progress, so that a slow client holds its own thread and never a shared worker.
 *
 * <p>On Java 24 and later these are virtual threads. Before 24 a virtual thread blocked inside a
 * {@code synchronized} method pins its carrier, and the JDK server reads and writes sockets in
 * {@code synchronized} methods ({@code Request.ReadStream.read}, {@code Request.WriteStream.write}):
 * two slow clients would stop a two-core machine. So on Java 17 to 23 they are platform daemon
 * threads, created when no idle one is free, up to {@value #MAX_PLATFORM_THREADS}, and ended after
 * 30 s idle; past that many connections in progress at once, an exchange waits in a queue served
 * by {@value #OVERFLOW_THREADS} more threads (it is never dropped).
 * The project compiles for Java 17, so the virtual-thread executor is looked up by reflection.
 */
final class ConnectionThreads {

  static final int MAX_PLATFORM_THREADS = 1024;
  private static final int OVERFLOW_THREADS = 4;
  private static final int FIRST_RELEASE_WITHOUT_PINNING = 24;

  private ConnectionThreads() {}

  /** A new executor of connection threads; {@code shutdown()} it with the server. */
  static ExecutorService start() {
    if (Runtime.version().feature() >= FIRST_RELEASE_WITHOUT_PINNING) {
      ExecutorService virtual = virtualThreads();
      if (virtual != null) {
        return virtual;
      }
    }
    // Past MAX_PLATFORM_THREADS busy threads, an exchange waits in the overflow's queue for one of
    // its few threads: the JDK dispatcher must never be blocked or refused (it would drop the
    // connection), and each busy thread is freed within the client timeout.
    ThreadPoolExecutor overflow =
        new ThreadPoolExecutor(
            OVERFLOW_THREADS,
            OVERFLOW_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("checkmetrics-http-overflow-"));
    overflow.allowCoreThreadTimeOut(true);
    // Threads made on demand and reused while busy ones work: an idle server holds none.
    return new ThreadPoolExecutor(
        0,
        MAX_PLATFORM_THREADS,
        30,
        TimeUnit.SECONDS,
        new SynchronousQueue<>(),
        daemonThreads("checkmetrics-http-"),
        (exchange, pool) -> {
          if (pool.isShutdown()) {
            throw new RejectedExecutionException("metrics server closed");
          }
          overflow.execute(exchange);
        }) {
      @Override
      public void shutdown() {
        super.shutdown();
        overflow.shutdown();
      }
    };
  }

  /** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(...).factory())}. */
  private static ExecutorService virtualThreads() {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      builder =
          ofVirtual.getMethod("name", String.class, long.class)
              .invoke(builder, "checkmetrics-http-", 0L);
      ThreadFactory factory = (ThreadFactory) ofVirtual.getMethod("factory").invoke(builder);
      return (ExecutorService)
          Executors.class
              .getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
              .invoke(null, factory);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  /** Daemon threads named {@code prefix} and a number, so they never keep the JVM alive. */
  static ThreadFactory daemonThreads(String prefix) {
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + THREAD_NUMBER.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Starts the JDK server from a daemon thread: its dispatcher thread inherits daemon status from
   * the thread that starts it, so a server never keeps the JVM alive.
   */
  static void startAsDaemon(HttpServer server) {
    Thread starter = daemonThreads("checkmetrics-http-start-").newThread(server::start);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop(0);
      throw new IllegalStateException("interrupted while starting the metrics server", e);
    }
  }
}

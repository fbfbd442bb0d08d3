package io.github.checkmetrics.runner;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes the named daemon threads of a runner, so that a thread dump says whose they are. */
final class RunnerThreads implements ThreadFactory {

  private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);
  private static final AtomicInteger RUNNERS = new AtomicInteger();

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  private RunnerThreads(String prefix) {
    this.prefix = prefix;
  }

  /** @return a number that tells this runner's threads from another runner's */
  static int nextRunnerNumber() {
    return RUNNERS.incrementAndGet();
  }

  /**
   * @param runner the runner's number
   * @param role what the threads do, such as {@code probe}
   * @return a factory of threads named {@code checkmetrics-runner-<runner>-<role>-<n>}
   */
  static RunnerThreads named(int runner, String role) {
    return new RunnerThreads("checkmetrics-runner-" + runner + "-" + role + "-");
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + count.incrementAndGet());
    // Daemon: a runner someone forgot to close must not keep the JVM from exiting.
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(
        (t, e) -> LOG.error("uncaught exception in runner thread {}", t.getName(), e));
    return thread;
  }
}

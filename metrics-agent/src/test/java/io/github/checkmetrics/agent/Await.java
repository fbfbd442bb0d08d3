package io.github.checkmetrics.agent;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for tests on a loaded machine. */
final class Await {

  private Await() {}

  /** Polls {@code condition} every 50 ms for at most {@code timeout}; fails with {@code what}. */
  static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }
}

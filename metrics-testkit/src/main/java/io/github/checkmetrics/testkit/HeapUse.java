package io.github.checkmetrics.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The live heap of this JVM, as a fault test measures what a server keeps. */
public final class HeapUse {

  private static final int COLLECTIONS = 4;

  private HeapUse() {}

  /**
   * The heap in use after full collections: the least of a few {@code System.gc()} rounds, so a
   * collection that ran late does not count garbage as kept.
   *
   * @return bytes of heap in use
   * @throws InterruptedException when interrupted between collections
   */
  public static long afterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < COLLECTIONS; i++) {
      System.gc();
      Thread.sleep(50);
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
    }
    return least;
  }
}

package io.github.checkmetrics.exposition;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many scrapes of a {@link ScrapeHandler} collect at once, and how many wait for their turn:
 * past both, a scrape is answered 503 with {@code Retry-After} at once. Only collecting and
 * rendering take a slot; an adapter reads a request before and writes a response after, so a slow
 * client never holds one.
 *
 * <p>Thread-safe.
 */
final class ScrapeSlots {

  private final Semaphore slots;
  private final int queueCapacity;
  private final long maxWaitNanos;
  private final AtomicInteger waiting = new AtomicInteger();

  ScrapeSlots(int slots, int queueCapacity, long maxWaitNanos) {
    this.slots = new Semaphore(slots);
    this.queueCapacity = queueCapacity;
    this.maxWaitNanos = maxWaitNanos;
  }

  /**
   * Takes a slot, waiting at most the slot wait when all are taken and the queue has room.
   *
   * @return false when the scrape must be answered 503
   */
  boolean acquire() {
    if (slots.tryAcquire()) {
      return true;
    }
    if (waiting.incrementAndGet() > queueCapacity) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      return slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      waiting.decrementAndGet();
    }
  }

  void release() {
    slots.release();
  }
}

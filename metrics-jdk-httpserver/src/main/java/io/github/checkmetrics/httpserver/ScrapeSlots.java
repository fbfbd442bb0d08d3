package io.github.checkmetrics.httpserver;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many scrapes of a {@link MetricsServer} collect at once, and how many wait for their turn:
 * past both, a scrape is answered 503 with {@code Retry-After} at once. Only collecting and
 * rendering take a slot; reading a request and writing a response never do, so a slow client can
 * never hold one.
 */
final class ScrapeSlots {

  private final Semaphore slots;
  private final int queueCapacity;
  private final AtomicInteger waiting = new AtomicInteger();

  ScrapeSlots(int slots, int queueCapacity) {
    this.slots = new Semaphore(slots);
    this.queueCapacity = queueCapacity;
  }

  /**
   * Takes a slot, waiting at most {@code maxWaitNanos} when all are taken and the queue has room.
   *
   * @return false when the scrape must be answered 503
   */
  boolean acquire(long maxWaitNanos) {
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

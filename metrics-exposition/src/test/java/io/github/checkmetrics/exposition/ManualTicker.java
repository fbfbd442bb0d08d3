package io.github.checkmetrics.exposition;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A clock in nanoseconds that moves only when a test advances it. */
final class ManualTicker implements LongSupplier {

  // Not 0: a real System.nanoTime() may be anything, negative included.
  private final AtomicLong nanos = new AtomicLong(-1_000_000_000_000L);

  @Override
  public long getAsLong() {
    return nanos.get();
  }

  void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}

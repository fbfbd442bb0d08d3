package io.github.checkmetrics.model;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

/**
 * The live state of one registered check: its current definition and one {@link Series} per region
 * it ran in.
 *
 * <p>{@link #lock} guards the label handles: {@code record} holds it for reading while it writes
 * into cached handles; {@code update} and {@code remove} hold it for writing while they replace or
 * remove series, so that no result can land in a handle whose series is gone (client_java keeps
 * counting into a removed series through an old handle, which is never exposed again).
 */
final class CheckState {

  final StampedLock lock = new StampedLock();
  final ConcurrentHashMap<String, Series> regions = new ConcurrentHashMap<>();
  volatile Check check;
  /** Guarded by the write lock; read under the read lock. */
  boolean removed;

  CheckState(Check check) {
    this.check = check;
  }

  /** The cached label handles and latest values of one (check, region) pair. */
  static final class Series {
    final String region;
    final DistributionDataPoint duration;
    final CounterDataPoint successes;
    final CounterDataPoint failures;
    volatile Outcome lastOutcome;
    volatile double lastDurationSeconds;
    volatile double lastRunTimestampSeconds;

    Series(
        String region,
        DistributionDataPoint duration,
        CounterDataPoint successes,
        CounterDataPoint failures) {
      this.region = region;
      this.duration = duration;
      this.successes = successes;
      this.failures = failures;
    }

    void copyLatestFrom(Series other) {
      lastOutcome = other.lastOutcome;
      lastDurationSeconds = other.lastDurationSeconds;
      lastRunTimestampSeconds = other.lastRunTimestampSeconds;
    }

    /**
     * Sets the latest values: duration and end time with release stores, then the outcome with a
     * volatile store, so one full fence per result instead of three. Whoever reads {@link
     * #lastOutcome} first (a scrape, {@link #copyLatestFrom}) sees a duration and end time at
     * least as new. The volatile store also orders this result before the lock-state read of
     * {@code StampedLock.validate} in {@code CheckMetrics.record}: if validation succeeds, a
     * later rename's {@link #copyLatestFrom} sees this result.
     */
    void setLatest(double durationSeconds, double runTimestampSeconds, Outcome outcome) {
      LAST_DURATION.setRelease(this, durationSeconds);
      LAST_RUN.setRelease(this, runTimestampSeconds);
      lastOutcome = outcome;
    }

    private static final VarHandle LAST_DURATION;
    private static final VarHandle LAST_RUN;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        LAST_DURATION = lookup.findVarHandle(Series.class, "lastDurationSeconds", double.class);
        LAST_RUN = lookup.findVarHandle(Series.class, "lastRunTimestampSeconds", double.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }
}

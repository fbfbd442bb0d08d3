package io.github.checkmetrics.model;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
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
  }
}

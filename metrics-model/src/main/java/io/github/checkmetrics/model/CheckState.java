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
 * into cached handles; {@code update}, {@code remove} and expiry hold it for writing while they
 * replace or remove series, so that no result can land in a handle whose series is gone
 * (client_java keeps counting into a removed series through an old handle, which is never exposed
 * again).
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

  /**
   * The cached label handles and latest result of one (check, region) pair. A handle is {@code
   * null} when the schema has no such family; a status handle of the runs counter is created with
   * its first run when the schema does not create both eagerly.
   */
  static final class Series {
    final String region;
    final String[] durationLabelValues;
    final String[] successLabelValues;
    final String[] failureLabelValues;
    /** Null unless the runs counter counts by outcome. */
    final String[] degradedLabelValues;
    final DistributionDataPoint duration;
    volatile CounterDataPoint successes;
    volatile CounterDataPoint failures;
    /** The runs of DEGRADED outcomes when the counter counts by outcome, else null. */
    volatile CounterDataPoint degradedRuns;
    /** The latest result, {@code null} until the first one is recorded. */
    volatile CheckResult latest;
    /** The latest failed result, {@code null} until the first failure. */
    volatile CheckResult lastFailure;
    /** The ticker reading of the latest result, for expiry. */
    volatile long lastRecordNanos;

    Series(
        String region,
        String[] durationLabelValues,
        String[] successLabelValues,
        String[] failureLabelValues,
        String[] degradedLabelValues,
        DistributionDataPoint duration) {
      this.region = region;
      this.durationLabelValues = durationLabelValues;
      this.successLabelValues = successLabelValues;
      this.failureLabelValues = failureLabelValues;
      this.degradedLabelValues = degradedLabelValues;
      this.duration = duration;
    }
  }
}

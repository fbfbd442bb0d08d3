package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.Messages;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;

/**
 * One registered check: its current definition, one {@link Series} per region it ran in, and
 * the lock that keeps results out of series that are gone.
 *
 * <p>Locking: {@link #record} writes into cached handles under an optimistic stamp, or under the
 * read lock when it creates a series or while expiry is on; {@link #relabel}, {@link #remove} and
 * {@link #expireIdle} hold the write lock while they replace or remove series, so that no result
 * lands in a handle whose series is gone (client_java keeps counting into a removed series through
 * an old handle, which is never exposed again). {@link RegisteredChecks} serialises relabel and
 * remove with registration; scrapes read {@link #check()} and {@link #series()} without a lock
 * (a series is published whole, its latest result through a volatile field).
 */
final class CheckEntry {

  private final StampedLock lock = new StampedLock();
  private final ConcurrentHashMap<String, Series> regions = new ConcurrentHashMap<>();
  private final TenantChecks tenant;
  private final RegisteredChecks owner;
  /** Null when expiry is off. */
  private final Expiry expiry;
  private volatile Check check;
  /** Guarded by the write lock; read under the read lock. */
  private boolean removed;

  CheckEntry(Check check, TenantChecks tenant, RegisteredChecks owner, Expiry expiry) {
    this.check = check;
    this.tenant = tenant;
    this.owner = owner;
    this.expiry = expiry;
  }

  /** The current definition. */
  Check check() {
    return check;
  }

  /** The live series by region, for a scrape. */
  Collection<Series> series() {
    return regions.values();
  }

  /**
   * Records a result; allocates nothing once the (check, region) pair has its series. See {@link
   * CheckMetrics#record(CheckResult)}.
   *
   * <p>The steady state takes no lock: it writes into the pair's cached handles under an optimistic
   * stamp (two CASes on one shared word per result would cost more than the writes). Creating a
   * series or a runs handle, and every result while expiry is on, takes the read lock. When
   * {@code relabel} or {@code remove} overlapped (the stamp does not validate), the handles
   * written may belong to series a rename replaced: the result is then written again, under the
   * read lock, into the series current now, unless they are the ones written (then it stands) or
   * the check was removed (then it counts as recorded just before the removal, whose series took it
   * along). A scrape in the microseconds of such a rename may see the result under both names.
   *
   * @throws IllegalArgumentException if the check was removed
   */
  void record(CheckResult result) {
    // With expiry on, never optimistic: a result must keep its series young, so under the lock,
    // expiry sees it or it sees expiry.
    long optimistic = expiry == null ? lock.tryOptimisticRead() : 0L;
    if (optimistic != 0L) {
      Series series = regions.get(result.region());
      // Creating a series or a lazy runs handle needs the read lock.
      if (series != null && tenant.hasRunsHandle(series, result.outcome())) {
        write(series, result);
        if (!lock.validate(optimistic)) {
          recordAgainIfReplaced(result, series);
        }
        return;
      }
    }
    recordLocked(result);
  }

  /** Records a result under the read lock, creating its series if the limit allows. */
  private void recordLocked(CheckResult result) {
    long stamp = lock.readLock();
    try {
      if (removed) {
        throw notRegistered(result.tenant(), result.checkId());
      }
      Series series = regions.get(result.region());
      if (series == null) {
        series = create(result.region());
        if (series == null) {
          owner.rejectSeries();
          return;
        }
      }
      write(series, result);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private void recordAgainIfReplaced(CheckResult result, Series written) {
    long stamp = lock.readLock();
    try {
      if (!removed && regions.get(result.region()) != written) {
        Series current = regions.get(result.region());
        if (current != null) {
          write(current, result);
        }
      }
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private void write(Series series, CheckResult result) {
    tenant.write(series, result);
    if (expiry != null) {
      series.lastRecordNanos = expiry.ticker.getAsLong();
    }
    if (result.outcome() == Outcome.FAILED) {
      series.lastFailure = result;
    }
    series.latest = result;
  }

  /** Creates the series of a new region if the series limit allows; the read lock is held. */
  private Series create(String region) {
    if (!owner.hasRoomForSeries()) {
      return null; // checked first so that a rejected result allocates nothing
    }
    return regions.computeIfAbsent(
        region,
        r -> {
          if (!owner.acquireSeries()) {
            return null;
          }
          try {
            Series created = tenant.newSeries(check, r);
            if (expiry != null) {
              created.lastRecordNanos = expiry.ticker.getAsLong();
            }
            return created;
          } catch (RuntimeException e) {
            owner.releaseSeries(1);
            throw e;
          }
        });
  }

  /**
   * Replaces the definition; when a label of the histogram or counter changes, moves every series
   * to new handles (Prometheus treats any label change as a new series).
   *
   * @throws IllegalArgumentException if the check was removed
   */
  void relabel(Check after) {
    long stamp = lock.writeLock();
    try {
      if (removed) {
        throw notRegistered(after.tenant(), after.id());
      }
      Check before = check;
      check = after;
      if (!tenant.handlesDiffer(before, after)) {
        return;
      }
      for (Series series : regions.values()) {
        tenant.removeSeries(series);
        Series renewed = tenant.newSeries(after, series.region);
        renewed.latest = series.latest;
        renewed.lastFailure = series.lastFailure;
        renewed.lastRecordNanos = series.lastRecordNanos;
        regions.put(series.region, renewed);
      }
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** Marks the check removed and removes every series of it; a later record throws. */
  void remove() {
    long stamp = lock.writeLock();
    try {
      removed = true;
      for (Series series : regions.values()) {
        tenant.removeSeries(series);
      }
      owner.releaseSeries(regions.size());
      regions.clear();
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Removes the series idle for at least the expiry time at {@code nowNanos}, taking the write
   * lock only if there is one.
   *
   * @return how many (check, region) pairs expired
   */
  int expireIdle(long nowNanos) {
    if (!hasIdle(nowNanos)) {
      return 0;
    }
    int expired = 0;
    long stamp = lock.writeLock();
    try {
      // A result recorded since 'now' was read makes its series young again: checked anew.
      Iterator<Series> it = regions.values().iterator();
      while (!removed && it.hasNext()) {
        Series series = it.next();
        if (expiry.isIdle(series.lastRecordNanos, nowNanos)) {
          tenant.removeSeries(series);
          it.remove();
          owner.releaseSeries(1);
          expired++;
        }
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    return expired;
  }

  private boolean hasIdle(long nowNanos) {
    for (Series series : regions.values()) {
      if (expiry.isIdle(series.lastRecordNanos, nowNanos)) {
        return true;
      }
    }
    return false;
  }

  /** The refusal of a check that is not registered, for record, update and measure. */
  static IllegalArgumentException notRegistered(String tenant, String checkId) {
    return new IllegalArgumentException(
        "check is not registered (never registered, or removed): " + Messages.quote(checkId)
            + (tenant.isEmpty() ? "" : " of tenant " + Messages.quote(tenant)));
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

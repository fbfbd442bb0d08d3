package io.github.checkmetrics.model;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The (check, region) series of a {@link CheckMetrics}: writes results into cached handles,
 * creates series up to the limit, counts what it rejects and expires idle series. Every method
 * runs under the lock protocol of {@link CheckState}, held by the caller as each method says.
 */
final class CheckSeries {

  private final CheckCollector collector;
  private final boolean durationInMillis;
  private final int maxSeries;
  /** The families the series limit applies to, named in its warning. */
  private final List<String> perRegionFamilies;
  private final AtomicInteger count = new AtomicInteger();
  /** Null when expiry is off. */
  private final Expiry expiry;

  CheckSeries(CheckCollector collector, int maxSeries, Expiry expiry) {
    this.collector = collector;
    CheckCollector.Resolved durationFamily = collector.durationFamily();
    this.durationInMillis = durationFamily != null && durationFamily.isMilliseconds();
    this.maxSeries = maxSeries;
    this.perRegionFamilies = collector.perRegionFamilyNames();
    this.expiry = expiry;
  }

  /**
   * Writes a result into its pair's series, creating them if the limit allows, else counting it
   * as rejected. The caller holds the check's read lock.
   */
  void record(CheckState state, CheckResult result) {
    CheckState.Series series = state.regions.get(result.region());
    if (series == null) {
      series = create(state, result.region());
      if (series == null) {
        reject();
        return;
      }
    }
    write(series, result);
  }

  /**
   * Writes a result into its pair's series if they and the handle of its status exist, creating
   * nothing; the caller holds an optimistic stamp of the check's lock and validates it afterwards.
   * With expiry on, writes nothing.
   *
   * @return the series written into, or null when nothing was written (take the read lock)
   */
  CheckState.Series recordIfPresent(CheckState state, CheckResult result) {
    if (expiry != null) {
      // A result must keep its series young: under the lock, expiry sees it or it sees expiry.
      return null;
    }
    CheckState.Series series = state.regions.get(result.region());
    if (series == null || !collector.hasRunsHandle(series, result.outcome())) {
      return null; // creating a series or a lazy runs handle needs the read lock
    }
    write(series, result);
    return series;
  }

  private void write(CheckState.Series series, CheckResult result) {
    if (series.duration != null) {
      series.duration.observe(
          durationInMillis
              ? CheckCollector.duration(collector.durationFamily(), result)
              : result.durationSeconds());
    }
    if (collector.runs != null) {
      collector.runsHandle(series, result.outcome()).inc();
    }
    if (expiry != null) {
      series.lastRecordNanos = expiry.ticker.getAsLong();
    }
    if (result.outcome() == Outcome.FAILED) {
      series.lastFailure = result;
    }
    series.latest = result;
  }

  private CheckState.Series create(CheckState state, String region) {
    if (count.get() >= maxSeries) {
      return null; // checked first so that a rejected result allocates nothing
    }
    return state.regions.computeIfAbsent(
        region,
        r -> {
          if (count.incrementAndGet() > maxSeries) {
            count.decrementAndGet();
            return null;
          }
          try {
            CheckState.Series created = collector.newSeries(state.check, r);
            if (expiry != null) {
              created.lastRecordNanos = expiry.ticker.getAsLong();
            }
            return created;
          } catch (RuntimeException e) {
            count.decrementAndGet();
            throw e;
          }
        });
  }

  private void reject() {
    collector.rejections.series(maxSeries, perRegionFamilies);
  }

  /**
   * Moves every series of a check to new handles after a change of the labels they carry. The
   * caller holds the check's write lock.
   */
  void relabel(CheckState state, Check before, Check after) {
    if (!collector.handlesDiffer(before, after)) {
      return;
    }
    for (CheckState.Series series : state.regions.values()) {
      collector.removeSeries(series);
      CheckState.Series renewed = collector.newSeries(after, series.region);
      renewed.latest = series.latest;
      renewed.lastFailure = series.lastFailure;
      renewed.lastRecordNanos = series.lastRecordNanos;
      state.regions.put(series.region, renewed);
    }
  }

  /** Removes every series of a check. The caller holds the check's write lock. */
  void removeAll(CheckState state) {
    for (CheckState.Series series : state.regions.values()) {
      collector.removeSeries(series);
    }
    count.addAndGet(-state.regions.size());
    state.regions.clear();
  }

  /**
   * Removes the series idle for at least the expiry time, taking each check's write lock only if
   * it has one.
   *
   * @return how many (check, region) pairs expired
   */
  int expireIdle(Collection<CheckState> checks) {
    long now = expiry.ticker.getAsLong();
    int expired = 0;
    for (CheckState state : checks) {
      if (!hasIdle(state, now)) {
        continue;
      }
      long stamp = state.lock.writeLock();
      try {
        // A result recorded since 'now' was read makes its series young again: checked anew.
        Iterator<CheckState.Series> it = state.regions.values().iterator();
        while (!state.removed && it.hasNext()) {
          CheckState.Series series = it.next();
          if (expiry.isIdle(series.lastRecordNanos, now)) {
            collector.removeSeries(series);
            it.remove();
            count.decrementAndGet();
            expired++;
          }
        }
      } finally {
        state.lock.unlockWrite(stamp);
      }
    }
    return expired;
  }

  private boolean hasIdle(CheckState state, long now) {
    for (CheckState.Series series : state.regions.values()) {
      if (expiry.isIdle(series.lastRecordNanos, now)) {
        return true;
      }
    }
    return false;
  }
}

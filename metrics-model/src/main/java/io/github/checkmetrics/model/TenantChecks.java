package io.github.checkmetrics.model;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks of one tenant ({@code ""} for the checks of no tenant) by id, and the client_java
 * metrics their results are counted in: the duration histogram and the runs counter, one pair per
 * tenant, never registered on their own, so that a tenant's scrape collects its own series only,
 * at a cost proportional to them, without the tenant label. It makes, relabels and removes the
 * label handles of a (check, region) pair; {@link CheckEntry} decides when, under its lock.
 */
final class TenantChecks {

  /** The state family's states and, counted by outcome, the statuses of the runs counter. */
  static final String PASSING = "passing";

  static final String DEGRADED = "degraded";
  static final String FAILING = "failing";
  static final List<String> STATES = List.of(PASSING, DEGRADED, FAILING);

  final String tenant;
  /** The checks of the tenant by id; written under {@link RegisteredChecks}' definitions lock. */
  final ConcurrentHashMap<String, CheckEntry> checks = new ConcurrentHashMap<>();
  /** The duration histogram's family and metric, null when the schema has none. */
  private final Family durationFamily;
  final Histogram duration;
  /** The runs counter's family and metric, null when the schema has none. */
  private final Family runsFamily;
  final Counter runs;
  private final boolean eagerRunStatuses;
  private final boolean runsByOutcome;
  private final String successStatus;
  private final String failureStatus;

  TenantChecks(String tenant, CheckSchema schema) {
    this.tenant = tenant;
    this.eagerRunStatuses = schema.eagerRunStatuses();
    this.runsByOutcome = schema.runsByOutcome();
    this.successStatus = runsByOutcome ? PASSING : "success";
    this.failureStatus = runsByOutcome ? FAILING : "failure";
    this.durationFamily = schema.family(Family.Kind.DURATION);
    this.duration =
        durationFamily == null
            ? null
            : histogram(durationFamily, schema.buckets(), schema.nativeHistogram());
    this.runsFamily = schema.family(Family.Kind.RUNS);
    this.runs =
        runsFamily == null
            ? null
            : Counter.builder()
                .name(runsFamily.name)
                .help(runsFamily.help(runsByOutcome))
                .labelNames(runsFamily.labelNames)
                .withoutExemplars()
                .build();
  }

  private static Histogram histogram(Family family, double[] buckets, boolean nativeToo) {
    Histogram.Builder builder =
        Histogram.builder()
            .name(family.name)
            .help(family.help(false))
            .labelNames(family.labelNames)
            .classicUpperBounds(buckets)
            .withoutExemplars();
    if (!nativeToo) {
      // client_java keeps classic and native buckets unless told otherwise.
      builder.classicOnly();
    }
    Unit unit = family.metadataUnit();
    return unit == null ? builder.build() : builder.unit(unit).build();
  }

  /** Creates the series of a (check, region) pair and caches its label handles. */
  CheckEntry.Series newSeries(Check check, String region) {
    String[] durationValues =
        durationFamily == null ? null : durationFamily.labelValues(check, region, null);
    boolean degradedRuns = runsFamily != null && runsByOutcome;
    CheckEntry.Series series =
        new CheckEntry.Series(
            region,
            durationValues,
            runsFamily == null ? null : runsFamily.labelValues(check, region, successStatus),
            runsFamily == null ? null : runsFamily.labelValues(check, region, failureStatus),
            degradedRuns ? runsFamily.labelValues(check, region, DEGRADED) : null,
            durationValues == null ? null : duration.labelValues(durationValues));
    if (runs != null && eagerRunStatuses) {
      series.successes = runs.labelValues(series.successLabelValues);
      series.failures = runs.labelValues(series.failureLabelValues);
      if (degradedRuns) {
        series.degradedRuns = runs.labelValues(series.degradedLabelValues);
      }
    }
    return series;
  }

  /** Writes a result into the handles of its pair; allocates nothing once they exist. */
  void write(CheckEntry.Series series, CheckResult result) {
    if (series.duration != null) {
      series.duration.observe(durationFamily.duration(result));
    }
    if (runs != null) {
      CounterDataPoint handle = handle(series, result.outcome());
      // Kept out of line: the steady state has its handle, and a small write inlines whole.
      (handle != null ? handle : newRunsHandle(series, result.outcome())).inc();
    }
  }

  /** Whether the runs handle of an outcome exists, so that {@link #write} creates nothing. */
  boolean hasRunsHandle(CheckEntry.Series series, Outcome outcome) {
    return runs == null || handle(series, outcome) != null;
  }

  private CounterDataPoint handle(CheckEntry.Series series, Outcome outcome) {
    if (outcome == Outcome.FAILED) {
      return series.failures;
    }
    return runsByOutcome && outcome == Outcome.DEGRADED ? series.degradedRuns : series.successes;
  }

  /** Creates the runs handle of an outcome with its first run, when the schema is not eager. */
  private CounterDataPoint newRunsHandle(CheckEntry.Series series, Outcome outcome) {
    // Two racing first runs get the same data point: client_java keys it by label values.
    if (outcome == Outcome.FAILED) {
      return series.failures = runs.labelValues(series.failureLabelValues);
    } else if (runsByOutcome && outcome == Outcome.DEGRADED) {
      return series.degradedRuns = runs.labelValues(series.degradedLabelValues);
    }
    return series.successes = runs.labelValues(series.successLabelValues);
  }

  /** Removes the client_java series of a pair. */
  void removeSeries(CheckEntry.Series series) {
    if (duration != null) {
      duration.remove(series.durationLabelValues);
    }
    if (runs != null) {
      runs.remove(series.successLabelValues);
      runs.remove(series.failureLabelValues);
      if (series.degradedLabelValues != null) {
        runs.remove(series.degradedLabelValues);
      }
    }
  }

  /** Whether the cached handles of a check must be replaced when it changes into another. */
  boolean handlesDiffer(Check before, Check after) {
    for (Family family : Arrays.asList(durationFamily, runsFamily)) {
      if (family != null
          && !Arrays.equals(
              family.labelValues(before, "", ""), family.labelValues(after, "", ""))) {
        return true;
      }
    }
    return false;
  }
}

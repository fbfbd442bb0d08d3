package io.github.checkmetrics.benchmarks;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.CheckMetrics;
import io.github.checkmetrics.model.CheckResult;
import io.github.checkmetrics.model.CheckSchema;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The peer "raw client_java": what a user writes by hand with client_java for the per-region
 * families of checkmetrics' schema (same names, labels, buckets; exemplars off, as in
 * checkmetrics), with the data points cached from {@code labelValues(...)}.
 */
final class RawClientJava {

  final Histogram duration;
  final Counter runs;
  final Gauge lastDuration;
  final Gauge lastRun;

  RawClientJava(PrometheusRegistry registry) {
    duration =
        Histogram.builder()
            .name("check_duration_seconds")
            .help("Duration of every run of the check")
            .unit(Unit.SECONDS)
            .labelNames("check_id", "check_name", "region")
            .classicOnly()
            .classicUpperBounds(CheckSchema.DEFAULT_BUCKETS)
            .withoutExemplars()
            .register(registry);
    runs =
        Counter.builder()
            .name("check_runs")
            .help("Runs of the check, by status (success or failure)")
            .labelNames("check_id", "check_name", "region", "status")
            .withoutExemplars()
            .register(registry);
    lastDuration =
        Gauge.builder()
            .name("check_last_duration_seconds")
            .help("Duration of the latest run of the check in the region")
            .unit(Unit.SECONDS)
            .labelNames("check_id", "check_name", "check_type", "region", "tags")
            .withoutExemplars()
            .register(registry);
    lastRun =
        Gauge.builder()
            .name("check_last_run_timestamp_seconds")
            .help("Unix time the latest run of the check in the region ended")
            .unit(Unit.SECONDS)
            .labelNames("check_id", "check_name", "region")
            .withoutExemplars()
            .register(registry);
  }

  /** Looks up (and on first use creates) the data points of one (check, region). */
  Series series(Check check, String region) {
    return new Series(
        duration.labelValues(check.id(), check.name(), region),
        runs.labelValues(check.id(), check.name(), region, "success"),
        runs.labelValues(check.id(), check.name(), region, "failure"),
        lastDuration.labelValues(
            check.id(), check.name(), check.type(), region, check.joinedTags()),
        lastRun.labelValues(check.id(), check.name(), region));
  }

  /** Removes the series of one (check, region) from every family. */
  void remove(Check check, String region) {
    duration.remove(check.id(), check.name(), region);
    runs.remove(check.id(), check.name(), region, "success");
    runs.remove(check.id(), check.name(), region, "failure");
    lastDuration.remove(check.id(), check.name(), check.type(), region, check.joinedTags());
    lastRun.remove(check.id(), check.name(), region);
  }

  /** The cached data points of one (check, region). */
  static final class Series {
    private final DistributionDataPoint duration;
    private final CounterDataPoint successes;
    private final CounterDataPoint failures;
    private final GaugeDataPoint lastDuration;
    private final GaugeDataPoint lastRun;

    Series(
        DistributionDataPoint duration,
        CounterDataPoint successes,
        CounterDataPoint failures,
        GaugeDataPoint lastDuration,
        GaugeDataPoint lastRun) {
      this.duration = duration;
      this.successes = successes;
      this.failures = failures;
      this.lastDuration = lastDuration;
      this.lastRun = lastRun;
    }

    /** The same updates as {@link CheckMetrics#record(CheckResult)}, through cached handles. */
    void record(CheckResult result) {
      double seconds = result.durationSeconds();
      duration.observe(seconds);
      if (result.outcome().isSuccess()) {
        successes.inc();
      } else {
        failures.inc();
      }
      lastDuration.set(seconds);
      lastRun.set(Fixtures.finishedAtSeconds(result));
    }
  }
}

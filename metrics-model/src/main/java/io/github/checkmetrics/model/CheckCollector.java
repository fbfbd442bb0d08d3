package io.github.checkmetrics.model;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The six metric families of checks as one {@link MultiCollector}: histogram and counter are
 * client_java metrics (never registered on their own), the gauges are derived from each check's
 * latest results at scrape time, so that a rename, mute or removal can never leave a stale series.
 */
final class CheckCollector implements MultiCollector {

  static final String[] STATUS_LABELS = {
    "check_id", "check_name", "check_type", "muted", "activated", "tags"
  };
  static final String[] DEGRADED_LABELS = {"check_id", "check_name", "check_type"};
  static final String[] LAST_DURATION_LABELS = {
    "check_id", "check_name", "check_type", "region", "tags"
  };
  static final String[] DURATION_LABELS = {"check_id", "check_name", "region"};
  static final String[] RUNS_LABELS = {"check_id", "check_name", "region", "status"};
  static final String[] LAST_RUN_LABELS = {"check_id", "check_name", "region"};

  final String statusName;
  final String degradedName;
  final String lastDurationName;
  final String durationName;
  final String runsName;
  final String lastRunName;
  final Histogram duration;
  final Counter runs;
  private final Collection<CheckState> checks;
  private final List<String> names;
  private final List<MetricFamilyDescriptor> descriptors;

  CheckCollector(String namespace, double[] buckets, Collection<CheckState> checks) {
    this.statusName = namespace + "_status";
    this.degradedName = namespace + "_degraded";
    this.lastDurationName = namespace + "_last_duration_seconds";
    this.durationName = namespace + "_duration_seconds";
    this.runsName = namespace + "_runs";
    this.lastRunName = namespace + "_last_run_timestamp_seconds";
    this.checks = checks;
    this.duration =
        Histogram.builder()
            .name(durationName)
            .help("Duration of every run of the check")
            .unit(Unit.SECONDS)
            .labelNames(DURATION_LABELS)
            .classicOnly()
            .classicUpperBounds(buckets)
            .withoutExemplars()
            .build();
    this.runs =
        Counter.builder()
            .name(runsName)
            .help("Runs of the check, by status (success or failure)")
            .labelNames(RUNS_LABELS)
            .withoutExemplars()
            .build();
    this.names =
        List.of(statusName, degradedName, lastDurationName, durationName, runsName, lastRunName);
    this.descriptors =
        List.of(
            MetricFamilyDescriptor.of(
                MetricType.GAUGE, new MetricMetadata(statusName), Set.of(STATUS_LABELS)),
            MetricFamilyDescriptor.of(
                MetricType.GAUGE, new MetricMetadata(degradedName), Set.of(DEGRADED_LABELS)),
            MetricFamilyDescriptor.of(
                MetricType.GAUGE,
                new MetricMetadata(lastDurationName),
                Set.of(LAST_DURATION_LABELS)),
            MetricFamilyDescriptor.of(
                MetricType.HISTOGRAM, new MetricMetadata(durationName), Set.of(DURATION_LABELS)),
            MetricFamilyDescriptor.of(
                MetricType.COUNTER, new MetricMetadata(runsName), Set.of(RUNS_LABELS)),
            MetricFamilyDescriptor.of(
                MetricType.GAUGE, new MetricMetadata(lastRunName), Set.of(LAST_RUN_LABELS)));
  }

  /** The names of every sample line these families can write, to detect a clash in a registry. */
  Set<String> expositionNames() {
    Set<String> result = new HashSet<>(names);
    result.add(runsName + "_total");
    result.add(runsName + "_created");
    result.add(durationName + "_bucket");
    result.add(durationName + "_count");
    result.add(durationName + "_sum");
    result.add(durationName + "_created");
    return result;
  }

  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return descriptors;
  }

  @Override
  public MetricSnapshots collect() {
    return collect(name -> true);
  }

  @Override
  public MetricSnapshots collect(Predicate<String> includedNames) {
    MetricSnapshots.Builder result = MetricSnapshots.builder();
    GaugeSnapshot.Builder status = gauge(statusName, includedNames, null,
        "1 when the latest run of the check passed in every region it ran in (degraded counts as"
            + " passing), else 0");
    GaugeSnapshot.Builder degraded = gauge(degradedName, includedNames, null,
        "1 when the latest run of the check was degraded in any region, else 0");
    GaugeSnapshot.Builder lastDuration = gauge(lastDurationName, includedNames, Unit.SECONDS,
        "Duration of the latest run of the check in the region");
    GaugeSnapshot.Builder lastRun = gauge(lastRunName, includedNames, Unit.SECONDS,
        "Unix time the latest run of the check in the region ended");
    for (CheckState state : checks) {
      Check check = state.check;
      boolean ran = false;
      boolean failing = false;
      boolean anyDegraded = false;
      String tags = check.joinedTags();
      for (CheckState.Series series : state.regions.values()) {
        Outcome outcome = series.lastOutcome;
        if (outcome == null) {
          continue; // created by a racing record that has not finished yet
        }
        ran = true;
        failing |= outcome == Outcome.FAILED;
        anyDegraded |= outcome == Outcome.DEGRADED;
        add(lastDuration, LAST_DURATION_LABELS, series.lastDurationSeconds,
            check.id(), check.name(), check.type(), series.region, tags);
        add(lastRun, LAST_RUN_LABELS, series.lastRunTimestampSeconds,
            check.id(), check.name(), series.region);
      }
      if (ran) {
        add(status, STATUS_LABELS, failing ? 0 : 1, check.id(), check.name(), check.type(),
            Boolean.toString(check.muted()), Boolean.toString(check.activated()),
            tags);
        add(degraded, DEGRADED_LABELS, anyDegraded ? 1 : 0, check.id(), check.name(), check.type());
      }
    }
    addIfIncluded(result, status);
    addIfIncluded(result, degraded);
    addIfIncluded(result, lastDuration);
    addIfIncluded(result, lastRun);
    if (includedNames.test(durationName)) {
      result.metricSnapshot(duration.collect());
    }
    if (includedNames.test(runsName)) {
      result.metricSnapshot(runs.collect());
    }
    return result.build();
  }

  private static GaugeSnapshot.Builder gauge(
      String name, Predicate<String> includedNames, Unit unit, String help) {
    if (!includedNames.test(name)) {
      return null;
    }
    GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
    return unit == null ? builder : builder.unit(unit);
  }

  private static void add(
      GaugeSnapshot.Builder gauge, String[] labelNames, double value, String... labelValues) {
    if (gauge == null) {
      return;
    }
    gauge.dataPoint(
        GaugeDataPointSnapshot.builder()
            .labels(Labels.of(labelNames, labelValues))
            .value(value)
            .build());
  }

  private static void addIfIncluded(MetricSnapshots.Builder result, GaugeSnapshot.Builder gauge) {
    if (gauge != null) {
      result.metricSnapshot(gauge.build());
    }
  }
}

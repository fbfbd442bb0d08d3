package io.github.checkmetrics.model;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The check families of a {@link CheckSchema} as one {@link MultiCollector}: the duration histogram
 * and the runs counter are client_java metrics (never registered on their own), the gauges are
 * derived from each check's latest results at scrape time, so that a rename, mute, expiry or
 * removal can never leave a stale series. It also holds the counters of what the limits refuse
 * ({@link Rejections}).
 */
final class CheckCollector implements MultiCollector {

  /** The states of the state family and, counted by outcome, the statuses of the runs counter. */
  private static final String PASSING = "passing";
  private static final String DEGRADED = "degraded";
  private static final String FAILING = "failing";
  private static final List<String> STATES = List.of(PASSING, DEGRADED, FAILING);

  /** One family of the schema, resolved in a namespace. */
  static final class Resolved {
    final FamilySpec spec;
    final String name;
    final CheckLabel[] labels;
    /** The keys of the tag labels, written after {@link #labels}. */
    final String[] tagKeys;
    final String[] labelNames;

    Resolved(FamilySpec spec, String namespace, CheckSchema schema) {
      this.spec = spec;
      this.name = SchemaNames.clientJavaName(spec, namespace);
      this.labels = spec.labels().toArray(new CheckLabel[0]);
      this.tagKeys = schema.tagLabels().toArray(new String[0]);
      this.labelNames = new String[labels.length + tagKeys.length];
      for (int i = 0; i < labels.length; i++) {
        labelNames[i] = schema.labelName(labels[i]);
      }
      System.arraycopy(tagKeys, 0, labelNames, labels.length, tagKeys.length);
    }

    /** The unit for client_java's metadata: only when the name ends with it (else it appends). */
    Unit metadataUnit() {
      if (spec.unit() == null) {
        return null;
      }
      String unit = spec.unit() == TimeUnit.SECONDS ? "seconds" : "milliseconds";
      return name.endsWith("_" + unit) ? new Unit(unit) : null;
    }

    /**
     * The label values of a series.
     *
     * @param own the value of the family's own label: {@code STATUS} in the runs counter and the
     *     state family, {@code REASON} in the failure reason family; else unused
     */
    String[] labelValues(Check check, String region, String own) {
      String[] values = new String[labelNames.length];
      for (int i = 0; i < labels.length; i++) {
        boolean isOwn = labels[i] == CheckLabel.STATUS || labels[i] == CheckLabel.REASON;
        values[i] = isOwn ? own : labels[i].valueOf(check, region);
      }
      for (int i = 0; i < tagKeys.length; i++) {
        values[labels.length + i] = check.tagValues(tagKeys[i]);
      }
      return values;
    }

    boolean isMilliseconds() {
      return spec.unit() == TimeUnit.MILLISECONDS;
    }
  }

  private final Map<Family, Resolved> families = new EnumMap<>(Family.class);
  /** The registered checks, set once by {@link #collectFrom} before registration. */
  private volatile Collection<CheckState> checks = List.of();
  private final boolean eagerRunStatuses;
  private final boolean runsByOutcome;
  private final String successStatus;
  private final String failureStatus;
  private final FailureReasonSet reasons = new FailureReasonSet();
  private final List<String> names = new ArrayList<>();
  private final List<MetricFamilyDescriptor> descriptors = new ArrayList<>();
  final Histogram duration;
  final Counter runs;
  final Rejections rejections;

  CheckCollector(
      CheckSchema schema,
      String namespace,
      double[] buckets,
      Set<Layer> layers) {
    this.eagerRunStatuses = schema.eagerRunStatuses();
    this.runsByOutcome = schema.runsByOutcome();
    this.successStatus = runsByOutcome ? PASSING : "success";
    this.failureStatus = runsByOutcome ? FAILING : "failure";
    for (FamilySpec spec : schema.specs()) {
      if (layers.contains(spec.family().layer)) {
        Resolved family = new Resolved(spec, namespace, schema);
        families.put(spec.family(), family);
        names.add(family.name);
        MetricType type =
            spec.family() == Family.DURATION
                ? MetricType.HISTOGRAM
                : spec.family() == Family.RUNS ? MetricType.COUNTER : MetricType.GAUGE;
        descriptors.add(
            MetricFamilyDescriptor.of(
                type, new MetricMetadata(family.name), Set.of(family.labelNames)));
      }
    }
    Resolved durationFamily = families.get(Family.DURATION);
    this.duration =
        durationFamily == null
            ? null
            : histogram(durationFamily, buckets, schema.nativeHistogram());
    Resolved runsFamily = families.get(Family.RUNS);
    this.runs =
        runsFamily == null
            ? null
            : Counter.builder()
                .name(runsFamily.name)
                .help(runsByOutcome
                    ? "Runs of the check, by outcome (passing, degraded or failing)"
                    : "Runs of the check, by status (success or failure)")
                .labelNames(runsFamily.labelNames)
                .withoutExemplars()
                .build();
    this.rejections = new Rejections(namespace);
    names.addAll(rejections.names());
    descriptors.addAll(rejections.descriptors());
  }

  private static Histogram histogram(Resolved family, double[] buckets, boolean nativeToo) {
    Histogram.Builder builder =
        Histogram.builder()
            .name(family.name)
            .help(family.isMilliseconds()
                ? "Duration of every run of the check, in milliseconds"
                : "Duration of every run of the check")
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

  /** Sets the live view of the registered checks whose gauges a scrape derives. */
  void collectFrom(Collection<CheckState> checks) {
    this.checks = checks;
  }

  /** The names of every sample line these families can write, to detect a clash in a registry. */
  Set<String> expositionNames() {
    Set<String> result = new HashSet<>(names);
    result.addAll(rejections.writtenNames());
    if (runs != null) {
      String counter = families.get(Family.RUNS).name;
      result.add(counter + "_total");
      result.add(counter + "_created");
    }
    if (duration != null) {
      String name = families.get(Family.DURATION).name;
      for (String suffix : List.of("_bucket", "_count", "_sum", "_created")) {
        result.add(name + suffix);
      }
    }
    return result;
  }

  /** The names of the families with one series per (check, region), for the limit's warning. */
  List<String> perRegionFamilyNames() {
    List<String> result = new ArrayList<>();
    for (Resolved family : families.values()) {
      if (family.spec.family().perRegion) {
        result.add(family.spec.family() == Family.RUNS ? family.name + "_total" : family.name);
      }
    }
    return result;
  }

  /** Creates the series of a (check, region) pair and caches its label handles. */
  CheckState.Series newSeries(Check check, String region) {
    Resolved durationFamily = families.get(Family.DURATION);
    Resolved runsFamily = families.get(Family.RUNS);
    String[] durationValues =
        durationFamily == null ? null : durationFamily.labelValues(check, region, null);
    boolean degradedRuns = runsFamily != null && runsByOutcome;
    CheckState.Series series =
        new CheckState.Series(
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

  /** Whether the runs handle of an outcome exists, so that {@link #runsHandle} creates nothing. */
  boolean hasRunsHandle(CheckState.Series series, Outcome outcome) {
    return runs == null || handle(series, outcome) != null;
  }

  private CounterDataPoint handle(CheckState.Series series, Outcome outcome) {
    if (outcome == Outcome.FAILED) {
      return series.failures;
    }
    return runsByOutcome && outcome == Outcome.DEGRADED ? series.degradedRuns : series.successes;
  }

  /** The runs handle of an outcome, created with its first run if the schema is not eager. */
  CounterDataPoint runsHandle(CheckState.Series series, Outcome outcome) {
    CounterDataPoint handle = handle(series, outcome);
    if (handle == null) {
      // Two racing first runs get the same data point: client_java keys it by label values.
      if (outcome == Outcome.FAILED) {
        handle = series.failures = runs.labelValues(series.failureLabelValues);
      } else if (runsByOutcome && outcome == Outcome.DEGRADED) {
        handle = series.degradedRuns = runs.labelValues(series.degradedLabelValues);
      } else {
        handle = series.successes = runs.labelValues(series.successLabelValues);
      }
    }
    return handle;
  }

  void removeSeries(CheckState.Series series) {
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
    for (Family family : List.of(Family.DURATION, Family.RUNS)) {
      Resolved resolved = families.get(family);
      if (resolved != null
          && !Arrays.equals(
              resolved.labelValues(before, "", ""), resolved.labelValues(after, "", ""))) {
        return true;
      }
    }
    return false;
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
    GaugeSnapshot.Builder status = gauge(Family.STATUS, includedNames,
        "1 when the latest run of the check passed in every region it ran in (degraded counts as"
            + " passing), else 0");
    GaugeSnapshot.Builder degraded = gauge(Family.DEGRADED, includedNames,
        "1 when the latest run of the check was degraded in any region, else 0");
    GaugeSnapshot.Builder lastDuration = gauge(Family.LAST_DURATION, includedNames,
        "Duration of the latest run of the check in the region");
    GaugeSnapshot.Builder lastRun = gauge(Family.LAST_RUN, includedNames,
        "Unix time the latest run of the check in the region ended");
    GaugeSnapshot.Builder state = gauge(Family.STATE, includedNames,
        "1 for the state of the check (passing, degraded or failing), 0 for the others: failing"
            + " when its latest run failed in any region, degraded when it was degraded in any");
    GaugeSnapshot.Builder regionStatus = gauge(Family.REGION_STATUS, includedNames,
        "1 when the latest run of the check in the region passed (degraded counts as passing),"
            + " else 0");
    GaugeSnapshot.Builder failureReason = gauge(Family.FAILURE_REASON, includedNames,
        "Reason of the latest failed run of the check in the region: 1 while the latest run is"
            + " that failure, 0 once a later run passed");
    for (CheckState checkState : checks) {
      Check check = checkState.check;
      boolean ran = false;
      boolean failing = false;
      boolean anyDegraded = false;
      for (CheckState.Series series : checkState.regions.values()) {
        CheckResult latest = series.latest;
        if (latest == null) {
          continue; // created by a racing record that has not finished yet
        }
        ran = true;
        boolean failed = latest.outcome() == Outcome.FAILED;
        failing |= failed;
        anyDegraded |= latest.outcome() == Outcome.DEGRADED;
        add(lastDuration, Family.LAST_DURATION, check, series.region, null,
            lastDuration == null ? 0 : duration(families.get(Family.LAST_DURATION), latest));
        add(lastRun, Family.LAST_RUN, check, series.region, null,
            lastRun == null ? 0 : timestamp(families.get(Family.LAST_RUN), latest.finishedAt()));
        add(regionStatus, Family.REGION_STATUS, check, series.region, null, failed ? 0 : 1);
        CheckResult lastFailure = series.lastFailure;
        if (failureReason != null && lastFailure != null) {
          String reason = reasons.exposed(lastFailure.failureReason().orElse("unknown"));
          add(failureReason, Family.FAILURE_REASON, check, series.region, reason,
              latest == lastFailure ? 1 : 0);
        }
      }
      if (ran) {
        add(status, Family.STATUS, check, null, null, failing ? 0 : 1);
        add(degraded, Family.DEGRADED, check, null, null, anyDegraded ? 1 : 0);
        if (state != null) {
          String current = failing ? FAILING : anyDegraded ? DEGRADED : PASSING;
          for (String each : STATES) {
            add(state, Family.STATE, check, null, each, each.equals(current) ? 1 : 0);
          }
        }
      }
    }
    for (GaugeSnapshot.Builder gauge :
        Arrays.asList(status, degraded, lastDuration, lastRun, state, regionStatus,
            failureReason)) {
      if (gauge != null) {
        result.metricSnapshot(gauge.build());
      }
    }
    if (duration != null && includedNames.test(families.get(Family.DURATION).name)) {
      result.metricSnapshot(duration.collect());
    }
    if (runs != null && includedNames.test(families.get(Family.RUNS).name)) {
      result.metricSnapshot(runs.collect());
    }
    rejections.collect(result, includedNames);
    return result.build();
  }

  /** A value of a duration family, in its unit; exact for whole milliseconds in both units. */
  static double duration(Resolved family, CheckResult result) {
    if (family.isMilliseconds()) {
      return result.duration().getSeconds() * 1e3 + result.duration().getNano() / 1e6;
    }
    return result.durationSeconds();
  }

  static double timestamp(Resolved family, Instant instant) {
    if (family.isMilliseconds()) {
      return instant.getEpochSecond() * 1e3 + instant.getNano() / 1e6;
    }
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }

  /** The duration histogram's family, to convert an observation to its unit; may be null. */
  Resolved durationFamily() {
    return families.get(Family.DURATION);
  }

  private GaugeSnapshot.Builder gauge(Family family, Predicate<String> includedNames, String help) {
    Resolved resolved = families.get(family);
    if (resolved == null || !includedNames.test(resolved.name)) {
      return null;
    }
    String unitHelp = resolved.isMilliseconds() ? ", in milliseconds" : "";
    GaugeSnapshot.Builder builder =
        GaugeSnapshot.builder().name(resolved.name).help(help + unitHelp);
    Unit unit = resolved.metadataUnit();
    return unit == null ? builder : builder.unit(unit);
  }

  private void add(
      GaugeSnapshot.Builder gauge,
      Family family,
      Check check,
      String region,
      String own,
      double value) {
    if (gauge == null) {
      return;
    }
    Resolved resolved = families.get(family);
    gauge.dataPoint(
        GaugeDataPointSnapshot.builder()
            .labels(Labels.of(resolved.labelNames, resolved.labelValues(check, region, own)))
            .value(value)
            .build());
  }
}
